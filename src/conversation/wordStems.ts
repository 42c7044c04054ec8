import { StemmerEs, StemmerFr, StemmerId, StemmerPt, StemmerRu, type NlpjsStemmer } from '@nlpjs/lang-all';
import { arabicStem, arabicStemReadings } from './arabicStem';
import { englishStem } from './englishStem';
import { indonesianReadings, indonesianSpelling } from './indonesianForms';
import { latinToRussian, latinToUkrainian } from './russianTranslit';
import { turkishStem } from './turkishStem';
import { ukrainianStem } from './ukrainianStem';
import { ENGLISH_SUBJECT_WORDS, OTHER_SUBJECT_WORDS } from './stopWords';
import type { Language } from '../i18n/locales';

/**
 * NLP.js's Snowball stemmers for the inflecting languages, and Turkish's own (Snowball's needs the
 * Turkish letters that normalizeText folds away, see turkishStem.ts), Ukrainian's with the verb
 * endings it leaves on removed (ukrainianStem.ts); Arabic has its own light
 * stemmer (arabicStem.ts); the others compare whole words or characters.
 */
const SNOWBALL: Partial<Record<Language, Pick<NlpjsStemmer, 'stemWord'>>> = {
  es: new StemmerEs(),
  'pt-BR': new StemmerPt(),
  fr: new StemmerFr(),
  tr: { stemWord: turkishStem },
  id: new StemmerId(),
  ru: new StemmerRu(),
  uk: { stemWord: ukrainianStem },
};

/** Which stemmers could apply to a word of each script, for text whose language is not known. */
const LATIN_STEMMED: readonly Language[] = ['es', 'pt-BR', 'fr', 'tr', 'id'];
const CYRILLIC_STEMMED: readonly Language[] = ['ru', 'uk'];

const SUBJECT_STEMS: ReadonlySet<string> = new Set(ENGLISH_SUBJECT_WORDS.map(englishStem));
const VERB_FORM = /(?:ed|ing)$/;
/**
 * English stems spelt like another language's negation ("take", "taking" → "tak", Indonesian
 * "not"): a negation never counts as one of the two words a topic needs, so "how long does it
 * take" would say nothing about time. They get a stem of their own.
 */
const NEGATION_CLASHES: Readonly<Partial<Record<string, string>>> = { tak: 'take' };
/** "Funding" is the futures funding rate, not the user's funds: it keeps a stem of its own. */
const OWN_STEMS: Readonly<Partial<Record<string, string>>> = { funding: 'funding' };

/**
 * The English stem, except that a verb form of a subject word stays whole: "supported" in
 * "not supported" says what is wrong, while "support" only names the support desk.
 */
export function englishWordStem(word: string): string {
  const plain = OWN_STEMS[word] ?? englishStem(word);
  const stem = plain === word ? plain : (NEGATION_CLASHES[plain] ?? plain);
  return SUBJECT_STEMS.has(stem) && VERB_FORM.test(word) && !ENGLISH_SUBJECT_WORDS.includes(word) ? word : stem;
}

/** Stems shorter than this say too little (Snowball turns "foto" into "fot", "dolmuş" into "dol"). */
const MIN_STEM = 3;

function snowballStem(language: Language, word: string): string | undefined {
  const stemmer = SNOWBALL[language];
  if (!stemmer) return undefined;
  const stem = stemmer.stemWord(word);
  return stem.length >= MIN_STEM ? stem : word;
}

const FRENCH_SUBJECT_STEMS: ReadonlySet<string> = new Set(
  [...ENGLISH_SUBJECT_WORDS, ...OTHER_SUBJECT_WORDS].map((word) => snowballStem('fr', word) ?? word),
);
const FRENCH_PARTICIPLE_ENDING = /^(?:e|ee|es|ees)$/;

/**
 * A French past participle of a subject word stays whole, as English "supported" does:
 * "supporté" in "document non supporté" says what is wrong, "support" only names the desk.
 */
function frenchWordStem(word: string): string {
  const stem = snowballStem('fr', word) ?? word;
  const participle = FRENCH_SUBJECT_STEMS.has(stem) && FRENCH_PARTICIPLE_ENDING.test(word.slice(stem.length));
  return participle && word.startsWith(stem) ? word : stem;
}

/** A trigger word's stem in the language it was written in. */
export function stemIn(language: Language, word: string): string {
  if (language === 'en' || /\d/.test(word)) return englishWordStem(word);
  if (language === 'fr') return frenchWordStem(word);
  if (language === 'ar') return arabicStem(word);
  if (language === 'id') return snowballStem(language, indonesianSpelling(word)) ?? word;
  return snowballStem(language, word) ?? word;
}

const LATIN_WORD = /^[a-z]+$/;
/** Shorter Latin words ("no", "da", "net") are as likely English, Spanish or Vietnamese as Russian. */
const MIN_TRANSLITERATED = 4;

function stemmersFor(word: string): readonly Language[] {
  if (LATIN_WORD.test(word)) return LATIN_STEMMED;
  if (/\p{Script=Cyrillic}/u.test(word)) return CYRILLIC_STEMMED;
  return [];
}

/** Words a chat sees again and again; stemming each once keeps a match in microseconds. */
const CACHE_LIMIT = 50_000;
const cache = new Map<string, readonly string[]>();

/**
 * Every stem a user's word may have, English first, for text of unknown language: the matcher
 * takes the one its triggers know. The word itself is always one of them.
 */
export function candidateStems(word: string): readonly string[] {
  const cached = cache.get(word);
  if (cached) return cached;
  const stems = new Set([englishWordStem(word), word]);
  if (!/\d/.test(word)) for (const language of stemmersFor(word)) stems.add(snowballStem(language, word) ?? word);
  if (/\p{Script=Arabic}/u.test(word)) for (const stem of arabicStemReadings(word)) stems.add(stem);
  else if (LATIN_WORD.test(word)) {
    for (const reading of indonesianReadings(word)) stems.add(snowballStem('id', reading) ?? reading);
    // Russian and Ukrainian typed in Latin letters meet the Cyrillic triggers through their Cyrillic readings.
    if (word.length >= MIN_TRANSLITERATED) {
      for (const cyrillic of latinToRussian(word)) stems.add(snowballStem('ru', cyrillic) ?? cyrillic);
      const ukrainian = latinToUkrainian(word);
      stems.add(snowballStem('uk', ukrainian) ?? ukrainian);
    }
  }
  const result = [...stems];
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}
