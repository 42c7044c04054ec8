import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import i18next, { type TFunction } from 'i18next';
import { createLocalizer, type Translate } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { startApp, type RunningApp } from '../support/appHarness';
import { collectPageProblems, launchChromium, requireChromium, saveScreenshot } from './browser';

const AGENT_TOKEN = 'e2e-alice-token-0123456789abcdef';
const TRANSCRIPT = '.webchat__basic-transcript';
const SEND_BOX = '.webchat__send-box-text-box__input';
const TICKET_NUMBER = /KYC-[0-9A-Z]{7}/;
const REPLY = 'Please take the photo again in daylight, without flash.';

/** A string expression evaluated in the page: the tests compile without the DOM library. */
async function inPage(page: Page, expression: string): Promise<unknown> {
  return page.evaluate(expression);
}

/**
 * The support team's side in a real browser: an agent signs in to the console, a user files a
 * ticket through the bot on the Web Chat page, the ticket appears in the queue live, the agent
 * replies (the user's page shows it) and resolves it (the queue shows it). The steps run in order.
 */
type Text = (key: string, params?: Record<string, string | number>) => string;

/** The console's own texts (locales/agent-console/<locale>.json), as the page renders them. */
async function consoleTranslator(locale: 'en' | 'zh-CN'): Promise<TFunction> {
  const file = path.join(LOCALES_DIR, 'agent-console', `${locale}.json`);
  const texts: unknown = JSON.parse(await readFile(file, 'utf8'));
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: locale,
    resources: { [locale]: { translation: z.record(z.string(), z.unknown()).parse(texts) } },
  });
  return i18n.t;
}

/** `agent:` keys from the console's texts, everything else from the bot's. */
function withConsoleTexts(bot: Translate, console: TFunction): Text {
  return (key, params) => (key.startsWith('agent:') ? console(key.slice('agent:'.length), params) : bot(key, params));
}

describe('the agent console (real bot, Chromium)', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let agentContext: BrowserContext;
  let agent: Page;
  let queueWatcher: Page;
  let user: Page;
  let problems: string[];
  let en: Text;
  let zh: Text;
  let ticketNumber = '';

  before(async function () {
    requireChromium(this);
    const localizer = await createLocalizer(LOCALES_DIR, 'en');
    en = withConsoleTexts(localizer.t('en'), await consoleTranslator('en'));
    zh = withConsoleTexts(localizer.t('zh-CN'), await consoleTranslator('zh-CN'));
    app = await startApp({ LOCAL_WEBCHAT: 'true', AGENT_TOKENS: `alice:${AGENT_TOKEN}` });
    browser = await launchChromium();
    agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } });
    agent = await agentContext.newPage();
    queueWatcher = await agentContext.newPage();
    problems = [...collectPageProblems(agent), ...collectPageProblems(queueWatcher)];
    const userContext = await browser.newContext({ locale: 'en-US', viewport: { width: 800, height: 900 } });
    user = await userContext.newPage();
    problems.push(...collectPageProblems(user));
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (agent && test?.state === 'failed')
      await saveScreenshot(agent, `agent-console-failed-${test.title.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const row = (page: Page) => page.locator(`#queue-rows tr[data-number="${ticketNumber}"]`);

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${app.baseUrl}/agent`);
    await page.getByLabel(en('agent:signIn.token')).fill(AGENT_TOKEN);
    await page.getByLabel(en('agent:signIn.token')).press('Enter');
    await page.getByRole('heading', { name: en('agent:queue.heading') }).waitFor();
    await page.locator('#live[data-state="live"]').waitFor();
  }

  it('refuses a wrong token and signs the agent in with the keyboard', async () => {
    await agent.goto(`${app.baseUrl}/agent`);
    const token = agent.getByLabel(en('agent:signIn.token'));
    await token.fill('not-the-right-token-000000000');
    await token.press('Enter');
    await agent.getByText(en('agent:signIn.invalid')).waitFor();
    await signIn(agent);
    await agent.getByText(en('agent:signedInAs', { name: 'alice' })).waitFor();
    assert.equal(await inPage(agent, "sessionStorage.getItem('kycAgentToken')"), AGENT_TOKEN);
    assert.equal(await inPage(agent, 'localStorage.length'), 0, 'nothing in localStorage');
    await signIn(queueWatcher);
  });

  it('shows a ticket the user files through the bot in the queue without a reload', async () => {
    await user.goto(`${app.baseUrl}/`);
    await user.locator('.webchat__connectivityStatus').waitFor({ state: 'hidden' });
    await user.locator(SEND_BOX).fill('talk to a person');
    await user.locator(SEND_BOX).press('Enter');
    const skip = user.locator('.webchat__suggested-action', { hasText: en('tickets:skip') });
    await skip.waitFor();
    await skip.click();
    const card = user.locator(`${TRANSCRIPT} .ac-adaptiveCard`, { hasText: en('tickets:created.title') }).last();
    await card.waitFor();
    ticketNumber = TICKET_NUMBER.exec(await card.innerText())?.[0] ?? '';
    assert.ok(ticketNumber, 'the user sees a ticket number');

    await row(agent).waitFor({ timeout: 15_000 });
    assert.equal(await row(agent).locator('[data-status]').getAttribute('data-status'), 'open');
    await saveScreenshot(agent, 'agent-01-queue-live');
  });

  it('opens the ticket from the queue with the keyboard and shows what the bot knows', async () => {
    const link = row(agent).getByRole('link', { name: ticketNumber });
    await link.focus();
    await link.press('Enter');
    await agent.getByRole('heading', { name: en('agent:ticket.heading', { number: ticketNumber }) }).waitFor();
    const body = agent.locator('#ticket-body');
    await body.getByText(en('agent:ticket.noReference')).waitFor();
    await body.getByRole('heading', { name: en('agent:ticket.steps') }).waitFor();
    await body.getByRole('heading', { name: en('agent:ticket.attempts') }).waitFor();
    assert.ok((await body.innerText()).includes('directline'), 'the channel is shown');
  });

  it("sends a reply that reaches the user's chat", async () => {
    await agent.getByLabel(en('agent:reply.label')).fill(REPLY);
    await agent.getByRole('button', { name: en('agent:reply.send') }).click();
    await agent.locator('#form-result', { hasText: en('agent:reply.sent') }).waitFor();
    await user.locator(`${TRANSCRIPT} p`, { hasText: REPLY }).waitFor({ timeout: 15_000 });
    await agent.locator('#ticket-body blockquote', { hasText: REPLY }).waitFor();
    await agent
      .locator('#ticket-body')
      .getByText(/^alice,/)
      .first()
      .waitFor();
  });

  it('adds an internal note and resolves the ticket; the queue in another tab shows the status live', async () => {
    await agent.getByLabel(en('agent:note.label')).fill('Photo retake requested.');
    await agent.getByRole('button', { name: en('agent:note.add') }).click();
    await agent.locator('#form-result', { hasText: en('agent:note.added') }).waitFor();
    await agent.locator('#status-form').getByLabel(en('agent:change.label')).selectOption('resolved');
    await agent.getByRole('button', { name: en('agent:change.save') }).click();
    await agent.locator('#ticket-status[data-status="resolved"]').waitFor();
    await row(queueWatcher).locator('[data-status="resolved"]').waitFor({ timeout: 15_000 });
    assert.ok(!(await user.locator(TRANSCRIPT).innerText()).includes('Photo retake requested.'), 'notes stay internal');
    await agent.getByRole('link', { name: en('agent:ticket.back') }).click();
    await row(agent).locator('[data-status="resolved"]').waitFor();
  });

  it('filters the queue and speaks Chinese', async () => {
    await agent.locator('#filters').getByLabel(en('agent:queue.status')).selectOption('open');
    await row(agent).waitFor({ state: 'detached' });
    await agent.locator('#filters').getByLabel(en('agent:queue.status')).selectOption('resolved');
    await row(agent).waitFor();
    await agent.getByRole('button', { name: '中文' }).click();
    await agent.getByRole('heading', { name: zh('agent:queue.heading') }).waitFor();
    assert.equal(await agent.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await row(agent).locator('[data-status]').innerText(), zh('agent:status.resolved'));
  });

  it('fits a phone screen and signs out, closing the live stream', async () => {
    await agent.setViewportSize({ width: 375, height: 740 });
    await row(agent).getByRole('link', { name: ticketNumber }).click();
    await agent.getByRole('heading', { name: zh('agent:ticket.heading', { number: ticketNumber }) }).waitFor();
    const overflow = Number(await inPage(agent, 'document.documentElement.scrollWidth - window.innerWidth'));
    assert.ok(overflow <= 0, `no sideways scrolling at phone width (${overflow}px too wide)`);
    await saveScreenshot(agent, 'agent-02-ticket-phone-zh');
    await agent.getByRole('button', { name: zh('agent:signOut') }).click();
    await agent.getByLabel(zh('agent:signIn.token')).waitFor();
    assert.equal(await inPage(agent, "sessionStorage.getItem('kycAgentToken')"), null);
    assert.deepEqual(problems, [], 'no script errors and no CSP violations');
  });
});
