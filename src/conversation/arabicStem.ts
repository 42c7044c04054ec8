/**
 * A light Arabic stemmer for text as normalizeText leaves it (no vowel marks, hamza seats as
 * plain alif, tā' marbūṭa as hā'). It replaces NLP.js's Snowball stemmer for Arabic, which stems
 * one word differently with and without its article ("بطاقه" → "طاق" but "البطاقه" → "بطاقه",
 * "هويتي" → "هويت" but "هويه" → "هوي"), so "my card" and "the card" never met.
 */

/** Article forms, with the conjunctions and prepositions that are written onto them; longest first. */
const ARTICLES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
/** A possessive pronoun after tā' marbūṭa turns it into "ت": "هويتي" is "هويه" + "ي". */
const TA_POSSESSIVES = ['تهما', 'تكما', 'تهم', 'تهن', 'تكم', 'تنا', 'تها', 'ته', 'تك', 'تي'];
const POSSESSIVES = ['هما', 'كما', 'هم', 'هن', 'كم', 'نا', 'ها', 'ه', 'ك', 'ي'];
const PLURALS = ['ات', 'ون', 'ين', 'ان'];
/**
 * "غيري" (someone other than me) names a borrowed ID ("بهويه غيري"); stemmed to "غير" it met every
 * "غير مطابق" / "غير اللي في الجواز" (not, other than), so a name mismatch read as circumvention.
 */
const KEPT_WHOLE: ReadonlySet<string> = new Set(['غيري', 'غيرك', 'غيره']);
/** Shorter stems would merge unrelated words ("وجه", face, must not lose its last letter). */
const MIN_STEM = 3;

function withoutPrefix(word: string, prefixes: readonly string[]): string {
  const prefix = prefixes.find((p) => word.startsWith(p) && word.length - p.length >= MIN_STEM);
  return prefix ? word.slice(prefix.length) : word;
}

function withoutSuffix(word: string, suffixes: readonly string[]): string {
  const suffix = suffixes.find((s) => word.endsWith(s) && word.length - s.length >= MIN_STEM);
  return suffix ? word.slice(0, -suffix.length) : word;
}

/**
 * "الجواز" → "جواز", "البطاقه" and "بطاقتي" → "بطاق", "المحاولات" → "محاول": the article goes,
 * then a possessive or the feminine ending, then a plural ending.
 */
export function arabicStem(word: string): string {
  const bare = withoutPrefix(word, ARTICLES);
  if (KEPT_WHOLE.has(bare)) return bare;
  const unpossessed = withoutSuffix(bare, TA_POSSESSIVES);
  const stem = unpossessed !== bare ? unpossessed : withoutSuffix(bare, POSSESSIVES);
  return withoutSuffix(stem, PLURALS);
}

/** Conjunctions and prepositions written onto a word without an article ("وجوازي", "بهويه", "لفلوسي"). */
const CLITICS = ['و', 'ب', 'ل', 'ف', 'ك'];

/**
 * The readings of a user's Arabic word: its stem, and its stem without a leading conjunction or
 * preposition when it may have one. "بطاقه" (card) and "وثيقه" (document) start with a root
 * letter that looks like one, so both readings are kept and the matcher takes the one a trigger knows.
 */
export function arabicStemReadings(word: string): string[] {
  const readings = [arabicStem(word)];
  const first = word.charAt(0);
  if (CLITICS.includes(first) && word.length > MIN_STEM + 1) readings.push(arabicStem(word.slice(1)));
  return readings;
}
