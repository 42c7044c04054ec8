import { normalizeText } from '../i18n/normalizeText';
import {
  CHINESE_STOP_CHARACTERS,
  CHINESE_SUBJECT_WORDS,
  CJK_SUBJECT_WORDS,
  ENGLISH_STOP_WORDS,
  ENGLISH_SUBJECT_WORDS,
  JAPANESE_STOP_CHARACTERS,
  KOREAN_ENDINGS,
  KOREAN_PARTICLES,
  KOREAN_STOP_WORDS,
  OTHER_SUBJECT_WORDS,
  STOP_WORDS,
} from './stopWords';
import { joinVietnameseCompounds } from './vietnameseCompounds';
import { candidateStems, stemIn } from './wordStems';
import { LANGUAGES, type Language } from '../i18n/locales';

/** A word of a spaced script and the stems it may stand for. */
export interface WordForms {
  /** The word as normalizeText leaves it, for typo search. */
  surface: string;
  /** A trigger word: its one stem in its language. A user's word: every stem it may have, English first. */
  stems: readonly string[];
}

/** What a text is compared by: stemmed words for spaced scripts, character n-grams for CJK and Hangul. */
export interface TextFeatures {
  /** Content words, in order, duplicates removed. */
  words: WordForms[];
  /** Character bigrams (`b:`) and single characters (`u:`), each with its evidence weight. */
  grams: Map<string, number>;
}

export interface FeatureOptions {
  /** The language a trigger phrase is written in; absent for user text, whose language is not known. */
  language?: Language;
  /**
   * Consult the dictionary segmenter for CJK word boundaries; meant for trigger phrases, compiled
   * once, and left off for user text, where only the presence of a feature matters.
   */
  weighByWords?: boolean;
  /**
   * Which words to drop as function words; by default those of `language`, and for a text of
   * unknown language those of every language.
   */
  isStopWord?: (word: string) => boolean;
}

/**
 * A single CJK character is weaker evidence than a bigram ("脸" alone could be anything), but it
 * lets "刷脸" and "人脸" meet halfway.
 */
const UNIGRAM_WEIGHT = 0.4;

/** Han with kana (Japanese writes both in one run), Hangul, and everything else between spaces. */
const RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|\p{Script=Hangul}+|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+/gu;
/** A character RUNS splits from its neighbours without a space: a text without one is its words between spaces. */
const UNSPACED_OR_HANGUL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]/u;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /^\p{Script=Hangul}/u;

/**
 * Stands for an English possessive "'s". Whose document it is decides between "use my passport
 * instead" (switching documents) and "use my sister's passport" (someone else's document), so
 * the possessive is kept as a word of its own. Letters only, so it survives normalisation.
 */
const POSSESSIVE_WORD = 'possessivemarker';
/** The apostrophes as typed: NFKC makes the full-width one "'". */
const APOSTROPHE = /['’＇]/;

/**
 * "doesn't" → "does not" before punctuation is stripped, so the negation survives as a word;
 * "'s" after a noun becomes the possessive word, after a pronoun ("it's", "what's") it is "is".
 * French and Italian elisions ("l'image", "d'identité") lose their article.
 */
function expandContractions(text: string): string {
  // Speed: every rule needs an apostrophe, most messages have none, and normalizeText applies
  // NFKC itself.
  if (!APOSTROPHE.test(text)) return text;
  const folded = text.normalize('NFKC');
  return folded
    .replace(/n['’]t\b/gi, ' not')
    .replace(/(\p{L}+)['’]s\b/giu, (_, word: string) =>
      ENGLISH_STOP_WORDS.has(word.toLowerCase()) ? word : `${word} ${POSSESSIVE_WORD}`,
    )
    .replace(/['’](m|re|ve|ll|d)\b/gi, '')
    .replace(/\b(?:[ldjmnstc]|qu)['’](?=\p{L})/giu, '');
}

const segmenters = {
  zh: new Intl.Segmenter('zh', { granularity: 'word' }),
  ja: new Intl.Segmenter('ja', { granularity: 'word' }),
};
/** A bigram that straddles two dictionary words ("证过" in 身份证|过期) is mostly noise. */
const CROSS_WORD_BIGRAM_WEIGHT = 0.3;

interface WordShape {
  /** Character indexes where a multi-character word starts or ends. */
  edges: Set<number>;
  /** Character indexes of characters that stand as a word alone ("换" in 换|证件). */
  singles: Set<number>;
}

function wordShape(run: string, stops: ReadonlySet<string>): WordShape {
  const segmenter = KANA.test(run) ? segmenters.ja : segmenters.zh;
  const segments = [...segmenter.segment(run)].map(({ segment }) => [...segment]);
  // A lone character between function characters ("币" in 币|会|被) is a word; a run of lone
  // content characters (提|现) is a word the dictionary does not know, seen only as characters.
  const loneContent = segments.map((chars) => chars.length === 1 && !stops.has(chars[0]));
  const shape: WordShape = { edges: new Set(), singles: new Set() };
  let at = 0;
  segments.forEach((chars, i) => {
    if (chars.length > 1) {
      shape.edges.add(at);
      shape.edges.add(at + chars.length);
    } else if (loneContent[i] && !loneContent[i - 1] && !loneContent[i + 1]) {
      shape.singles.add(at);
    }
    at += chars.length;
  });
  return shape;
}

/**
 * Character bigrams and single characters of a run without word boundaries. With `shape`
 * (trigger phrases, where time does not matter) the dictionary's word boundaries weigh them: a
 * one-character word counts as fully as a bigram, a bigram across two words counts little.
 */
function addCharacterRun(
  run: string,
  grams: Map<string, number>,
  stops: ReadonlySet<string>,
  shape: WordShape | undefined,
): void {
  const chars = [...run];
  for (let i = 0; i < chars.length; i++) {
    if (!stops.has(chars[i])) grams.set(`u:${chars[i]}`, shape?.singles.has(i) ? 1 : UNIGRAM_WEIGHT);
    const next = chars[i + 1];
    if (next && !stops.has(chars[i]) && !stops.has(next)) {
      grams.set(`b:${chars[i]}${next}`, shape?.edges.has(i + 1) ? CROSS_WORD_BIGRAM_WEIGHT : 1);
    }
  }
}

const NO_STOPS: ReadonlySet<string> = new Set();
const ONE_SYLLABLE: WordShape = { edges: new Set(), singles: new Set([0]) };

/** Longest first, so "만료되었습니다" loses "되었습니다" rather than only "니다". */
const KOREAN_SUFFIXES = [...KOREAN_ENDINGS, ...KOREAN_PARTICLES].sort((a, b) => b.length - a.length);

/**
 * A Korean word without its trailing ending or particle ("사진이" → "사진", "거절됐어요" → "거절"),
 * compared by its syllables. At least two syllables stay, so "않습니다" and "필요" keep their meaning.
 */
function addKoreanWord(word: string, grams: Map<string, number>): void {
  if (KOREAN_STOP_WORDS.has(word)) return;
  const suffix = KOREAN_SUFFIXES.find((p) => word.endsWith(p) && word.length - p.length >= 2);
  const stem = suffix ? word.slice(0, -suffix.length) : word;
  // A one-syllable word ("밴", "돈", "빛") is a word, as a one-character Chinese word is.
  addCharacterRun(stem, grams, NO_STOPS, stem.length === 1 ? ONE_SYLLABLE : undefined);
}

const ANY_STOP_WORD: ReadonlySet<string> = new Set(LANGUAGES.flatMap((language) => [...STOP_WORDS[language]]));
const isAnyStopWord = (word: string): boolean => ANY_STOP_WORD.has(word);

function stopWordsOf(options: FeatureOptions): (word: string) => boolean {
  if (options.isStopWord) return options.isStopWord;
  if (!options.language) return isAnyStopWord;
  const own = STOP_WORDS[options.language];
  return (word) => own.has(word);
}

/** The features of a text: a trigger phrase in its `language`, or a user's message. */
export function textFeatures(text: string, options: FeatureOptions = {}): TextFeatures {
  return foldedTextFeatures(foldForFeatures(text), options);
}

/** The form a text is compared in: contractions expanded, then normalizeText. */
export function foldForFeatures(text: string): string {
  return normalizeText(expandContractions(text));
}

/** textFeatures of a text foldForFeatures has folded (speed: the matcher folds a message once for two uses). */
export function foldedTextFeatures(folded: string, options: FeatureOptions = {}): TextFeatures {
  const { words, grams } = foldedWordsAndGrams(folded, options);
  const stemsOf = (word: string): readonly string[] =>
    options.language ? [stemIn(options.language, word)] : candidateStems(word);
  return { words: words.map((surface) => ({ surface, stems: stemsOf(surface) })), grams };
}

/**
 * foldedTextFeatures before any word is stemmed: the words (in order, duplicates removed) as
 * normalizeText leaves them, and the character n-grams. For the matcher, which remembers what it
 * needs of each word and stems only words it meets for the first time.
 */
export function foldedWordsAndGrams(
  folded: string,
  options: FeatureOptions = {},
): { words: string[]; grams: Map<string, number> } {
  const words = new Set<string>();
  const grams = new Map<string, number>();
  const isStopWord = stopWordsOf(options);
  const joined = joinVietnameseCompounds(folded);
  // Speed: normalizeText leaves single spaces as the only white space, so without CJK or Hangul
  // the runs are what a split on spaces gives, without a regular expression's match per run.
  if (!UNSPACED_OR_HANGUL.test(joined)) {
    for (const run of joined.split(' ')) if (run && !isStopWord(run)) words.add(run);
    return { words: [...words], grams };
  }
  // Kana anywhere makes the whole text Japanese, its kanji-only runs too: Chinese function
  // characters are content there (他 of 他人 "someone else", 在 of 在留カード "residence card").
  const cjkStops = KANA.test(joined) ? JAPANESE_STOP_CHARACTERS : CHINESE_STOP_CHARACTERS;
  for (const [run] of joined.matchAll(RUNS)) {
    if (CJK.test(run)) {
      addCharacterRun(run, grams, cjkStops, options.weighByWords ? wordShape(run, cjkStops) : undefined);
    } else if (HANGUL.test(run)) addKoreanWord(run, grams);
    else if (!isStopWord(run)) words.add(run);
  }
  return { words: [...words], grams };
}

/**
 * The feature keys of the subject words (stopWords.ts), which tell what a text is about but
 * never what went wrong, as any language's trigger would stem them. Whose document it is ("my
 * sister's") only qualifies the subject, so the possessive is one of them.
 */
export function subjectFeatures(): { stems: Set<string>; grams: Set<string> } {
  const stems = new Set<string>([POSSESSIVE_WORD]);
  const grams = new Set<string>();
  for (const language of LANGUAGES) {
    const features = textFeatures(
      [...ENGLISH_SUBJECT_WORDS, ...OTHER_SUBJECT_WORDS, ...CHINESE_SUBJECT_WORDS, ...CJK_SUBJECT_WORDS].join(' '),
      { language, weighByWords: true },
    );
    for (const word of features.words) for (const stem of word.stems) stems.add(stem);
    for (const key of features.grams.keys()) grams.add(key);
  }
  return { stems, grams };
}
