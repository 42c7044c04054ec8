/** Suffixes folded so that "expired", "expires" and "expiring" compare equal; longest first. */
const SUFFIXES: readonly [suffix: string, replacement: string][] = [
  ['ations', ''],
  ['ation', ''],
  ['ings', ''],
  ['ing', ''],
  ['ied', 'y'],
  ['ies', 'y'],
  ['ed', ''],
  ['es', ''],
  ['s', ''],
  ['e', ''],
];

const DOUBLED_CONSONANT = /([bdfgmnprt])\1$/;

/**
 * A deliberately light stemmer: it only needs to make a trigger and a user's wording of the
 * same word collide, not to produce real stems (a full Porter stemmer over-merges short words
 * like "use"/"user" that matter here).
 */
export function englishStem(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  for (const [suffix, replacement] of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    if (suffix === 's' && (word.endsWith('ss') || word.endsWith('us'))) return word;
    const stem = word.slice(0, word.length - suffix.length);
    if (stem.length < 2) return word;
    const folded = stem + replacement;
    return suffix === 'e' ? folded : folded.replace(DOUBLED_CONSONANT, '$1');
  }
  return word;
}
