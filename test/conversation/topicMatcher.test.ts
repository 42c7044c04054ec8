import assert from 'node:assert/strict';
import { editDistance, FuzzyVocabulary } from '../../src/conversation/fuzzy';
import { normalizeText } from '../../src/i18n/normalizeText';
import { foldForFeatures, textFeatures } from '../../src/conversation/textFeatures';
import { createPhraseScanner } from '../../src/conversation/phraseScanner';
import { loadDialogData } from '../../src/conversation/topicLoader';
import { createTopicMatcher } from '../../src/conversation/topicMatcher';
import type { Topic, TopicKind } from '../../src/conversation/topicSchema';
import { DIALOGS_DIR } from '../../src/projectPaths';
import { loadLabelledUtterances } from './labelledUtterances';
import { LANGUAGES, type Language } from '../../src/i18n/locales';
import { recordOf } from '../../src/recordOf';

function fixtureTopic(id: string, kind: TopicKind, en: string[], zh: string[]): Topic {
  return {
    id,
    kind,
    label: `topics:${id}.label`,
    triggers: { ...recordOf(LANGUAGES, () => []), en, 'zh-CN': zh },
    start: 'done',
    steps: { done: { type: 'end' } },
  };
}

describe('topic matcher on the real dialogs', () => {
  const { topics, ...phrases } = loadDialogData(DIALOGS_DIR);
  const matcher = createTopicMatcher(topics, phrases);
  const kindOf = new Map(topics.map((t) => [t.id, t.kind]));
  const utterances = loadLabelledUtterances();

  it("names the right topic for at least 95 % of the en and zh-CN utterances, and 88 % of every language's tuned part", () => {
    const missesOf = (list: typeof utterances) => list.filter((u) => matcher.match(u.text, u.locale).topic !== u.topic);
    const core = utterances.filter((u) => u.locale === 'en' || u.locale === 'zh-CN');
    const coreMisses = missesOf(core);
    assert.ok(
      1 - coreMisses.length / core.length >= 0.95,
      `top-1 ${(100 - (100 * coreMisses.length) / core.length).toFixed(1)} %; misses:\n${coreMisses.map((u) => `  ${u.topic}: ${u.text}`).join('\n')}`,
    );
    // The held-out split is measured by bench:prompt against the issue's floors, never here.
    for (const language of LANGUAGES) {
      const tuned = utterances.filter((u) => u.locale === language && !u.holdout);
      const misses = missesOf(tuned);
      assert.ok(tuned.length >= 20, `${language}: labelled utterances`);
      assert.ok(
        1 - misses.length / tuned.length >= 0.88,
        `${language} tuned top-1 below 88 %; misses:\n${misses.map((u) => `  ${u.topic}: ${u.text}`).join('\n')}`,
      );
    }
  });

  it('never maps an out-of-scope utterance to a cause', () => {
    const outOfScope = utterances.filter((u) => u.topic === null);
    assert.ok(outOfScope.length >= 40);
    const toCause = outOfScope
      .map((u) => ({ text: u.text, topic: matcher.match(u.text, u.locale).topic }))
      .filter((r) => r.topic !== null && kindOf.get(r.topic) === 'cause');
    assert.deepEqual(toCause, []);
  });

  it('answers an FAQ beside a safety score too faint to be named on its own', () => {
    const result = matcher.match('are my coins safe while my account is unverified', 'en');
    assert.equal(result.topic, 'faq_assets');
    // A cause would need a 0.3 lead over it; an FAQ's answer is information, not a way through.
    const scam = result.alternatives.find((a) => a.topic === 'safety_scam');
    assert.ok(scam && result.confidence - scam.confidence < 0.3 && scam.confidence < 0.5, JSON.stringify(result));
  });

  it('drops function words however they are typed: Arabic "على" folds to "علي"', () => {
    // "on my account" says nothing about what went wrong.
    assert.equal(matcher.match('على حسابي', 'ar').topic, null);
    assert.equal(matcher.match('متى', 'ar').topic, null);
  });

  it("names no topic for another desk's question: setting up an authenticator, a withdrawal under review", () => {
    for (const [text, language] of [
      ['how do I set up google authenticator', 'en'],
      ['вывод средств на проверке уже 5 часов, когда придёт?', 'ru'],
    ] as const)
      assert.equal(matcher.match(text, language).topic, null, text);
  });

  it('names a topic from a pair of its words the triggers do not have, but never over a scam it sees', () => {
    // "purchase" + "verified acc", "trick" + "kyc", "suspended" + "acct": words no trigger pairs.
    const wordsOnly = createTopicMatcher(topics, { ...phrases, topicPairs: [] });
    for (const [text, topic] of [
      ['where can I purchase a verified acc', 'safety_circumvention'],
      ['is there a way to trick the kyc', 'safety_circumvention'],
      ['will my acct get suspended', 'faq_ban'],
    ] as const) {
      assert.equal(matcher.match(text, 'en').topic, topic, text);
      assert.equal(wordsOnly.match(text, 'en').topic, null, text);
    }
    // "speed up" + "kyc" is the expedite pair, yet a stranger's fee makes it the scam warning.
    assert.equal(
      matcher.match('a guy on telegram says he can speed up my kyc if I pay him 50 usdt first', 'en').topic,
      'safety_scam',
    );
  });

  it('reads a text naming two kinds of document as a question about switching', () => {
    const text = 'lần sau mình nộp hộ chiếu thay cho cccd được không';
    assert.equal(matcher.match(text, 'vi').topic, 'faq_switch_document');
    // Without the kinds of document its words alone tie with the attempts restriction ("lần sau").
    const wordsOnly = createTopicMatcher(topics, { ...phrases, documentKinds: [], anotherDocument: [] });
    assert.equal(wordsOnly.match(text, 'vi').topic, null);
  });

  it('names no cause for a text about the login session or password unless it also names a document', () => {
    for (const text of [
      'セッションの有効期限が切れました',
      'my session expired, I have to log in again',
      'сессия истекла, войти в аккаунт не могу',
    ])
      assert.notEqual(kindOf.get(matcher.match(text).topic ?? ''), 'cause', text);
    assert.equal(matcher.match('my passport expired and now my session expired too').topic, 'document_expired');
    assert.equal(matcher.match('パスポートの有効期限が切れました').topic, 'document_expired');
  });

  it('labels only topics that exist, and covers every topic in both languages', () => {
    const ids = new Set(topics.map((t) => t.id));
    for (const u of utterances)
      if (u.topic !== null) assert.ok(ids.has(u.topic), `unknown topic '${u.topic}' in utterances.json`);
    for (const id of ids) {
      for (const locale of LANGUAGES) {
        assert.ok(
          utterances.some((u) => u.topic === id && u.locale === locale),
          `no ${locale} utterance for '${id}'`,
        );
      }
    }
  });

  it('keeps the labelled utterances out of the triggers, so the accuracy is not measured on training text', () => {
    // The tuned part may hold the exchange's own prompts (users paste exactly that); the held-out part never a trigger.
    const triggers = new Set(
      topics.flatMap((t) => LANGUAGES.flatMap((language) => t.triggers[language])).map(normalizeText),
    );
    // Held-out lines never copy a trigger, not even the exchange's prompt.
    const copied = utterances.filter((u) => u.holdout === true && triggers.has(normalizeText(u.text)));
    assert.deepEqual(
      copied.map((u) => u.text),
      [],
    );
  });

  it('recognises an exact failure prompt in any casing and punctuation', () => {
    for (const text of [
      'Document photo unclear',
      'DOCUMENT PHOTO UNCLEAR',
      'document photo unclear!!!',
      '"Document photo unclear."',
    ]) {
      assert.equal(matcher.match(text).topic, 'photo_unclear', text);
    }
  });

  it('recognises a failure prompt inside surrounding text', () => {
    assert.equal(matcher.match('Error: Document photo unclear. Please try again').topic, 'photo_unclear');
    assert.equal(
      matcher.match('My KYC got rejected with "Document has expired", what should I do now?').topic,
      'document_expired',
    );
  });

  it('forgives typos in a failure prompt', () => {
    assert.equal(matcher.match('Documnet photo uncler').topic, 'photo_unclear');
    assert.equal(matcher.match('Facial recogniton faild').topic, 'face_verification_failed');
  });

  it("reads a known word as itself, not as a near spelling of another topic's word ('charge' is no 'change')", () => {
    assert.equal(matcher.match('Type de document non pris en charge').topic, 'unsupported_document');
    assert.equal(matcher.match('will they ban my account forever').topic, 'faq_ban');
  });

  it('reads the framing and the off-topic words in one scan', () => {
    assert.equal(matcher.match('Verification failed: Document expired. Please try again.').topic, 'document_expired');
    assert.equal(matcher.match('Verification failed: my session expired. Please try again.').topic, null);
  });

  it("names no topic for another service's problem, though it shares words with the scam warning or the review time", () => {
    for (const [text, language] of [
      ['2FA code not arriving on my phone', 'en'],
      ['谷歌验证码收不到 登不上账户了', 'zh-CN'],
      ['lệnh rút tiền đang chờ xử lý 2 tiếng rồi', 'vi'],
      ['出金要多久才會到銀行', 'zh-TW'],
    ] as const)
      assert.equal(matcher.match(text, language).topic, null, text);
    assert.equal(matcher.match('someone asked me for my 2FA code', 'en').topic, 'safety_scam');
    assert.equal(matcher.match('认证没过，币能提出来吗', 'zh-CN').topic, 'faq_assets');
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

  it('returns null when someone only asks for support, with no scam in it', () => {
    for (const text of [
      'can I talk to support',
      'I need support',
      'where is support',
      'support please',
      '我要找客服',
    ]) {
      assert.equal(matcher.match(text).topic, null, text);
    }
  });

  it('still names the scam warning when support asked for a secret, money or claimed to be support', () => {
    for (const text of [
      'a support agent asked me for my 2FA code',
      'someone claiming to be customer support wants my seed phrase',
      '自称客服的人让我转账',
    ]) {
      assert.equal(matcher.match(text).topic, 'safety_scam', text);
    }
  });

  it('returns null for a bare document name, which is no failure cause', () => {
    for (const text of ['my ID card', 'my passport', 'passport', '身份证', 'ID card please']) {
      assert.equal(matcher.match(text).topic, null, text);
    }
  });

  it('names the cause once the document comes with what went wrong', () => {
    assert.equal(matcher.match('my ID card is expired').topic, 'document_expired');
    assert.equal(matcher.match('我的身份证已经过期').topic, 'document_expired');
    assert.equal(matcher.match('is my ID supported').topic, 'unsupported_document');
  });

  it('offers at most alternatives for a wish to verify', () => {
    assert.equal(matcher.match('I want to verify my account').topic, null);
  });

  it('returns null for empty, blank and emoji-only text', () => {
    for (const text of ['', '   ', '👍', '😀😀😀', '🔥🚀'])
      assert.deepEqual(matcher.match(text), { topic: null, kind: null, confidence: 0, alternatives: [] });
  });

  it('answers a 100 kB input without matching its noise', () => {
    const noise = Array.from({ length: 20_000 }, (_, i) => `x${(i * 7919) % 10007}`)
      .join(' ')
      .slice(0, 100_000);
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
    fixtureTopic(
      'faq_switch_document',
      'faq',
      ['use a different document', 'switch to my passport', 'use my passport instead of my ID card'],
      ['换证件'],
    ),
  ];
  const matcher = createTopicMatcher(topics);

  it('returns null and offers both topics when a text matches two equally', () => {
    const result = matcher.match('blurry photo and an expired passport');
    assert.equal(result.topic, null);
    assert.deepEqual(result.alternatives.map((a) => a.topic).sort(), ['document_expired', 'photo_unclear']);
  });

  it('does not name a topic from one shared word', () => {
    assert.equal(matcher.match('my session expired, I have to log in again').topic, null);
  });

  it("does not offer switching documents when the document may be someone else's", () => {
    const withSafety = createTopicMatcher([
      ...topics,
      fixtureTopic(
        'safety_circumvention',
        'safety',
        ["use my friend's ID", "verify with someone else's passport"],
        ['用别人的身份证认证'],
      ),
    ]);
    assert.equal(withSafety.match('can I use my passport instead of my ID card').topic, 'faq_switch_document');
    const result = withSafety.match("can I use my sister's ID card instead");
    assert.equal(result.topic, null);
    assert.ok(result.alternatives.some((a) => a.topic === 'safety_circumvention'));
  });

  it('does not count a negation as one of the two words a topic needs', () => {
    const withNegation = createTopicMatcher([
      ...topics,
      fixtureTopic('info_mismatch', 'cause', ['name does not match', 'details do not match'], ['信息不一致']),
    ]);
    assert.equal(withNegation.match('it does not match').topic, null);
    assert.equal(withNegation.match('my name does not match').topic, 'info_mismatch');
  });

  it('does not name a topic from the one word of a one-word trigger', () => {
    const withBan = createTopicMatcher([
      ...topics,
      fixtureTopic('faq_ban', 'faq', ['will I be banned', 'will my account be banned'], ['会被封号吗']),
    ]);
    assert.equal(withBan.match('banned').topic, null);
    assert.equal(withBan.match('will my account get banned').topic, 'faq_ban');
  });

  it('names the topic of a one-word trigger typed word for word, and not a wording two topics share', () => {
    const withBan = createTopicMatcher(
      [
        ...topics,
        fixtureTopic('faq_ban', 'faq', ['Will I be banned?', 'will I get banned'], ['会被封号吗']),
        fixtureTopic('attempts_limited', 'cause', ['will I get banned', 'too many attempts'], ['次数过多']),
      ],
      { framing: ['verification failed', 'please try again'] },
    );
    assert.equal(withBan.match('  WILL I BE BANNED ', 'en').topic, 'faq_ban');
    assert.equal(withBan.match('Verification failed: Will I be banned? Please try again.', 'en').topic, 'faq_ban');
    assert.equal(withBan.match('will I be banned soon', 'en').topic, null);
    assert.equal(withBan.match('will I get banned', 'en').topic, null);
  });

  it('needs more than the word "support" to name the scam warning', () => {
    const withScam = createTopicMatcher([
      ...topics,
      fixtureTopic(
        'safety_scam',
        'safety',
        ['is this really support', 'support asked for my password', 'someone says they are customer service'],
        ['假客服'],
      ),
    ]);
    for (const text of ['support please', 'where is customer support', '客服在吗'])
      assert.equal(withScam.match(text).topic, null, text);
    assert.equal(withScam.match('customer support asked me for my password').topic, 'safety_scam');
  });

  it('does not name a cause from document names alone, but offers it', () => {
    const withCard = createTopicMatcher([
      ...topics,
      fixtureTopic('unsupported_document', 'cause', ['ID card not accepted'], ['身份证不被接受']),
    ]);
    const result = withCard.match('my ID card');
    assert.equal(result.topic, null);
    assert.ok(result.alternatives.some((a) => a.topic === 'unsupported_document'));
    assert.equal(withCard.match('my ID card was not accepted').topic, 'unsupported_document');
    assert.equal(withCard.match('身份证', 'zh-CN').topic, null);
  });

  it('names the topic with its kind when one trigger is fully covered', () => {
    assert.deepEqual(matcher.match('Document has expired').topic, 'document_expired');
    assert.equal(matcher.match('can I switch to my passport?').kind, 'faq');
  });
});

describe('names of documents in a text', () => {
  const data = loadDialogData(DIALOGS_DIR);
  const scan = createPhraseScanner(data);
  const namesTwo = (text: string): boolean => scan(foldForFeatures(text)).namesTwoDocuments;

  it('finds two kinds of document, or "another document", in any language', () => {
    assert.ok(namesTwo('can I use my passport instead of my ID card?'));
    assert.ok(namesTwo('这次能用护照代替身份证吗'));
    assert.ok(namesTwo('nộp hộ chiếu thay cho cccd được không'));
    assert.ok(namesTwo('можно загранпаспорт вместо паспорта?'));
    assert.ok(namesTwo('can I upload a different document?'));
    assert.ok(namesTwo('可以换个证件吗'));
  });

  it("finds another desk's service with what went wrong with it, in any order and language", () => {
    const otherService = (text: string): boolean => scan(foldForFeatures(text)).otherService;
    assert.ok(otherService('been 3 days and my withdrawal is still under review'));
    assert.ok(otherService('pending since monday: my deposit'));
    assert.ok(otherService('meu saque tá em análise faz 3 horas'));
    assert.ok(otherService('google authenticator nasıl kurulur'));
    assert.ok(otherService('出金申請したら審査中のまま'));
    // A state alone is a verification's too; so is withdrawing as a verb ("can I withdraw").
    assert.ok(!otherService('my verification is still under review'));
    assert.ok(!otherService('can I withdraw while my verification is pending?'));
    assert.ok(!otherService('someone asked me for my google authenticator code'));
  });

  it('does not count one document named twice, or a longer name holding a shorter one', () => {
    assert.ok(!namesTwo('my ID card was rejected, the ID is valid'));
    assert.ok(!namesTwo('passport expired'));
    assert.ok(!namesTwo('закордонний паспорт прострочений'));
    assert.ok(!namesTwo('my driving licence is not a valid licence?'));
  });
});

describe('text features', () => {
  it("drops a language's own function words only: French 'mes' is Spanish 'mes', Vietnamese 'ban' is English 'ban'", () => {
    const surfaces = (text: string, language: Language): string[] =>
      textFeatures(text, { language }).words.map((w) => w.surface);
    assert.deepEqual(surfaces('mes documents', 'fr'), ['documents']);
    assert.deepEqual(surfaces('vence el mes', 'es'), ['vence', 'mes']);
    assert.deepEqual(surfaces('will they ban me', 'en'), ['ban']);
    assert.deepEqual(surfaces('tai khoan cua ban', 'vi'), ['taikhoan']);
  });

  it('folds plurals of a document name onto it, and keeps the verb form of "support" apart from the noun', () => {
    const stems = (text: string): string[] => textFeatures(text).words.map((w) => w.stems[0]);
    assert.deepEqual(stems('passports IDs'), stems('passport ID'));
    assert.notDeepEqual(stems('not supported'), stems('not support'));
    assert.deepEqual(stems('expired'), stems('expires'));
  });

  it('compares Korean words without their verb endings and particles, and keeps a one-syllable word as a word', () => {
    const grams = (text: string): string[] => [...textFeatures(text).grams.keys()].sort();
    assert.deepEqual(grams('만료되었습니다'), grams('만료'));
    assert.deepEqual(grams('거절됐어요'), grams('거절'));
    assert.deepEqual(grams('사진이'), grams('사진'));
    assert.deepEqual(grams('바꾸고 싶어요'), grams('바꾸'));
    assert.notDeepEqual(grams('않습니다'), grams('않'));
    const trigger = textFeatures('밴 당하나요', { language: 'ko', weighByWords: true });
    assert.equal(trigger.grams.get('u:밴'), 1);
  });

  it('names no cause for a Korean sentence that shares only a verb ending with a prompt', () => {
    const { topics, ...phrases } = loadDialogData(DIALOGS_DIR);
    const matcher = createTopicMatcher(topics, phrases);
    assert.equal(matcher.match('결제 링크가 만료되었습니다').topic, null);
    assert.equal(matcher.match('신분증 유효기간이 만료되었습니다').topic, 'document_expired');
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
