/**
 * Russian typed in Latin letters ("foto razmytoe", "selfi ne prinimaet", "srok deistviya istek"),
 * as people do on a phone without a Cyrillic keyboard, back in Cyrillic, so that it meets the
 * Cyrillic triggers. The spellings vary (zh, kh, ch, sh, shch, ts, ya, yu; y for ы and for й);
 * this follows the common ones. The soft sign is hardly ever typed: a word that may end in one
 * (-ть, -сь) is read both ways.
 */

/** Letter groups first, longest first, so "shch" is not read as "sh" + "ch". */
const GROUPS: readonly (readonly [string, string])[] = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['tz', 'ц'],
  ['ya', 'я'],
  ['ja', 'я'],
  ['yu', 'ю'],
  ['ju', 'ю'],
  ['yo', 'е'],
  ['jo', 'е'],
  ['ye', 'е'],
  ['je', 'е'],
];

const LETTERS: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'б',
  c: 'ц',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'х',
  i: 'и',
  j: 'й',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'к',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  w: 'в',
  x: 'кс',
  z: 'з',
};

const CYRILLIC_VOWEL = /[аеиоуыэюя]$/;
const LATIN_CONSONANT_OR_END = /^(?:[bcdfghjklmnpqrstvwxz]|$)/;

/** Endings typed without the soft sign they have in Cyrillic: "sdelat", "poluchilos". */
const SOFT_SIGN_DROPPED = /[тс]$/;

/** The Cyrillic readings of a word of Latin letters a–z (normalizeText's output). */
export function latinToRussian(word: string): string[] {
  const cyrillic = transliterate(word, GROUPS, russianLetter);
  return SOFT_SIGN_DROPPED.test(cyrillic) ? [cyrillic, `${cyrillic}ь`] : [cyrillic];
}

/**
 * A word read left to right: a letter group of `groups` where one starts, otherwise the one letter
 * `letter` spells, given what is read so far.
 */
function transliterate(
  word: string,
  groups: readonly (readonly [string, string])[],
  letter: (word: string, i: number, out: string) => string,
): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const group = groups.find(([latin]) => word.startsWith(latin, i));
    if (group) {
      out += group[1];
      i += group[0].length;
    } else {
      out += letter(word, i, out);
      i += 1;
    }
  }
  return out;
}

function russianLetter(word: string, i: number, out: string): string {
  const letter = word[i];
  const afterVowel = CYRILLIC_VOWEL.test(out);
  // "razmytoe" has an ы, "drugoy" and "deystviya" a й.
  if (letter === 'y') return afterVowel ? 'й' : 'ы';
  // "deistviya", "drugoi": an i after a vowel, before a consonant, is a й.
  if (letter === 'i' && afterVowel && LATIN_CONSONANT_OR_END.test(word.slice(i + 1))) return 'й';
  return LETTERS[letter] ?? letter;
}

/**
 * Ukrainian typed in Latin letters ("pyshe shcho dokument vzhe vykorystanyi", "foto rozmyte")
 * follows other conventions than Russian: y is и, i is і, h is г, and ia, iu, ie, yi spell я, ю,
 * є, ї. Read separately, so the Russian reading of the same word keeps its own.
 */
const UKRAINIAN_GROUPS: readonly (readonly [string, string])[] = [
  ['shch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['ya', 'я'],
  ['ia', 'я'],
  ['yu', 'ю'],
  ['iu', 'ю'],
  ['ye', 'є'],
  ['ie', 'є'],
  ['yi', 'ї'],
  ['ji', 'ї'],
  // "dii", "informatsii": Ukrainian has "ії", never "іі".
  ['ii', 'ії'],
];

const UKRAINIAN_LETTERS: Readonly<Record<string, string>> = {
  ...LETTERS,
  g: 'г',
  h: 'г',
  i: 'і',
  y: 'и',
};

/** The Ukrainian Cyrillic reading of a word of Latin letters a–z (normalizeText's output). */
export function latinToUkrainian(word: string): string {
  return transliterate(word, UKRAINIAN_GROUPS, (latin, i) => UKRAINIAN_LETTERS[latin[i]] ?? latin[i]);
}
