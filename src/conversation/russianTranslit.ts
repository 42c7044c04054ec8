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
  const cyrillic = transliterate(word);
  return SOFT_SIGN_DROPPED.test(cyrillic) ? [cyrillic, `${cyrillic}ь`] : [cyrillic];
}

function transliterate(word: string): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const group = GROUPS.find(([latin]) => word.startsWith(latin, i));
    if (group) {
      out += group[1];
      i += group[0].length;
      continue;
    }
    const letter = word[i];
    const afterVowel = CYRILLIC_VOWEL.test(out);
    if (letter === 'y') {
      // "razmytoe" has an ы, "drugoy" and "deystviya" a й.
      out += afterVowel ? 'й' : 'ы';
    } else if (letter === 'i' && afterVowel && LATIN_CONSONANT_OR_END.test(word.slice(i + 1))) {
      // "deistviya", "drugoi": an i after a vowel, before a consonant, is a й.
      out += 'й';
    } else {
      out += LETTERS[letter] ?? letter;
    }
    i += 1;
  }
  return out;
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
  let out = '';
  let i = 0;
  while (i < word.length) {
    const group = UKRAINIAN_GROUPS.find(([latin]) => word.startsWith(latin, i));
    if (group) {
      out += group[1];
      i += group[0].length;
      continue;
    }
    out += UKRAINIAN_LETTERS[word[i]] ?? word[i];
    i += 1;
  }
  return out;
}
