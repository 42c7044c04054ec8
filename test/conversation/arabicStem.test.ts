import assert from 'node:assert/strict';
import { arabicStem, arabicStemReadings } from '../../src/conversation/arabicStem';
import { loadDialogData } from '../../src/conversation/topicLoader';
import { createTopicMatcher } from '../../src/conversation/topicMatcher';
import { normalizeText } from '../../src/i18n/normalizeText';
import { DIALOGS_DIR } from '../../src/projectPaths';

const stem = (word: string): string => arabicStem(normalizeText(word));

describe('Arabic stems', () => {
  it('gives a word the same stem with and without its article, a possessive or the feminine ending', () => {
    assert.equal(stem('البطاقة'), stem('بطاقة'));
    assert.equal(stem('بطاقتي'), stem('بطاقة'));
    assert.equal(stem('الهوية'), stem('هويتي'));
    assert.equal(stem('صورتي'), stem('الصورة'));
    assert.equal(stem('جوازي'), stem('الجواز'));
    assert.equal(stem('المحاولات'), stem('محاولة'));
  });

  it('keeps short words whole rather than merging them ("وجه", face)', () => {
    assert.equal(stem('وجه'), 'وجه');
    assert.equal(stem('وجهي'), 'وجه');
  });

  it('keeps "غيري" (someone else\'s) apart from "غير" (not, other than)', () => {
    assert.notEqual(stem('غيري'), stem('غير'));
    assert.ok(arabicStemReadings(normalizeText('بغيري')).includes(stem('غيري')));
  });

  it('reads a user word with a leading conjunction or preposition both ways, since it may be a root letter', () => {
    assert.deepEqual(arabicStemReadings(normalizeText('بهويتي')), [stem('بهويتي'), stem('هويتي')]);
    assert.ok(arabicStemReadings(normalizeText('بطاقتي')).includes(stem('البطاقة')));
    assert.ok(arabicStemReadings(normalizeText('وجوازي')).includes(stem('جواز')));
  });

  it('lets the matcher meet a trigger word written with a possessive and a preposition', () => {
    const { topics, ...phrases } = loadDialogData(DIALOGS_DIR);
    const matcher = createTopicMatcher(topics, phrases);
    assert.equal(matcher.match('بطاقتي انتهت صلاحيتها').topic, 'document_expired');
    assert.equal(matcher.match('صورتي مو واضحة').topic, 'photo_unclear');
    assert.equal(matcher.match('الاسم غير اللي في الجواز').topic, 'info_mismatch');
    assert.equal(matcher.match('ابي اوثق بجواز غيري').topic, 'safety_circumvention');
  });
});
