import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createLocalizer, type Translate } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { loadSettings, policyParams } from '../../src/settings';
import { startApp, type RunningApp } from '../support/appHarness';
import { collectPageProblems, launchChromium, requireChromium, saveScreenshot, screenshotFailures } from './browser';

const TRANSCRIPT = '.webchat__basic-transcript';
const SEND_BOX = '.webchat__send-box-text-box__input';
const BRAND = 'KYC Rescue';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-28T10:00:00Z');
const USER_ID_KEY = 'kycWebChat.userId';

/** The part of a text before its first quote mark, which Web Chat's Markdown turns into a typographic one. */
function beforeQuotes(text: string): string {
  return text.split(/["']/)[0] ?? text;
}

/** Runs in real time from T0, so the page's polls and token refreshes behave, and jumps ahead on demand. */
function tickingClock(): { now: () => number; jump: (ms: number) => void } {
  const started = Date.now();
  let ahead = 0;
  return { now: () => T0 + (Date.now() - started) + ahead, jump: (ms) => (ahead += ms) };
}

/**
 * The lockout-end reminder on the local page, whose conversations live hours while the
 * restriction lasts a day: set in one conversation, shown in the next one the same browser opens.
 */
describe('a reminder set on the local Web Chat page reaches the user in their next conversation (Chromium)', function () {
  this.timeout(120_000);
  const clock = tickingClock();
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let en: Translate;
  let userId = '';

  before(async function () {
    requireChromium(this);
    en = (await createLocalizer(LOCALES_DIR, 'en')).t('en');
    app = await startApp({ LOCAL_WEBCHAT: 'true', BRAND_NAME: BRAND }, { now: clock.now, pollReminders: false });
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1024, height: 1000 },
    });
    page = await context.newPage();
    problems = collectPageProblems(page);
    await page.goto(`${app.baseUrl}/`);
  });

  // A failed step leaves a picture of what the page showed instead.
  screenshotFailures('reminder', () => page);

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const transcript = () => page.locator(TRANSCRIPT);
  const paragraph = (text: string) => transcript().locator('p').filter({ hasText: text }).last();
  const storedUserId = async (): Promise<unknown> =>
    page.evaluate(`localStorage.getItem(${JSON.stringify(USER_ID_KEY)})`);
  const dueLine = (): string => en('reminders:due', policyParams(loadSettings().policy, BRAND));

  async function say(text: string): Promise<void> {
    await page.locator(SEND_BOX).fill(text);
    await page.locator(SEND_BOX).press('Enter');
  }

  it('sets the reminder at the restriction, and the page keeps a random user id in localStorage', async () => {
    await paragraph(en('chat:welcome.safety', { brand: BRAND })).waitFor();
    await say('Document photo unclear');
    await say('I failed 3 times today');
    await paragraph(en('policy:attempts.askWhen')).waitFor();
    await say(en('policy:attempts.whenJustNow'));
    await page
      .getByRole('button', { name: en('reminders:remindMe') })
      .last()
      .click();
    await paragraph('Nov 29, 2026').waitFor();
    const stored = await storedUserId();
    assert.ok(typeof stored === 'string' && /^u_[0-9a-f]{32}$/.test(stored), `stored id ${String(stored)}`);
    userId = stored;
    await saveScreenshot(page, 'reminder-01-set');
  });

  it('holds the reminder when the restriction ends after the conversation has expired', async () => {
    clock.jump(24 * HOUR + 60_000);
    assert.deepEqual(await app.app.reminders.runDue(), { sent: 0, retried: 0, gaveUp: 0, held: 1 });
  });

  it('shows it once, with the checklist, when the user comes back and writes in a new conversation', async () => {
    await page.reload();
    await paragraph(en('chat:welcome.safety', { brand: BRAND })).waitFor();
    assert.equal(await storedUserId(), userId, 'the new conversation is the same user');
    await say('hello');
    await paragraph(dueLine()).waitFor();
    // The cause's checklist comes with it (Web Chat renders its numbered rules as a list after this line).
    const [checklistLead = ''] = en('topics:photo_unclear.principles').split('\n');
    await paragraph(checklistLead).waitFor();
    await say('my ticket');
    await paragraph(beforeQuotes(en('tickets:myTicket.none'))).waitFor();
    assert.equal(await transcript().locator('p').filter({ hasText: dueLine() }).count(), 1, 'shown once');
    await saveScreenshot(page, 'reminder-02-shown');
  });

  it('"forget me" ends the conversation and the page forgets its user id: the next one is a new user', async () => {
    await say('forget me');
    await page.locator('.webchat__suggested-action', { hasText: en('tickets:forget.yes') }).click();
    await page.locator('#status', { hasText: 'This conversation has ended.' }).waitFor();
    assert.equal(await storedUserId(), null);
    await page.reload();
    await paragraph(en('chat:welcome.safety', { brand: BRAND })).waitFor();
    const fresh = await storedUserId();
    assert.ok(typeof fresh === 'string' && fresh !== userId, 'the next conversation is a new user');
  });

  it('reported no script errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
