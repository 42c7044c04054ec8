import assert from 'node:assert/strict';
import path from 'node:path';
import { openReminderStore } from '../../src/reminders/openReminderStore';
import { loadSettings } from '../../src/settings';
import type { ReminderStore } from '../../src/reminders/reminderStore';
import { createBotHarness, TEST_BRAND, type BotHarness } from '../support/botHarness';
import { loadTranscripts } from '../support/transcript';
import { playTranscript } from '../support/transcriptRunner';

const transcripts = loadTranscripts(path.join(__dirname, 'reminderTranscripts'));
const NOW = Date.parse('2026-11-28T10:00:00Z');

async function harnessWithReminders(store: ReminderStore, reachable = true, now = NOW): Promise<BotHarness> {
  return createBotHarness({
    now: () => now,
    reminders: { store, reachable: () => reachable, settings: loadSettings().reminders },
  });
}

function textsOf(replies: { text?: string; attachments?: { content?: unknown }[] }[]): string {
  return replies
    .map((reply) =>
      [reply.text ?? '', ...(reply.attachments ?? []).map((a) => JSON.stringify(a.content ?? ''))].join(' '),
    )
    .join('\n');
}

describe('the lockout-end reminder in the conversation', () => {
  let store: ReminderStore;
  beforeEach(async () => {
    store = await openReminderStore('sqlite::memory:');
  });
  afterEach(async () => store.close());

  for (const { file, transcript } of transcripts) {
    it(`${transcript.name} [${transcript.locale}] (${file})`, async () => {
      const now = transcript.now ? Date.parse(transcript.now) : Date.now();
      const harness = await harnessWithReminders(store, true, now);
      await playTranscript(transcript, harness.deliver, {
        localizer: harness.runtime.localizer,
        settings: harness.runtime.settings,
        brandName: TEST_BRAND,
      });
    });
  }

  it('stores only the reference ids, the locale, the cause and the restriction end', async () => {
    const harness = await harnessWithReminders(store);
    await harness.deliver({ type: 'message', text: 'Document photo unclear', locale: 'en' });
    await harness.deliver({ type: 'message', text: 'I failed 3 times today', locale: 'en' });
    await harness.deliver({ type: 'message', text: 'Just now', locale: 'en' });
    await harness.deliver({ type: 'message', text: 'Remind me when I can try again', locale: 'en' });

    const userKey = harness.runtime.services.userKey('test', 'user-1');
    assert.equal(await store.pendingFor(userKey), new Date(NOW + 24 * 3_600_000).toISOString());
    const [due] = await store.claimDue(new Date(NOW + 25 * 3_600_000), 10, 60_000);
    assert.ok(due);
    assert.equal(due.cause, 'photo_unclear');
    assert.equal(due.locale, 'en');
    assert.deepEqual(due.conversationReference, {
      channelId: 'test',
      serviceUrl: 'https://test.invalid',
      conversation: { id: 'conversation-1', conversationType: 'personal', isGroup: false },
      bot: { id: 'bot' },
      user: { id: 'user-1' },
    });
    assert.ok(!JSON.stringify(due).includes('"name"'), 'no user, bot or conversation name is stored');
  });

  it('brings the checklist of the cause the user picks after setting the reminder', async () => {
    const harness = await harnessWithReminders(store);
    const t = harness.runtime.localizer.t('en');
    const say = (text: string) => harness.deliver({ type: 'message', text, locale: 'en' });
    await say('too many tries');
    await say(t('policy:attempts.count3'));
    await say(t('policy:attempts.whenJustNow'));
    await say(t('reminders:remindMe'));
    const userKey = harness.runtime.services.userKey('test', 'user-1');
    await say(t('topics:attempts_limited.prepare'));
    await say(t('topics:face_verification_failed.label'));

    const [due] = await store.claimDue(new Date(NOW + 25 * 3_600_000), 10, 60_000);
    assert.equal(due?.cause, 'face_verification_failed');
    assert.equal(await store.pendingFor(userKey), new Date(NOW + 24 * 3_600_000).toISOString());
  });

  it("tells the time in the zone of Teams' clientInfo entity, and says UTC when the channel gives none", async () => {
    const harness = await harnessWithReminders(store);
    const say = (text: string, extra: Record<string, unknown> = {}) =>
      harness.deliver({ type: 'message', text, locale: 'en', ...extra });
    await say('I failed 3 times today');
    await say('Just now');
    const teams = {
      entities: [{ type: 'clientInfo', locale: 'en-US', country: 'JP', platform: 'Web', timezone: 'Asia/Tokyo' }],
    };
    assert.match(textsOf(await say('remind me', teams)), /Nov 29, 2026, 7:00\sPM/);
    const utc = textsOf(await say('remind me'));
    assert.match(utc, /Nov 29, 2026, 10:00\sAM \(UTC\)/);
  });

  it('offers nothing where the bot cannot write first, and says when to come back', async () => {
    const harness = await harnessWithReminders(store, false);
    await harness.deliver({ type: 'message', text: 'I failed 3 times today', locale: 'en' });
    const restricted = textsOf(await harness.deliver({ type: 'message', text: 'Just now', locale: 'en' }));
    assert.ok(!restricted.includes(harness.runtime.localizer.t('en')('reminders:offer')));
    const asked = textsOf(await harness.deliver({ type: 'message', text: 'remind me', locale: 'en' }));
    assert.ok(asked.includes("I can't message you later in this chat"), asked);
    assert.equal(await store.pendingFor(harness.runtime.services.userKey('test', 'user-1')), undefined);
  });

  it('"forget me" cancels the pending reminder with the rest of the user\'s data', async () => {
    const harness = await harnessWithReminders(store);
    await harness.deliver({ type: 'message', text: 'I failed 3 times today', locale: 'en' });
    await harness.deliver({ type: 'message', text: 'Just now', locale: 'en' });
    await harness.deliver({ type: 'message', text: 'remind me', locale: 'en' });
    const userKey = harness.runtime.services.userKey('test', 'user-1');
    assert.ok(await store.pendingFor(userKey));

    await harness.deliver({ type: 'message', text: 'forget me', locale: 'en' });
    await harness.deliver({ type: 'message', text: 'Yes, forget me', locale: 'en' });

    assert.equal(await store.pendingFor(userKey), undefined);
    assert.deepEqual(await store.claimDue(new Date(NOW + 48 * 3_600_000), 10, 60_000), []);
  });
});
