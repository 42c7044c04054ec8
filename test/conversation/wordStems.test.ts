import assert from 'node:assert/strict';
import { normalizeText } from '../../src/i18n/normalizeText';
import { loadDialogData } from '../../src/conversation/topicLoader';
import { createTopicMatcher } from '../../src/conversation/topicMatcher';
import { DIALOGS_DIR } from '../../src/projectPaths';
import { textFeatures } from '../../src/conversation/textFeatures';
import { latinToRussian, latinToUkrainian } from '../../src/conversation/russianTranslit';
import { turkishStem } from '../../src/conversation/turkishStem';
import { ukrainianStem } from '../../src/conversation/ukrainianStem';
import { joinVietnameseCompounds } from '../../src/conversation/vietnameseCompounds';
import { stemIn } from '../../src/conversation/wordStems';

/** A user's word reaches a trigger word when one of its candidate stems is the trigger's stem. */
function meets(language: 'ru' | 'uk' | 'tr', triggerWord: string, userWord: string): boolean {
  const [trigger] = textFeatures(triggerWord, { language }).words;
  const [user] = textFeatures(userWord).words;
  return user.stems.includes(trigger.stems[0]);
}

describe('normalisation of Cyrillic letters', () => {
  it('keeps й and ї, which the stemmers need, and still folds ё', () => {
    assert.equal(normalizeText('Размытый, їхній, Ёлка'), 'размытый їхній елка');
  });

  it('stems the forms of one Russian and Ukrainian word alike', () => {
    assert.ok(meets('ru', 'размытое', 'размытый'));
    assert.ok(meets('ru', 'проверка', 'проверкой'));
    assert.ok(meets('uk', 'розмита', 'розмитий'));
  });
});

describe('Turkish stemming', () => {
  it('gives one stem whether the Turkish letters were typed or not', () => {
    const pairs = [
      ['kimliğimin', 'kimligimin'],
      ['fotoğrafı', 'fotografi'],
      ['doğrulanmadı', 'dogrulanmadi'],
      ['süresi', 'suresi'],
      ['yüzümü', 'yuzumu'],
    ];
    for (const [turkish, ascii] of pairs)
      assert.equal(stemIn('tr', normalizeText(turkish)), stemIn('tr', normalizeText(ascii)), turkish);
  });

  it('folds inflections of a word onto one stem', () => {
    const same = (words: string[]): void =>
      assert.deepEqual(new Set(words.map((word) => turkishStem(normalizeText(word)))).size, 1, words.join(' '));
    same(['kimlik', 'kimliğim', 'kimliğimin', 'kimliği']);
    same(['reddedildi', 'reddettiler', 'reddedilen']);
    same(['doğrulama', 'doğrulanmadı', 'doğrulayamadım']);
    same(['pasaport', 'pasaportum', 'pasaportumu', 'pasaporttan']);
    same(['hesap', 'hesabım', 'hesaplarımdaki', 'hesaptaki']);
    same(['geçmiyor', 'geçemiyorum', 'geçti']);
  });

  it('tells "has been used" from "use", whichever letters were typed', () => {
    const stems = (words: string[]): string[] => words.map((word) => turkishStem(normalizeText(word)));
    assert.equal(new Set(stems(['kullanılmış', 'kullanilmis', 'kullanıldı', 'kullanılıyor', 'kulanılmış'])).size, 1);
    assert.equal(new Set(stems(['kullanabilir', 'kullanmak', 'kullanılabilir', 'kullanıyorum'])).size, 1);
    assert.notEqual(turkishStem('kullanilmis'), turkishStem('kullanabilir'));
  });

  it('leaves short roots whole rather than cut them into other words', () => {
    assert.notEqual(turkishStem('para'), turkishStem('parlama'));
    assert.equal(turkishStem('kabul'), 'kabul');
    assert.ok(meets('tr', 'fotoğrafı bulanık', 'fotografi'));
  });
});

describe('Ukrainian verb endings', () => {
  it('gives the plural and the singular of a verb one stem', () => {
    assert.equal(ukrainianStem('приймають'), ukrainianStem('приймає'));
    assert.equal(ukrainianStem('співпадають'), ukrainianStem('співпадає'));
    assert.equal(ukrainianStem('збігаються'), ukrainianStem('збігається'));
    assert.equal(ukrainianStem('відхилили'), ukrainianStem('відхиляють'));
    assert.ok(meets('uk', 'бачить', 'бачать'));
  });

  it('leaves short roots whole', () => {
    assert.equal(ukrainianStem('дають'), 'дают');
    assert.equal(ukrainianStem('паспорт'), 'паспорт');
  });
});

describe('Russian in Latin letters', () => {
  it('reads the common transliterations as the Cyrillic word', () => {
    assert.deepEqual(latinToRussian('razmytoe'), ['размытое']);
    assert.deepEqual(latinToRussian('deistviya'), ['действия']);
    assert.deepEqual(latinToRussian('litso'), ['лицо']);
    assert.deepEqual(latinToRussian('poluchilos'), ['получилос', 'получилось']);
  });

  it('meets the Cyrillic trigger words through their stems', () => {
    assert.ok(meets('ru', 'паспорта', 'pasport'));
    assert.ok(meets('ru', 'действия', 'deystviya'));
    assert.ok(meets('ru', 'размытое', 'razmytoe'));
  });
});

describe('Ukrainian in Latin letters', () => {
  it('reads y as и, i as і, h as г and ia, iu, ie, yi as я, ю, є, ї', () => {
    assert.equal(latinToUkrainian('pyshe'), 'пише');
    assert.equal(latinToUkrainian('oblychchia'), 'обличчя');
    assert.equal(latinToUkrainian('zbihaiutsia'), 'збігаюця');
    assert.equal(latinToUkrainian('dii'), 'дії');
  });

  it('names the cause of Ukrainian typed in Latin letters', () => {
    const { topics, ...phrases } = loadDialogData(DIALOGS_DIR);
    const matcher = createTopicMatcher(topics, phrases);
    assert.equal(matcher.match('ne vdalosia rozpiznaty oblychchia').topic, 'face_verification_failed');
    assert.equal(matcher.match('perevyshcheno kilkist sprob').topic, 'attempts_limited');
  });
});

describe('English stems spelt like a negation', () => {
  it('gives "take" a stem of its own, while Indonesian "tak" (not) stays a negation', () => {
    assert.equal(stemIn('en', 'take'), 'take');
    assert.equal(stemIn('en', 'taking'), 'take');
    assert.equal(stemIn('en', 'takes'), 'take');
    assert.equal(stemIn('en', 'tak'), 'tak');
  });
});

describe('French past participles of subject words', () => {
  it('keep "supporté" whole, so it says more than the support desk, and still fold plurals of the subject', () => {
    assert.equal(stemIn('fr', normalizeText('supporté')), 'supporte');
    assert.equal(stemIn('fr', normalizeText('supportée')), 'supporte');
    assert.equal(stemIn('fr', 'documents'), stemIn('fr', 'document'));
  });
});

describe('Japanese text and the Chinese function characters', () => {
  it('keeps 他 and 在 as content when the text has kana, and drops them in Chinese', () => {
    const japanese = textFeatures('他人 名義 の 在留 カード').grams;
    assert.ok(japanese.has('b:他人'));
    assert.ok(japanese.has('b:在留'));
    const chinese = textFeatures('他在用我的护照').grams;
    assert.ok(!chinese.has('u:他'));
    assert.ok(!chinese.has('u:在'));
  });
});

describe('Vietnamese words of several syllables', () => {
  it('are one word, whether typed with diacritics or without', () => {
    assert.equal(joinVietnameseCompounds(normalizeText('Căn cước của tôi đã hết hạn')), 'cancuoc cua toi da hethan');
    assert.equal(joinVietnameseCompounds('can cuoc het han'), 'cancuoc hethan');
    assert.equal(joinVietnameseCompounds('xhet hanx'), 'xhet hanx');
    assert.equal(joinVietnameseCompounds(normalizeText('tài khoản bị ban rồi')), 'taikhoan biban roi');
    assert.equal(joinVietnameseCompounds(normalizeText('căn cước của bạn tôi')), 'cancuoc cua bantoi');
    assert.equal(joinVietnameseCompounds(normalizeText('hộ chiếu của anh trai')), 'hochieu cua anhtrai');
  });
});

describe('matching what users type without their own letters', () => {
  const { topics, ...phrases } = loadDialogData(DIALOGS_DIR);
  const matcher = createTopicMatcher(topics, phrases);
  const topicOf = (text: string): string | null => matcher.match(text).topic;

  it('names the cause of Turkish typed without ç ğ ı ö ş ü, and of Russian typed in Latin letters', () => {
    assert.equal(topicOf('kimligimin suresi dolmus'), 'document_expired');
    assert.equal(topicOf('yuz dogrulama olmuyor'), 'face_verification_failed');
    assert.equal(topicOf('pasport prosrochen'), 'document_expired');
    assert.equal(topicOf('selfi ne prohodit'), 'face_verification_failed');
  });

  it('names a Ukrainian cause whether its verb is singular or plural, and keeps a login problem out', () => {
    assert.equal(topicOf('дані не співпадають з паспортом'), 'info_mismatch');
    assert.equal(topicOf('не можу увійти в акаунт'), null);
  });

  it("keeps someone else's ID apart from another ID of one's own in Turkish", () => {
    assert.equal(topicOf('başkasının kimliğiyle doğrulama yapsam'), 'safety_circumvention');
    assert.equal(topicOf('başka bir kimlikle denesem olur mu'), 'faq_switch_document');
  });

  it('reads "take" as a word that says something, not as Indonesian "tak" (not)', () => {
    assert.equal(topicOf('how long does it take'), 'faq_review_time');
    assert.equal(topicOf('dokumen tak jelas'), 'photo_unclear');
  });

  it('names the cause of "document non supporté"', () => {
    assert.equal(topicOf('document non supporté'), 'unsupported_document');
  });

  it('does not read an expired session as an expired document', () => {
    assert.equal(topicOf('oturumun süresi doldu'), null);
    assert.equal(topicOf('phiên đăng nhập của tôi hết hạn'), null);
    assert.equal(topicOf('cccd cua toi het han roi'), 'document_expired');
  });
});
