/**
 * Diacritics dropped before comparing: people type "caducado" for "cadücado", "het han" for
 * "hết hạn", "kimlik" with or without "İ", Arabic with or without vowel marks. Kana keep theirs:
 * the voicing mark of "が" makes another syllable, not an accent.
 */
const MARKS_OUTSIDE_KANA = /([^\p{Script=Hiragana}\p{Script=Katakana}])\p{M}+/gu;
/** Letters that do not decompose but are typed both ways. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ı: 'i',
  đ: 'd',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  ё: 'е',
  // Arabic: tā' marbūṭa and alif maqṣūra are typed as hā' and yā'; Persian keyboards give ی and ک.
  ة: 'ه',
  ى: 'ي',
  ی: 'ي',
  ک: 'ك',
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');
/** Arabic tatweel stretches a word without changing it. */
const TATWEEL = /\u0640/g;

/**
 * Folds what users type into one comparable form: full-width to half-width (NFKC), diacritics
 * dropped (Turkish dotted and dotless i both become "i"), lower case, punctuation and symbols to
 * spaces, runs of white space to one. CJK characters stay as they are.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(MARKS_OUTSIDE_KANA, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(TATWEEL, '')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
