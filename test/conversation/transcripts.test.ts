import path from 'node:path';
import { createBotHarness, TEST_BRAND } from '../support/botHarness';
import { loadTranscripts } from '../support/transcript';
import { playTranscript } from '../support/transcriptRunner';

const transcripts = loadTranscripts(path.join(__dirname, 'transcripts'));

describe('conversation transcripts through the real bot (TestAdapter)', () => {
  for (const { file, transcript } of transcripts) {
    it(`${transcript.name} [${transcript.locale}] (${file})`, async () => {
      const now = transcript.now ? Date.parse(transcript.now) : Date.now();
      const harness = await createBotHarness({ now: () => now });
      await playTranscript(transcript, harness.deliver, {
        localizer: harness.runtime.localizer,
        settings: harness.runtime.settings,
        brandName: TEST_BRAND,
      });
    });
  }
});
