import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import i18next, { type TFunction } from 'i18next';
import { z } from 'zod';
import { createLocalizer, type Translate } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { startApp, type RunningApp } from '../support/appHarness';
import { collectPageProblems, launchChromium, requireChromium, saveScreenshot } from './browser';

const AGENT_TOKEN = 'e2e-reports-token-0123456789abcdef';
const SEND_BOX = '.webchat__send-box-text-box__input';
const TRANSCRIPT = '.webchat__basic-transcript';

async function consoleTexts(locale: 'en' | 'zh-CN'): Promise<TFunction> {
  const file = path.join(LOCALES_DIR, 'agent-console', `${locale}.json`);
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: locale,
    resources: {
      [locale]: { translation: z.record(z.string(), z.unknown()).parse(JSON.parse(await readFile(file, 'utf8'))) },
    },
  });
  return i18n.t;
}

/** A string expression evaluated in the page: the tests compile without the DOM library. */
async function inPage(page: Page, expression: string): Promise<unknown> {
  return page.evaluate(expression);
}

/**
 * The manager's side in a real browser at phone width: a user escalates through the bot on the
 * Web Chat page, and the reports page (signed in with the keyboard) shows that escalation under
 * its cause, drawn by chart.js served from this server, in English and in Chinese.
 */
describe('the reports page (real bot, Chromium)', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let manager: Page;
  let user: Page;
  let problems: string[];
  let bot: Translate;
  let agentText: TFunction;
  let agentZh: TFunction;

  before(async function () {
    requireChromium(this);
    const localizer = await createLocalizer(LOCALES_DIR, 'en');
    bot = localizer.t('en');
    agentText = await consoleTexts('en');
    agentZh = await consoleTexts('zh-CN');
    app = await startApp({ LOCAL_WEBCHAT: 'true', AGENT_TOKENS: `maria:${AGENT_TOKEN}` });
    browser = await launchChromium();
    const managerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    manager = await managerContext.newPage();
    const userContext = await browser.newContext({ locale: 'en-US', viewport: { width: 800, height: 900 } });
    user = await userContext.newPage();
    problems = [...collectPageProblems(manager), ...collectPageProblems(user)];
  });

  afterEach(async function () {
    if (manager && this.currentTest?.state === 'failed') await saveScreenshot(manager, 'reports-failed');
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows an escalation filed through the bot under its cause', async () => {
    await user.goto(`${app.baseUrl}/`);
    await user.locator('.webchat__connectivityStatus').waitFor({ state: 'hidden' });
    await user.locator(SEND_BOX).fill('my passport expired');
    await user.locator(SEND_BOX).press('Enter');
    await user.locator('.webchat__suggested-action', { hasText: bot('topics:document_expired.hasOther') }).waitFor();
    await user.locator(SEND_BOX).fill('talk to a person');
    await user.locator(SEND_BOX).press('Enter');
    const skip = user.locator('.webchat__suggested-action', { hasText: bot('tickets:skip') });
    await skip.waitFor();
    await skip.click();
    await user
      .locator(`${TRANSCRIPT} .ac-adaptiveCard`, { hasText: bot('tickets:created.title') })
      .last()
      .waitFor();

    await manager.goto(`${app.baseUrl}/agent/reports`);
    const token = manager.getByLabel(agentText('signIn.token'));
    await token.fill(AGENT_TOKEN);
    await token.press('Enter');
    await manager.getByRole('heading', { name: agentText('reports.heading') }).waitFor();
    assert.equal(await inPage(manager, 'typeof Chart'), 'function', 'chart.js is loaded from this server');

    const cause = bot('topics:document_expired.label');
    const row = manager.locator('#table-containment tbody tr', { hasText: cause });
    // Each count reaches the database within a second of its own turn, so the row can show the
    // start before the escalation: ask again (with the keyboard) until both are there.
    const expected = ['1', '0', '1', '0', '0'];
    const counts = async () => (await row.locator('td').allTextContents()).map((cell) => cell.trim());
    const last7 = manager.getByRole('button', { name: agentText('reports.last7') });
    for (let attempt = 0; attempt < 40; attempt += 1) {
      if ((await row.count()) > 0 && (await counts()).slice(0, 5).join() === expected.join()) break;
      await last7.focus();
      await manager.keyboard.press('Enter');
      await manager.waitForTimeout(250);
    }
    await manager.getByText(agentText('reports.asTable')).nth(1).click();
    const cells = await row.locator('td').allInnerTexts();
    assert.deepEqual(
      cells.slice(0, 5),
      expected,
      `started, resolved, escalated, abandoned, open: ${cells.join(' | ')}`,
    );
    const summary = await manager.locator('#summary').innerText();
    assert.ok(summary.includes(agentText('reports.escalated')), summary);
    const sections = ['conversations', 'containment', 'photoChecks', 'selfieChecks', 'infoRules', 'satisfaction'];
    for (const [index, key] of sections.entries()) {
      const section = manager.locator('#reports-body section').nth(index);
      await section.getByRole('heading', { name: agentText(`reports.${key}`) }).waitFor();
      const canvas = section.locator('canvas');
      assert.equal(await canvas.getAttribute('role'), 'img', key);
      assert.ok(((await canvas.getAttribute('aria-label')) ?? '').length > 0, `the ${key} chart says what it shows`);
      assert.ok((await section.locator('table thead th[scope="col"]').count()) >= 2, `the ${key} table has headers`);
    }
    assert.equal(await manager.locator('#reports-body section').count(), sections.length);
    assert.equal(await manager.locator('#chart-containment').getAttribute('role'), 'img');
    assert.ok(
      ((await manager.locator('#chart-containment').getAttribute('aria-label')) ?? '').length > 0,
      'the chart says what it shows',
    );
    assert.ok(
      (await manager.locator('#containment-heading ~ .meta').innerText()).length > 0,
      'the containment note says what abandoned and open mean',
    );
    const overflow = await inPage(
      manager,
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    assert.equal(overflow, 0, 'no sideways scrolling at phone width');
    await saveScreenshot(manager, 'reports-01-escalation');

    await manager.getByRole('button', { name: '中文' }).click();
    await manager.getByRole('heading', { name: agentZh('reports.heading') }).waitFor();
    await manager.getByText(agentZh('reports.containment')).waitFor();
    assert.deepEqual(problems, []);
  });
});
