import path from 'node:path';
import { startApp, type RunningApp } from '../support/appHarness';
import { TEST_BRAND } from '../support/botHarness';
import { loadTranscripts } from '../support/transcript';
import { playTranscript } from '../support/transcriptRunner';
import { createLocalizer } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { loadSettings } from '../../src/settings';

const transcripts = loadTranscripts(path.join(__dirname, '..', 'conversation', 'transcripts')).filter(
  ({ transcript }) => !transcript.now,
);

describe('conversation transcripts over HTTP (/api/messages, expectReplies)', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ BRAND_NAME: TEST_BRAND });
  });
  after(async () => running.stop());

  for (const [index, { file, transcript }] of transcripts.entries()) {
    it(`${transcript.name} [${transcript.locale}] (${file})`, async () => {
      const localizer = await createLocalizer(LOCALES_DIR, 'en');
      await playTranscript(transcript, running.deliverIn(`http-${index}`, `http-user-${index}`), {
        localizer,
        settings: loadSettings(),
        brandName: TEST_BRAND,
      });
    });
  }
});
