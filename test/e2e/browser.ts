import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';

export {
  startDirectLineServer,
  type DirectLineTestServer,
  type DirectLineTestServerOptions,
} from '../channels/directline/directLineTestServer';

/** Debian's `chromium` package (Playwright's own browser download does not work on these machines); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'e2e');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Skips the calling suite with a visible "skipped: no Chromium" line when the browser is missing,
 * unless REQUIRE_ALL_SUITES=1 (CI), where a missing browser is a failure.
 */
export function requireChromium(context: Mocha.Context): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.env.REQUIRE_ALL_SUITES === '1') {
    throw new Error(
      `REQUIRE_ALL_SUITES=1 but ${CHROMIUM_PATH} is missing (apt-get install -y chromium fonts-noto-cjk)`,
    );
  }
  console.log('skipped: no Chromium');
  context.skip();
}

/** Headless Debian Chromium; Playwright gives every launch a fresh temporary user-data-dir. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Keeps a picture of what the page showed when a test of the file fails (`prefix-failed-<title>.png`). */
export function screenshotFailures(prefix: string, page: () => Page | undefined): void {
  afterEach(async function () {
    const test = this.currentTest;
    const shown = page();
    if (shown && test?.state === 'failed')
      await saveScreenshot(shown, `${prefix}-failed-${test.title.replace(/\W+/g, '-').slice(0, 60)}`);
  });
}

/** A small PNG made in memory, for the attach button (never a file on disk). */
export function makePngFixture(width = 320, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 170 } } })
    .png()
    .toBuffer();
}

/** Problems the page reported: script errors and Content-Security-Policy violations. */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
      problems.push(`csp: ${message.text()}`);
    }
  });
  return problems;
}

/**
 * Chooses a file with the attach button and sends it. Web Chat 4.18 stages the file first (the
 * paperclip gets a checkmark); a Send click before that sends nothing, so wait for the stage.
 */
export async function attachAndSend(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const staged = page.locator('.webchat__attachment-icon--checked');
  await page.locator('input[type="file"]').setInputFiles(file);
  await staged.waitFor();
  await page.locator('.webchat__send-button').click();
  await staged.waitFor({ state: 'hidden' });
}
