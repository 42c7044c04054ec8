/**
 * Character classes the rules reason about. Each unit passed here is one user-perceived
 * character (a grapheme, NFC-normalised), so a letter with a combining accent is one unit.
 */

/** Invisible characters that a copy from a web page or an input method can slip into a value. */
export function isInvisible(codePoint: number): boolean {
  return (
    codePoint <= 0x08 ||
    (codePoint >= 0x0e && codePoint <= 0x1f) ||
    (codePoint >= 0x7f && codePoint <= 0x84) ||
    (codePoint >= 0x86 && codePoint <= 0x9f) ||
    codePoint === 0xad ||
    codePoint === 0x061c ||
    codePoint === 0x180e ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x2064) ||
    (codePoint >= 0x2066 && codePoint <= 0x206f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint === 0xfeff ||
    (codePoint >= 0xfff9 && codePoint <= 0xfffb) ||
    (codePoint >= 0xe0000 && codePoint <= 0xe007f)
  );
}

/**
 * Spaces that look like a space but are not U+0020 (tabs, line breaks, no-break and typographic
 * spaces). The ideographic space U+3000 is not here: it is a full-width space.
 */
export function isUnusualSpace(codePoint: number): boolean {
  return (
    (codePoint >= 0x09 && codePoint <= 0x0d) ||
    codePoint === 0x85 ||
    codePoint === 0xa0 ||
    codePoint === 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x202f ||
    codePoint === 0x205f
  );
}

/** Full-width forms of ASCII (what a Chinese or Japanese input method types in full-width mode). */
export function isFullWidth(unit: string): boolean {
  const cp = unit.codePointAt(0) ?? 0;
  return unit.length === 1 && ((cp >= 0xff01 && cp <= 0xff5e) || cp === 0x3000);
}

/** The half-width form of a full-width unit, or the unit itself. */
export function toHalfWidth(unit: string): string {
  return isFullWidth(unit) ? unit.normalize('NFKC') : unit;
}

export function isSpace(unit: string): boolean {
  return unit === ' ';
}

/** The middle dot printed between the parts of a transliterated name on Chinese documents. */
export const MIDDLE_DOT = '\u00b7';

/** Characters people type instead of U+00B7 (the full-width ones come from Chinese/Japanese IMEs). */
const MIDDLE_DOT_LOOKALIKES = new Set([
  '.',
  '\u2022', // • bullet
  '\u30fb', // ・ katakana middle dot
  '\uff65', // ･ half-width katakana middle dot
  '\uff0e', // ． full-width full stop
  '\u2027', // ‧ hyphenation point
  '\u2219', // ∙ bullet operator
  '\u22c5', // ⋅ dot operator
  '\u2e31', // ⸱ word separator middle dot
  '\u00b7', // · itself, so "is a dot" checks are uniform
]);

export function isMiddleDotLike(unit: string): boolean {
  return MIDDLE_DOT_LOOKALIKES.has(unit);
}

/** Han ideographs (CJK unified, extension A and compatibility). */
export function isHan(unit: string): boolean {
  return /^\p{Script=Han}/u.test(unit);
}

export function isLetter(unit: string): boolean {
  return /^\p{L}/u.test(unit);
}

export function isDigit(unit: string): boolean {
  return /^[0-9]$/.test(unit);
}

/**
 * Cyrillic and Greek letters that render like Latin ones. A Latin word containing one cannot be
 * matched by a verification system even though it looks right on screen.
 */
const LATIN_LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  У: 'Y',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ο: 'o',
  ν: 'v',
};

/** The Latin letter a Cyrillic/Greek look-alike stands for, if it is one. */
export function latinLookalikeOf(unit: string): string | undefined {
  return LATIN_LOOKALIKES[unit];
}

export function isLatinLetter(unit: string): boolean {
  return /^\p{Script=Latin}/u.test(unit);
}

/** Letters without a canonical decomposition that people still write without their stroke. */
const UNDECOMPOSABLE_BASES: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŧ: 't',
  Ŧ: 'T',
};

/** The unit without accents (é → e, Ł → L); other units unchanged. */
export function withoutAccents(unit: string): string {
  const mapped = UNDECOMPOSABLE_BASES[unit];
  if (mapped !== undefined) return mapped;
  return unit
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

/** Letters that look like a digit in many fonts. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', I: '1', l: '1' };

/** The digit a confusable letter stands for (O → 0, I/l → 1), if it is one. */
export function digitLookalikeOf(unit: string): string | undefined {
  return DIGIT_LOOKALIKES[unit];
}

/** Whether one unit is a letter often typed for the digit that is the other (O/0, I/1, l/1). */
export function isLetterDigitConfusion(a: string, b: string): boolean {
  return digitLookalikeOf(a) === b || digitLookalikeOf(b) === a;
}

/** Lower-case letters other than ß, which text written in capitals keeps (GROßE) for want of a capital. */
export function hasLowerCase(text: string): boolean {
  return /(?!ß)\p{Ll}/u.test(text);
}

/** Whether two different units are the same letter in another case. */
export function differOnlyInCase(a: string, b: string): boolean {
  return a !== b && a.toLocaleLowerCase('und') === b.toLocaleLowerCase('und');
}
