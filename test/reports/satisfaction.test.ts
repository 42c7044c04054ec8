import assert from 'node:assert/strict';
import { createBotHarness, type BotHarness } from '../support/botHarness';
import type { Reply } from '../support/json';
import { OutcomeBuffer } from '../../src/reports/outcomeBuffer';
import { openReportStore, type ReportStore } from '../../src/reports/reportStore';
import type { Locale } from '../../src/i18n/locales';

/** The five buttons of the rating card, or undefined when the reply carries none. */
function ratingButtons(replies: readonly Reply[]): string[] | undefined {
  for (const reply of replies) {
    for (const attachment of reply.attachments ?? []) {
      const content = attachment.content;
      if (typeof content !== 'object' || content === null || !('buttons' in content)) continue;
      const buttons = content.buttons;
      if (!Array.isArray(buttons)) continue;
      const titles = buttons.map((button: unknown) =>
        typeof button === 'object' && button !== null && 'title' in button ? String(button.title) : '',
      );
      if (titles.length === 5) return titles;
    }
  }
  return undefined;
}

const texts = (replies: readonly Reply[]): string => replies.map((reply) => reply.text ?? '').join('\n');

describe('satisfaction after a walk-through the bot resolved', function () {
  let harness: BotHarness;
  let store: ReportStore;
  let outcomes: OutcomeBuffer;
  const errors: unknown[] = [];

  beforeEach(async function () {
    store = await openReportStore('sqlite::memory:');
    outcomes = new OutcomeBuffer({ store, onError: (error) => errors.push(error) });
    harness = await createBotHarness({ outcomes });
  });
  afterEach(async function () {
    await outcomes.close();
    await store.close();
    assert.deepEqual(errors, []);
  });

  /** "My passport expired" → "I have another document" → "Not now": the walk-through's good end. */
  async function resolveExpiredDocument(conversation: string, locale: Locale): Promise<Reply[]> {
    const t = harness.runtime.localizer.t(locale);
    const say = harness.deliverIn(conversation);
    const prompt = locale === 'en' ? 'my passport expired' : '证件已过期';
    await say({ type: 'message', text: prompt, locale });
    await say({ type: 'message', text: t('topics:document_expired.hasOther'), locale });
    return say({ type: 'message', text: t('topics:common.notNow'), locale });
  }

  async function counters(): Promise<Map<string, number>> {
    await outcomes.flush();
    const { daily, totals } = await store.counts('2000-01-01', '2100-01-01');
    const counts = new Map<string, number>();
    for (const row of [...daily, ...totals]) {
      const key = `${row.metric} ${row.subject}`;
      counts.set(key, (counts.get(key) ?? 0) + row.count);
    }
    return counts;
  }

  it('ends with the 1–5 card; a tap is stored with the cause and thanked', async function () {
    const ended = await resolveExpiredDocument('rate-tap', 'en');
    assert.deepEqual(ratingButtons(ended), ['1', '2', '3', '4', '5'], texts(ended));
    assert.match(texts(ended), /Tap 1/);

    const answered = await harness.deliverIn('rate-tap')({ type: 'message', text: '4', locale: 'en' });
    assert.match(texts(answered), /Thanks for rating/);
    const counts = await counters();
    assert.equal(counts.get('satisfaction walkthrough/document_expired/4'), 1);
    assert.equal(counts.get('walkthrough.started document_expired'), 1);
    assert.equal(counts.get('walkthrough.resolved document_expired'), 1);
    assert.equal(counts.get('conversation '), 1);

    const again = await harness.deliverIn('rate-tap')({ type: 'message', text: '5', locale: 'en' });
    assert.doesNotMatch(texts(again), /Thanks for rating/, 'the question is answered once');
    assert.equal((await counters()).get('satisfaction walkthrough/document_expired/5'), undefined);
  });

  it('understands the words people type in Chinese', async function () {
    await resolveExpiredDocument('rate-words', 'zh-CN');
    const answered = await harness.deliverIn('rate-words')({ type: 'message', text: '非常好', locale: 'zh-CN' });
    assert.match(texts(answered), /谢谢你的评分/);
    assert.equal((await counters()).get('satisfaction walkthrough/document_expired/5'), 1);
  });

  it('is skipped by any other message, which goes on as usual', async function () {
    await resolveExpiredDocument('rate-skip', 'en');
    const t = harness.runtime.localizer.t('en');
    const menu = await harness.deliverIn('rate-skip')({ type: 'message', text: 'menu', locale: 'en' });
    assert.ok(texts(menu).includes(t('chat:menu.prompt')), texts(menu));
    const later = await harness.deliverIn('rate-skip')({ type: 'message', text: '3', locale: 'en' });
    assert.doesNotMatch(texts(later), /Thanks for rating/);
    const counts = await counters();
    assert.ok(![...counts.keys()].some((key) => key.startsWith('satisfaction')), [...counts.keys()].join(', '));
    assert.equal(counts.get('walkthrough.resolved document_expired'), 1);
  });

  it('counts an escalated walk-through as escalated, not resolved, and asks no rating', async function () {
    const t = harness.runtime.localizer.t('en');
    const say = harness.deliverIn('escalated');
    await say({ type: 'message', text: 'Document photo unclear', locale: 'en' });
    await say({ type: 'message', text: t('topics:common.notNow'), locale: 'en' });
    await say({ type: 'message', text: t('topics:common.helpedNo'), locale: 'en' });
    await say({ type: 'message', text: t('topics:common.talkToPerson'), locale: 'en' });
    const filed = await say({ type: 'message', text: t('tickets:skip'), locale: 'en' });
    assert.match(texts(filed), /KYC-[0-9A-Z]{7}/);
    assert.equal(ratingButtons(filed), undefined);
    const counts = await counters();
    assert.equal(counts.get('walkthrough.started photo_unclear'), 1);
    assert.equal(counts.get('walkthrough.escalated photo_unclear'), 1);
    assert.equal(counts.get('walkthrough.resolved photo_unclear'), undefined);
    assert.equal(counts.get('ticket.created photo_unclear'), 1);
  });
});
