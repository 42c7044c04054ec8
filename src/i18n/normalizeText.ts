/**
 * Diacritics dropped before comparing: people type "caducado" for "cadücado", "het han" for
 * "hết hạn", "kimlik" with or without "İ", Arabic with or without vowel marks. Kana keep theirs:
 * the voicing mark of "が" makes another syllable, not an accent; so do й and ї (see below).
 */
const MARKS_OUTSIDE_KANA = /([^\p{Script=Hiragana}\p{Script=Katakana}])\p{M}+/gu;
/**
 * Cyrillic й and Ukrainian ї are letters of their own, not an и or і with an accent: the Russian
 * and Ukrainian stemmers need them ("размытый" and "размытое" share a stem only with the й).
 */
const CYRILLIC_MARKED_LETTERS: ReadonlySet<string> = new Set(
  ['й', 'Й', 'ї', 'Ї'].map((letter) => letter.normalize('NFD')),
);
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

/** Most messages are plain ASCII, for which every step but case, punctuation and spaces does nothing. */
const PRINTABLE_ASCII = /^[\x20-\x7e\t\n\r]*$/;
/**
 * Runs of white space and of the ASCII characters of Unicode's punctuation and symbol classes:
 * each becomes one space in one pass (punctuation to spaces, then runs of spaces to one, gives the same).
 */
const ASCII_PUNCTUATION_AND_SPACES = /[!-/:-@[-`{-~\s]+/g;
/** The same for any text. */
const PUNCTUATION_AND_SPACES = /[\p{P}\p{S}\s]+/gu;
/** Whether the MARKS_OUTSIDE_KANA pass has anything to do: most scripts, once decomposed, have no marks. */
const ANY_MARK = /\p{M}/u;

/**
 * Folds what users type into one comparable form: full-width to half-width (NFKC), diacritics
 * dropped (Turkish dotted and dotless i both become "i"), lower case, punctuation and symbols to
 * spaces, runs of white space to one. CJK characters stay as they are.
 */
export function normalizeText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase().replace(ASCII_PUNCTUATION_AND_SPACES, ' ').trim();
  // NFKD is NFD of NFKC: full-width to half-width and every accent split off, in one pass.
  const decomposed = text.normalize('NFKD');
  const unmarked = ANY_MARK.test(decomposed)
    ? decomposed.replace(MARKS_OUTSIDE_KANA, (marked, letter: string) =>
        CYRILLIC_MARKED_LETTERS.has(marked) ? marked : letter,
      )
    : decomposed;
  return unmarked
    .normalize('NFC')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(TATWEEL, '')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '')
    .replace(PUNCTUATION_AND_SPACES, ' ')
    .trim();
}
