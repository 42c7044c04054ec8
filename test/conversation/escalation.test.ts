import assert from 'node:assert/strict';
import { userKeyOf } from '../../src/tickets/userKey';
import type { Ticket } from '../../src/tickets/ticket';
import { MemoryStorage } from 'botbuilder';
import { createBotHarness, type BotHarness } from '../support/botHarness';
import type { Reply } from '../support/json';

const USER = 'escalating-user';
const SECRET = 'test-user-key-secret';

interface Step {
  text?: string;
  button?: string;
}

interface Trigger {
  name: string;
  locale: 'en' | 'zh-CN';
  steps: Step[];
  cause: string | null;
  prompt?: string;
  reference?: string;
}

/** Each escalation trigger of issue 5, walked through the real bot, ending with the reference answer. */
const TRIGGERS: Trigger[] = [
  {
    name: 'the fixes did not help (photo unclear)',
    locale: 'en',
    steps: [
      { text: 'Document photo unclear' },
      { button: 'topics:common.notNow' },
      { button: 'topics:common.helpedNo' },
      { button: 'topics:common.talkToPerson' },
    ],
    cause: 'photo_unclear',
    prompt: 'Document photo unclear',
    reference: 'APP-2026-000123',
  },
  { name: 'asks for a person', locale: 'en', steps: [{ text: 'talk to a human' }], cause: null },
  {
    name: '人工客服',
    locale: 'zh-CN',
    steps: [{ text: '人脸识别失败' }, { text: '人工客服' }],
    cause: 'face_verification_failed',
    prompt: '人脸识别失败',
    reference: 'KYC_88990011',
  },
  {
    name: 'waited more than an hour after resubmitting',
    locale: 'en',
    steps: [{ text: 'verification still pending' }, { button: 'topics:faq_review_time.waitedMore' }],
    cause: 'faq_review_time',
  },
  {
    name: 'document already used → appeal',
    locale: 'zh-CN',
    steps: [{ text: '该证件已被使用' }, { button: 'topics:document_already_used.neverHad' }],
    cause: 'document_already_used',
  },
  {
    name: 'elderly user, face keeps failing → manual review',
    locale: 'en',
    steps: [
      { text: 'Facial recognition failed' },
      { button: 'topics:face_verification_failed.keepsFailing' },
      { button: 'topics:face_verification_failed.requestManualReview' },
    ],
    cause: 'face_verification_failed',
  },
];

async function say(harness: BotHarness, locale: 'en' | 'zh-CN', step: Step): Promise<Reply[]> {
  const t = harness.runtime.localizer.t(locale);
  const text = step.button ? t(step.button) : (step.text ?? '');
  const replies: Reply[] = await harness.deliverIn(`escalation-${locale}`, USER)({ type: 'message', text, locale });
  return replies;
}

/** MemoryStorage keeps its items in a private field; the test reads the keys to dump everything stored. */
function storedItems(storage: MemoryStorage): Record<string, unknown> {
  const memory: unknown = Reflect.get(storage, 'memory');
  assert.ok(typeof memory === 'object' && memory !== null);
  return memory as Record<string, unknown>;
}

async function latestTicket(harness: BotHarness): Promise<Ticket> {
  const ticket = await harness.runtime.services.tickets.findLatestByUserKey(userKeyOf(SECRET, 'test', USER));
  assert.ok(ticket, 'a ticket should be persisted');
  return ticket;
}

describe('escalation to a person files a ticket', () => {
  for (const trigger of TRIGGERS) {
    it(`${trigger.name} [${trigger.locale}]: persisted ticket, card with the number, handoff event`, async () => {
      const harness = await createBotHarness();
      const t = harness.runtime.localizer.t(trigger.locale);
      let last: Reply[] = [];
      for (const step of trigger.steps) last = await say(harness, trigger.locale, step);
      assert.ok(
        last.some((a) => a.text?.includes(t('tickets:askReference'))),
        'asks for the application reference',
      );

      const replies = await say(
        harness,
        trigger.locale,
        trigger.reference ? { text: trigger.reference } : { button: 'tickets:skip' },
      );
      const ticket = await latestTicket(harness);
      assert.match(ticket.number, /^KYC-[2-9A-HJKMNP-TV-Y]{7}$/);
      assert.equal(ticket.status, 'open');
      assert.equal(ticket.cause.id, trigger.cause);
      assert.equal(ticket.locale, trigger.locale);
      assert.equal(ticket.channelId, 'test');
      assert.equal(ticket.applicationReference, trigger.reference ?? null);
      if (trigger.prompt) assert.equal(ticket.promptText, trigger.prompt);
      if (trigger.cause)
        assert.ok(
          ticket.steps.some((s) => s.topic === trigger.cause),
          'the steps gone through are on the ticket',
        );
      assert.ok(ticket.conversationReference, 'a conversation reference is kept for replies');

      const card = replies.find((a) =>
        a.attachments?.some((x) => x.contentType === 'application/vnd.microsoft.card.adaptive'),
      );
      assert.ok(card, 'the ticket is shown as a card');
      assert.ok(card.text?.includes(ticket.number), 'with the number as copyable text');
      assert.ok(JSON.stringify(card.attachments).includes(ticket.number));
      assert.ok(
        replies.some((a) => a.text === t('tickets:next')),
        'says what happens next',
      );

      const handoff = replies.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
      assert.ok(handoff, 'the handoff event is sent');
      const value: unknown = handoff.value;
      assert.ok(typeof value === 'object' && value !== null && 'number' in value && value.number === ticket.number);
      assert.ok(
        !JSON.stringify([handoff.value, handoff.attachments]).includes(USER),
        'the ticket context and transcript carry no user id',
      );
      const transcript = handoff.attachments?.find((a) => a.name === 'Transcript');
      assert.ok(transcript, 'with a transcript');
      if (trigger.cause)
        assert.ok(JSON.stringify(transcript.content).includes(`"topic":"${trigger.cause}"`), 'of the steps taken');
    });
  }

  it('keeps no name, document number or date of birth the user pasted with the prompt: not in state, ticket or handoff', async () => {
    const storage = new MemoryStorage();
    const harness = await createBotHarness({ storage });
    const pasted = 'Document photo unclear. My name is Johanna Quistgaard, passport E12345678, born 1990-01-02';
    await say(harness, 'en', { text: pasted });
    const stateAfterPrompt = JSON.stringify(await storage.read(Object.keys(storedItems(storage))));
    await say(harness, 'en', { text: 'talk to a person' });
    const replies = await say(harness, 'en', { button: 'tickets:skip' });
    const ticket = await latestTicket(harness);
    assert.equal(ticket.cause.id, 'photo_unclear');
    assert.match(ticket.promptText ?? '', /^Document photo unclear\b/);
    const handoff = replies.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
    assert.ok(handoff, 'the handoff event is sent');
    const everywhere = [stateAfterPrompt, JSON.stringify(await storage.read(Object.keys(storedItems(storage))))];
    everywhere.push(JSON.stringify(ticket), JSON.stringify([handoff.value, handoff.attachments]));
    for (const text of everywhere)
      for (const personal of ['Johanna', 'Quistgaard', 'E12345678', '1990-01-02'])
        assert.ok(!text.includes(personal), `${personal} must not be kept: ${text.slice(0, 200)}`);
  });

  it('escalates when the user is restricted a second time, with the attempts on the ticket', async () => {
    let now = Date.parse('2026-11-28T10:00:00Z');
    const harness = await createBotHarness({ now: () => now });
    const t = harness.runtime.localizer.t('en');
    await say(harness, 'en', { text: 'I failed 3 times today' });
    await say(harness, 'en', { button: 'policy:attempts.whenJustNow' });
    now += 30 * 3_600_000;
    await say(harness, 'en', { text: 'attempts' });
    const again = await say(harness, 'en', { text: '3' });
    const justNow = again.some((a) => a.text?.includes(t('policy:attempts.askWhen')))
      ? await say(harness, 'en', { button: 'policy:attempts.whenJustNow' })
      : again;
    assert.ok(justNow.some((a) => a.text?.includes(t('policy:attempts.lockedAgain'))));
    await say(harness, 'en', { button: 'tickets:skip' });
    const ticket = await latestTicket(harness);
    assert.equal(ticket.cause.id, 'attempts_limited');
    assert.equal(ticket.attempts?.failures, 3);
    assert.equal(ticket.attempts?.restrictedUntil, new Date(now + 24 * 3_600_000).toISOString());
  });

  it('shows "my ticket" with its status, and an invalid reference is asked again once', async () => {
    const harness = await createBotHarness();
    const t = harness.runtime.localizer.t('en');
    await say(harness, 'en', { text: 'talk to a person' });
    const retry = await say(harness, 'en', { text: 'my ref is 12' });
    assert.ok(retry.some((a) => a.text?.includes(t('tickets:referenceInvalid'))));
    await say(harness, 'en', { button: 'tickets:skip' });
    const ticket = await latestTicket(harness);
    const status = await say(harness, 'en', { text: 'my ticket' });
    assert.ok(status.some((a) => a.text?.includes(ticket.number) && a.text.includes(t('tickets:status.open'))));
  });

  it('"forget me" deletes the user state and anonymises their tickets, after a yes', async () => {
    const harness = await createBotHarness();
    const t = harness.runtime.localizer.t('en');
    await say(harness, 'en', { text: '中文' });
    await say(harness, 'en', { text: 'Document photo unclear' });
    await say(harness, 'en', { text: 'talk to a person' });
    await say(harness, 'en', { text: 'APP-2026-000777' });
    const filed = await latestTicket(harness);
    assert.equal(filed.applicationReference, 'APP-2026-000777');

    const zh = harness.runtime.localizer.t('zh-CN');
    const kept = await say(harness, 'en', { text: 'forget me' });
    assert.ok(kept.some((a) => a.text?.includes(zh('tickets:forget.confirm'))));
    await say(harness, 'en', { text: zh('tickets:forget.no') });
    assert.equal(
      (await harness.runtime.services.tickets.get(filed.number))?.applicationReference,
      'APP-2026-000777',
      'no means no',
    );

    await say(harness, 'en', { text: 'forget me' });
    const done = await say(harness, 'en', { text: zh('tickets:forget.yes') });
    assert.ok(done.some((a) => a.text?.includes(zh('tickets:forget.done', { count: 1 }))));
    const anonymised = await harness.runtime.services.tickets.get(filed.number);
    assert.ok(anonymised?.anonymisedAt, 'the ticket is anonymised');
    assert.equal(anonymised.applicationReference, null);
    assert.equal(anonymised.promptText, null);
    assert.equal(
      await harness.runtime.services.tickets.findLatestByUserKey(userKeyOf(SECRET, 'test', USER)),
      undefined,
    );
    const after = await say(harness, 'en', { text: 'help' });
    assert.ok(
      after.some((a) => a.text?.includes(t('chat:help.body'))),
      'the chosen language is forgotten too',
    );
  });
});
