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
/**
 * The letters to fold, and what is dropped: Arabic tatweel, which stretches a word without
 * changing it, and the invisible zero-width and direction marks. One pass does both.
 */
const FOLDABLE_OR_INVISIBLE = new RegExp(
  `[${Object.keys(LETTER_FOLDS).join('')}\u0640\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]`,
  'gu',
);

/**
 * normalizeText of a message in printable ASCII (with tabs and line breaks), or undefined for any
 * other. Most messages are, and for them every step but case, punctuation and spaces does nothing:
 * every printable ASCII character but a letter or digit is punctuation, a symbol or a space, so
 * the words are the runs of letters and digits, joined by one space. One pass over the character
 * codes costs less than a test, a lowercasing and a replace with regular expressions.
 */
function foldPrintableAscii(text: string): string | undefined {
  let folded = '';
  let wordStart = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7e || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) return undefined;
    // `| 0x20` maps A-Z onto a-z and no other character into that range.
    const lowered = code | 0x20;
    if ((code >= 0x30 && code <= 0x39) || (lowered >= 0x61 && lowered <= 0x7a)) {
      if (wordStart < 0) wordStart = i;
    } else if (wordStart >= 0) {
      folded = folded ? `${folded} ${text.slice(wordStart, i)}` : text.slice(wordStart, i);
      wordStart = -1;
    }
  }
  if (wordStart >= 0) folded = folded ? `${folded} ${text.slice(wordStart)}` : text.slice(wordStart);
  return folded.toLowerCase();
}
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
  const ascii = foldPrintableAscii(text);
  if (ascii !== undefined) return ascii;
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
    .replace(FOLDABLE_OR_INVISIBLE, (character) => LETTER_FOLDS[character] ?? '')
    .replace(PUNCTUATION_AND_SPACES, ' ')
    .trim();
}
