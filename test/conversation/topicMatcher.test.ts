import assert from 'node:assert/strict';
import { editDistance, FuzzyVocabulary } from '../../src/conversation/fuzzy';
import { normalizeText } from '../../src/conversation/normalizeText';
import { loadDialogData } from '../../src/conversation/topicLoader';
import { createTopicMatcher } from '../../src/conversation/topicMatcher';
import type { Topic, TopicKind } from '../../src/conversation/topicSchema';
import { DIALOGS_DIR } from '../../src/projectPaths';
import { loadLabelledUtterances } from './labelledUtterances';

function fixtureTopic(id: string, kind: TopicKind, en: string[], zh: string[]): Topic {
  return {
    id,
    kind,
    label: `topics:${id}.label`,
    triggers: { en, 'zh-CN': zh },
    start: 'done',
    steps: { done: { type: 'end' } },
  };
}

describe('topic matcher on the real dialogs', () => {
  const { topics } = loadDialogData(DIALOGS_DIR);
  const matcher = createTopicMatcher(topics);
  const kindOf = new Map(topics.map((t) => [t.id, t.kind]));
  const utterances = loadLabelledUtterances();

  it('names the right topic for at least 95 % of the labelled utterances', () => {
    const misses = utterances.filter((u) => matcher.match(u.text, u.locale).topic !== u.topic);
    const accuracy = 1 - misses.length / utterances.length;
    assert.ok(accuracy >= 0.95, `top-1 ${(accuracy * 100).toFixed(1)} %; misses:\n${misses.map((u) => `  ${u.topic}: ${u.text}`).join('\n')}`);
  });

  it('never maps an out-of-scope utterance to a cause', () => {
    const outOfScope = utterances.filter((u) => u.topic === null);
    assert.ok(outOfScope.length >= 40);
    const toCause = outOfScope
      .map((u) => ({ text: u.text, topic: matcher.match(u.text, u.locale).topic }))
      .filter((r) => r.topic !== null && kindOf.get(r.topic) === 'cause');
    assert.deepEqual(toCause, []);
  });

  it('labels only topics that exist, and covers every topic in both languages', () => {
    const ids = new Set(topics.map((t) => t.id));
    for (const u of utterances) if (u.topic !== null) assert.ok(ids.has(u.topic), `unknown topic '${u.topic}' in utterances.json`);
    for (const id of ids) {
      for (const locale of ['en', 'zh-CN'] as const) {
        assert.ok(utterances.some((u) => u.topic === id && u.locale === locale), `no ${locale} utterance for '${id}'`);
      }
    }
  });

  it('keeps the labelled utterances out of the triggers, so the accuracy is not measured on training text', () => {
    // The first trigger per language is the exchange's own prompt: users paste exactly that.
    const prompts = new Set(topics.flatMap((t) => [t.triggers.en[0], t.triggers['zh-CN'][0]]).map(normalizeText));
    const triggers = new Set(topics.flatMap((t) => [...t.triggers.en, ...t.triggers['zh-CN']]).map(normalizeText));
    const copied = utterances.filter((u) => triggers.has(normalizeText(u.text)) && !prompts.has(normalizeText(u.text)));
    assert.deepEqual(copied.map((u) => u.text), []);
  });

  it('recognises an exact failure prompt in any casing and punctuation', () => {
    for (const text of ['Document photo unclear', 'DOCUMENT PHOTO UNCLEAR', 'document photo unclear!!!', '"Document photo unclear."']) {
      assert.equal(matcher.match(text).topic, 'photo_unclear', text);
    }
  });

  it('recognises a failure prompt inside surrounding text', () => {
    assert.equal(matcher.match('Error: Document photo unclear. Please try again').topic, 'photo_unclear');
    assert.equal(matcher.match('My KYC got rejected with "Document has expired", what should I do now?').topic, 'document_expired');
  });

  it('forgives typos in a failure prompt', () => {
    assert.equal(matcher.match('Documnet photo uncler').topic, 'photo_unclear');
    assert.equal(matcher.match('Facial recogniton faild').topic, 'face_verification_failed');
  });

  it('reads full-width letters as their ASCII equivalents', () => {
    assert.equal(matcher.match('ＤＯＣＵＭＥＮＴ ＰＨＯＴＯ ＵＮＣＬＥＡＲ').topic, 'photo_unclear');
  });

  it('matches Chinese without word boundaries, exact and paraphrased', () => {
    assert.equal(matcher.match('证件照片不清晰', 'zh-CN').topic, 'photo_unclear');
    assert.equal(matcher.match('提示：证件已过期，请重新提交', 'zh-CN').topic, 'document_expired');
    assert.equal(matcher.match('我的护照过期了怎么办', 'zh-CN').topic, 'document_expired');
  });

  it('matches an English prompt pasted into a Chinese message', () => {
    assert.equal(matcher.match('认证失败，显示 Facial recognition failed', 'zh-CN').topic, 'face_verification_failed');
  });

  it('returns null with confidence 0 for greetings, prices and other questions', () => {
    for (const text of ['hello', "what's the BTC price", 'how do I withdraw', '比特币价格多少']) {
      const result = matcher.match(text);
      assert.equal(result.topic, null, text);
      assert.equal(result.kind, null, text);
      assert.equal(result.confidence, 0, text);
    }
  });

  it('returns null for empty, blank and emoji-only text', () => {
    for (const text of ['', '   ', '👍', '😀😀😀', '🔥🚀']) assert.deepEqual(matcher.match(text), { topic: null, kind: null, confidence: 0, alternatives: [] });
  });

  it('answers a 100 kB input without matching its noise', () => {
    const noise = Array.from({ length: 20_000 }, (_, i) => `x${(i * 7919) % 10007}`).join(' ').slice(0, 100_000);
    const started = process.hrtime.bigint();
    const result = matcher.match(noise);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(result.topic, null);
    assert.ok(ms < 200, `took ${ms.toFixed(1)} ms`);
  });

  it('reports the kind of the topic it chose, a confidence in 0..1 and alternatives without the chosen topic', () => {
    const result = matcher.match('Facial recognition failed');
    assert.equal(result.kind, 'cause');
    assert.ok(result.confidence > 0 && result.confidence <= 1);
    assert.ok(result.alternatives.every((a) => a.topic !== result.topic && a.confidence <= result.confidence));
  });
});

describe('topic matcher decisions', () => {
  const topics = [
    fixtureTopic('photo_unclear', 'cause', ['document photo unclear', 'blurry photo'], ['证件照片不清晰']),
    fixtureTopic('document_expired', 'cause', ['document has expired', 'expired passport'], ['证件已过期']),
    fixtureTopic('faq_switch_document', 'faq', ['use a different document', 'switch to my passport', 'use my passport instead of my ID card'], ['换证件']),
  ];
  const matcher = createTopicMatcher(topics);

  it('returns null and offers both topics when a text matches two equally', () => {
    const result = matcher.match('blurry photo and an expired passport');
    assert.equal(result.topic, null);
    assert.deepEqual(result.alternatives.map((a) => a.topic).sort(), ['document_expired', 'photo_unclear']);
  });

  it('does not name a topic from one shared word', () => {
    assert.equal(matcher.match('my login session expired').topic, null);
  });

  it("does not offer switching documents when the document may be someone else's", () => {
    const withSafety = createTopicMatcher([
      ...topics,
      fixtureTopic('safety_circumvention', 'safety', ["use my friend's ID", 'verify with someone else\'s passport'], ['用别人的身份证认证']),
    ]);
    assert.equal(withSafety.match('can I use my passport instead of my ID card').topic, 'faq_switch_document');
    const result = withSafety.match("can I use my sister's ID card instead");
    assert.equal(result.topic, null);
    assert.ok(result.alternatives.some((a) => a.topic === 'safety_circumvention'));
  });

  it('names the topic with its kind when one trigger is fully covered', () => {
    assert.deepEqual(matcher.match('Document has expired').topic, 'document_expired');
    assert.equal(matcher.match('can I switch to my passport?').kind, 'faq');
  });
});

describe('edit distance', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    assert.equal(editDistance('documnet', 'document', 2), 1);
  });

  it('stops counting past the limit', () => {
    assert.equal(editDistance('passport', 'withdraw', 2), 3);
  });

  it('finds vocabulary words within the allowed edits for their length, and nothing for short words', () => {
    const vocabulary = new FuzzyVocabulary(['unclear', 'recognition', 'match', 'face']);
    assert.deepEqual(vocabulary.nearest('uncler'), [{ word: 'unclear', distance: 1 }]);
    assert.deepEqual(vocabulary.nearest('mtach'), [{ word: 'match', distance: 1 }]);
    assert.deepEqual(vocabulary.nearest('recgonitoin'), [{ word: 'recognition', distance: 2 }]);
    assert.deepEqual(vocabulary.nearest('fcae'), []);
  });
});
