import assert from 'node:assert/strict';
import { normalizeText } from '../../src/i18n/normalizeText';
import { textFeatures } from '../../src/conversation/textFeatures';
import { latinToRussian } from '../../src/conversation/russianTranslit';
import { turkishStem } from '../../src/conversation/turkishStem';
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

  it('leaves short roots whole rather than cut them into other words', () => {
    assert.notEqual(turkishStem('para'), turkishStem('parlama'));
    assert.equal(turkishStem('kabul'), 'kabul');
    assert.ok(meets('tr', 'fotoğrafı bulanık', 'fotografi'));
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
