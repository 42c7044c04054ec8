import assert from 'node:assert/strict';
import { z } from 'zod';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  collectPageProblems,
  launchChromium,
  makePngFixture,
  requireChromium,
  saveScreenshot,
  startDirectLineServer,
  type DirectLineTestServer,
  attachAndSend,
} from './browser';

const TRANSCRIPT = '.webchat__basic-transcript';
const SEND_BOX = '.webchat__send-box-text-box__input';

describe('local Web Chat page in Chromium (echo bot)', function () {
  this.timeout(120_000);
  let server: DirectLineTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async function () {
    requireChromium(this);
    server = await startDirectLineServer({ brandName: 'KYC Rescue', maxUploadBytes: 5 * 1024 * 1024 });
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 800 } });
    page = await context.newPage();
    problems = collectPageProblems(page);
    await page.goto(`${server.baseUrl}/`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const transcriptText = (text: string) => page.locator(TRANSCRIPT).getByText(text, { exact: true }).last();

  async function say(text: string): Promise<void> {
    await page.locator(SEND_BOX).fill(text);
    await page.locator(SEND_BOX).press('Enter');
  }

  it('opens in the browser language and shows the bot welcome', async () => {
    await transcriptText('welcome (en)').waitFor();
    await page.locator('.webchat__connectivityStatus').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('h1').textContent(), 'KYC Rescue');
    assert.equal(await page.locator('button[data-locale="en"]').getAttribute('aria-pressed'), 'true');
    await saveScreenshot(page, '01-welcome');
  });

  it('answers typed text', async () => {
    await say('hello there');
    await transcriptText('echo: hello there').waitFor();
    await saveScreenshot(page, '02-echo');
  });

  it('sends a suggested action when it is clicked', async () => {
    await say('options');
    const red = page.locator('.webchat__suggested-action', { hasText: 'red' });
    await red.waitFor();
    await saveScreenshot(page, '03-suggested-actions');
    await red.click();
    await transcriptText('echo: red').waitFor();
  });

  it('renders an Adaptive Card whose button submits back to the bot', async () => {
    await say('card');
    const card = page.locator(`${TRANSCRIPT} .ac-adaptiveCard`).last();
    await card.getByText('Photo check results').waitFor();
    await card.getByRole('button', { name: 'Looks good' }).click();
    await transcriptText('submitted choice ok').waitFor();
  });

  it('shows the typing indicator while the bot works', async () => {
    await say('slow');
    await page.locator('.webchat__typing-indicator').waitFor();
    await saveScreenshot(page, '03b-typing');
    await transcriptText('done slowly').waitFor();
  });

  it('lists every conversation locale in the language switch, each under its own name', async () => {
    const listed: unknown = await page.evaluate(
      `Array.from(document.querySelectorAll('button[data-locale]')).map((b) => b.getAttribute('data-locale') + '=' + b.textContent)`,
    );
    assert.deepEqual(listed, [
      'en=English',
      'zh-CN=简体中文',
      'zh-TW=繁體中文',
      'es=Español',
      'ru=Русский',
      'pt-BR=Português',
      'fr=Français',
      'tr=Türkçe',
      'vi=Tiếng Việt',
      'id=Bahasa Indonesia',
    ]);
  });

  it('lays out an Arabic message right to left, Latin words inside it included', async () => {
    // In a right-to-left paragraph the first Arabic word is the rightmost, to the right of "KYC";
    // laid out left to right, the Arabic run would start at the left edge instead.
    const message = 'فشل التحقق KYC مرفوض';
    await say(message);
    await transcriptText(`echo: ${message}`).waitFor();
    const layout: unknown = await page.evaluate(`(() => {
      const walker = document.createTreeWalker(document.querySelector('${TRANSCRIPT}'), NodeFilter.SHOW_TEXT);
      let node = null, found = null;
      while ((node = walker.nextNode())) if (node.textContent === ${JSON.stringify(message)}) found = node;
      if (!found) return null;
      const at = (start, end) => { const r = document.createRange(); r.setStart(found, start); r.setEnd(found, end); return r.getBoundingClientRect().left; };
      const kyc = found.textContent.indexOf('KYC');
      return { bidi: getComputedStyle(found.parentElement).unicodeBidi, firstArabic: at(0, 1), kyc: at(kyc, kyc + 3) };
    })()`);
    const { bidi, firstArabic, kyc } = z
      .object({ bidi: z.string(), firstArabic: z.number(), kyc: z.number() })
      .parse(layout, { error: () => 'the user bubble with the Arabic text is on the page' });
    assert.equal(bidi, 'plaintext');
    assert.ok(firstArabic > kyc, `the first Arabic letter (x=${firstArabic}) is right of "KYC" (x=${kyc})`);
    await saveScreenshot(page, '03c-arabic-rtl');
  });

  it('switches to Chinese: page, Web Chat and bot', async () => {
    await page.locator('button[data-locale="zh-CN"]').click();
    await transcriptText('locale set to zh-CN').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('button[data-locale="zh-CN"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#tagline').textContent(), '身份验证帮助');
    await say('你好');
    await transcriptText('echo: 你好').waitFor();
    assert.ok(server.directLine.adapter);
    await saveScreenshot(page, '04-chinese');
  });

  it('uploads a photo through the attach button and the bot reads it', async () => {
    const png = await makePngFixture();
    const input = page.locator('input[type="file"]');
    assert.equal(await input.getAttribute('accept'), 'image/*');
    // Web Chat 4.18 stages the chosen file; Send posts it once it is staged.
    await attachAndSend(page, { name: 'id-card.png', mimeType: 'image/png', buffer: png });
    await transcriptText(`received id-card.png: ${png.length} bytes`).waitFor();
    const preview = page.locator(`${TRANSCRIPT} img`).last();
    await preview.waitFor();
    assert.ok(await preview.getAttribute('alt'), 'the preview image has alt text');
    await saveScreenshot(page, '05-upload');
  });

  it('keeps the conversation across a reload', async () => {
    await page.reload();
    await transcriptText('echo: hello there').waitFor();
    await transcriptText(`received id-card.png: ${(await makePngFixture()).length} bytes`).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN', 'the language choice is remembered');
    await say('after reload');
    await transcriptText('echo: after reload').waitFor();
    await saveScreenshot(page, '06-after-reload');
  });

  it('starts over with a fresh conversation when asked', async () => {
    await page.getByRole('button', { name: /Start over|重新开始/ }).click();
    await page.waitForLoadState('load');
    await transcriptText('welcome (zh-CN)').waitFor();
    assert.equal(await page.locator(TRANSCRIPT).getByText('echo: after reload', { exact: true }).count(), 0);
    await saveScreenshot(page, '07-started-over');
  });

  it('reported no script errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    const phone = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const mobile = await phone.newPage();
      const mobileProblems = collectPageProblems(mobile);
      await mobile.goto(`${server.baseUrl}/`);
      await mobile.locator(TRANSCRIPT).getByText('welcome (zh-CN)', { exact: true }).last().waitFor();
      await mobile.locator('.webchat__connectivityStatus').waitFor({ state: 'hidden' });
      // A string expression: the test compiles without the DOM library.
      const overflow = Number(await mobile.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
      assert.ok(await mobile.locator('.webchat__upload-button').isVisible());
      await saveScreenshot(mobile, '08-phone-zh');
      assert.deepEqual(mobileProblems, []);
    } finally {
      await phone.close();
    }
  });

  it('is usable from the keyboard: the language switch is reachable and operable', async () => {
    await page.locator('body').focus();
    let focused: unknown = null;
    for (let presses = 0; presses < 10 && focused !== 'en'; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate('document.activeElement && document.activeElement.getAttribute("data-locale")');
    }
    assert.equal(focused, 'en', 'Tab reaches the English button');
    await page.keyboard.press('Enter');
    await transcriptText('locale set to en').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('#webchat').getAttribute('aria-label'), 'Chat with the support assistant');
  });
});
