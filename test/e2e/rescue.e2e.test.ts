import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { DIRECT_LINE_CHANNEL_ID } from '../../src/channels/directline/directLineActivity';
import { createLocalizer, type Translate } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { syntheticPhoto } from '../fixtures/syntheticDocument';
import { startApp, type RunningApp } from '../support/appHarness';
import { jsonOf } from '../support/json';
import {
  attachAndSend,
  collectPageProblems,
  launchChromium,
  requireChromium,
  saveScreenshot,
  screenshotFailures,
} from './browser';

const TRANSCRIPT = '.webchat__basic-transcript';
const SEND_BOX = '.webchat__send-box-text-box__input';
const AGENT_TOKEN = 'e2e-agent-token-0123456789';
const BRAND = 'KYC Rescue';
const TICKET_NUMBER = /KYC-[0-9A-Z]{7}/;
/** The first photo check waits for the OCR worker to start; on two busy cores that takes a while. */
const PHOTO_CHECK_TIMEOUT_MS = 90_000;

const agentTicket = z.looseObject({
  number: z.string(),
  status: z.string(),
  locale: z.string(),
  channelId: z.string(),
  applicationReference: z.string().nullable(),
  cause: z.object({ id: z.string().nullable(), labelKey: z.string().nullable() }),
  photoChecks: z.array(z.object({ id: z.string(), status: z.string() })),
  createdAt: z.string(),
});

/**
 * A newcomer's whole rescue through the real bot on the local Web Chat page: failure prompt →
 * fixes → Chinese → photo check → a person → ticket, which the agent API then knows.
 * The steps share one page and run in order.
 */
describe('a newcomer rescued on the local Web Chat page (real bot, Chromium)', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let en: Translate;
  let zh: Translate;
  let ticketNumber = '';

  before(async function () {
    requireChromium(this);
    const localizer = await createLocalizer(LOCALES_DIR, 'en');
    en = localizer.t('en');
    zh = localizer.t('zh-CN');
    app = await startApp({ LOCAL_WEBCHAT: 'true', AGENT_API_TOKEN: AGENT_TOKEN, BRAND_NAME: BRAND });
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 1000 } });
    page = await context.newPage();
    problems = collectPageProblems(page);
    await page.goto(`${app.baseUrl}/`);
  });

  // A failed step leaves a picture of what the page showed instead.
  screenshotFailures('rescue', () => page);

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const transcript = () => page.locator(TRANSCRIPT);
  /** A paragraph of a bot or user message (Web Chat renders message text as Markdown paragraphs). */
  const paragraph = (text: string) => transcript().locator('p').filter({ hasText: text }).last();
  const suggestedAction = (title: string) => page.locator('.webchat__suggested-action', { hasText: title });

  async function say(text: string): Promise<void> {
    await page.locator(SEND_BOX).fill(text);
    await page.locator(SEND_BOX).press('Enter');
  }

  it('greets in English with the failure prompts and a person as buttons', async () => {
    await paragraph(en('chat:welcome.safety', { brand: BRAND })).waitFor();
    await page.locator('.webchat__connectivityStatus').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    for (const title of [en('topics:photo_unclear.label'), en('chat:menu.checkPhoto'), en('chat:menu.human')]) {
      assert.ok(await suggestedAction(title).isVisible(), `the welcome offers "${title}"`);
    }
    await saveScreenshot(page, 'rescue-01-welcome');
  });

  it('explains the fixes for "Document photo unclear" and offers a photo check', async () => {
    await suggestedAction(en('topics:photo_unclear.label')).click();
    // Web Chat renders the numbered rules as a Markdown list: each rule is an item of its own.
    await transcript().getByRole('listitem').filter({ hasText: 'Plenty of light, but no glare' }).waitFor();
    await suggestedAction(en('topics:common.checkPhotoYes')).waitFor();
    await saveScreenshot(page, 'rescue-02-fixes');
  });

  it('switches to Chinese from the page and the bot answers in Chinese', async () => {
    await page.locator('button[data-locale="zh-CN"]').click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('#tagline').textContent(), '身份验证帮助');
    // The offer was made in English before the switch; its button still works.
    await suggestedAction(en('topics:common.checkPhotoYes')).click();
    await paragraph(zh('photoChat:ask.prompt')).waitFor();
    await suggestedAction(zh('photoChat:ask.skip')).waitFor();
    await saveScreenshot(page, 'rescue-03-chinese');
  });

  it('checks a photo sent with the attach button and shows the results card with the marked-up preview', async () => {
    const jpeg = await syntheticPhoto({ kind: 'passport', width: 2000, cameraExif: true });
    assert.equal(await page.locator('input[type="file"]').getAttribute('accept'), 'image/*');
    await attachAndSend(page, { name: 'passport.jpg', mimeType: 'image/jpeg', buffer: jpeg });

    const card = page.locator(`${TRANSCRIPT} .ac-adaptiveCard`, { hasText: zh('photoChat:result.title') }).last();
    await card.waitFor({ timeout: PHOTO_CHECK_TIMEOUT_MS });
    assert.ok(
      await card.getByText(zh('photo:name.resolution'), { exact: true }).isVisible(),
      'the card lists the resolution check',
    );
    assert.ok(await card.getByText(zh('photo:name.mrz'), { exact: true }).isVisible(), 'the card lists the MRZ check');
    // The measured value against the requirement, with its unit, in the check's own sentence.
    assert.ok(
      await card.getByText(zh('photo:resolution.ok', { measured: '2000x1500', required: '1200x800' })).isVisible(),
    );

    const previewAlt = zh('photoChat:result.previewAlt');
    await card.getByRole('img', { name: previewAlt }).waitFor();
    // A string expression: the test compiles without the DOM library. A broken image has no natural width.
    const widths = z
      .array(z.number())
      .parse(
        await page.evaluate(
          `Array.from(document.querySelectorAll('${TRANSCRIPT} .ac-adaptiveCard img'))` +
            `.filter((img) => img.alt === ${JSON.stringify(previewAlt)}).map((img) => (img.complete ? img.naturalWidth : 0))`,
        ),
      );
    assert.ok((widths.at(-1) ?? 0) > 0, `the preview image loaded (natural widths ${widths.join(', ')})`);
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'rescue-04-photo-check');
  });

  it('asks for the application reference when the user asks for a person in Chinese', async () => {
    await say('人工客服');
    await paragraph(zh('tickets:askReference')).waitFor();
    await suggestedAction(zh('tickets:skip')).waitFor();
    await saveScreenshot(page, 'rescue-05-ask-reference');
  });

  it('shows the ticket number once the reference is skipped', async () => {
    await suggestedAction(zh('tickets:skip')).click();
    const card = page.locator(`${TRANSCRIPT} .ac-adaptiveCard`, { hasText: zh('tickets:created.title') }).last();
    await card.waitFor();
    const number = TICKET_NUMBER.exec(await card.innerText())?.[0];
    assert.ok(number, 'the ticket card shows a KYC-XXXXXXX number');
    ticketNumber = number;
    await paragraph(zh('tickets:created.text', { number })).waitFor();
    await paragraph(zh('tickets:next')).waitFor();
    await saveScreenshot(page, 'rescue-06-ticket');
  });

  it('the agent API knows the ticket, with the cause, the language and the photo checks', async () => {
    assert.ok(ticketNumber, 'an earlier step showed the ticket number');
    const url = `${app.baseUrl}/api/tickets/${ticketNumber}`;
    assert.equal((await fetch(url)).status, 401, 'the agent API needs the token');
    const res = await fetch(url, { headers: { authorization: `Bearer ${AGENT_TOKEN}` } });
    assert.equal(res.status, 200);
    const ticket = await jsonOf(res, agentTicket);
    assert.equal(ticket.number, ticketNumber);
    assert.equal(ticket.status, 'open');
    assert.equal(ticket.cause.id, 'photo_unclear');
    assert.equal(ticket.locale, 'zh-CN');
    assert.equal(ticket.channelId, DIRECT_LINE_CHANNEL_ID);
    assert.equal(ticket.applicationReference, null);
    assert.deepEqual(
      ticket.photoChecks.find((check) => check.id === 'resolution'),
      { id: 'resolution', status: 'pass' },
    );
  });

  it('"forget me" ends the conversation: the page says so and a reload starts afresh, the old history gone', async () => {
    await say('删除我的数据');
    await suggestedAction(zh('tickets:forget.yes')).click();
    await page.locator('#status', { hasText: '此对话已结束' }).waitFor();
    await saveScreenshot(page, 'rescue-07-forgotten');
    await page.reload();
    await transcript().locator('p').first().waitFor();
    const texts = await transcript().innerText();
    assert.ok(!texts.includes(ticketNumber), 'the old conversation, with its ticket, is not shown again');
  });

  it('reported no script errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
