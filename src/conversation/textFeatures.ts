import { englishStem } from './englishStem';
import { normalizeText } from './normalizeText';
import { CHINESE_STOP_CHARACTERS, CHINESE_SUBJECT_WORDS, ENGLISH_STOP_WORDS, ENGLISH_SUBJECT_WORDS } from './stopWords';

/** What a text is compared by: stemmed words for spaced scripts, character n-grams for Chinese. */
export interface TextFeatures {
  /** Stemmed content words, in order, duplicates removed. */
  words: string[];
  /** Chinese character bigrams (`b:`) and single characters (`u:`), each with its evidence weight. */
  grams: Map<string, number>;
}

/**
 * A single Chinese character is weaker evidence than a bigram ("脸" alone could be anything),
 * but it lets "刷脸" and "人脸" meet halfway.
 */
const UNIGRAM_WEIGHT = 0.4;

const HAN = /^\p{Script=Han}/u;
const RUNS = /\p{Script=Han}+|[^\s\p{Script=Han}]+/gu;

/**
 * Stands for an English possessive "'s". Whose document it is decides between "use my passport
 * instead" (switching documents) and "use my sister's passport" (someone else's document), so
 * the possessive is kept as a word of its own. Letters only, so it survives normalisation.
 */
const POSSESSIVE_WORD = 'possessivemarker';

/**
 * "doesn't" → "does not" before punctuation is stripped, so the negation survives as a word;
 * "'s" after a noun becomes the possessive word, after a pronoun ("it's", "what's") it is "is".
 */
function expandContractions(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/n['’]t\b/gi, ' not')
    .replace(/(\p{L}+)['’]s\b/giu, (_, word: string) =>
      ENGLISH_STOP_WORDS.has(word.toLowerCase()) ? word : `${word} ${POSSESSIVE_WORD}`,
    )
    .replace(/['’](m|re|ve|ll|d)\b/gi, '');
}

const SUBJECT_STEMS: ReadonlySet<string> = new Set(ENGLISH_SUBJECT_WORDS.map(englishStem));
const VERB_FORM = /(?:ed|ing)$/;

/**
 * The stem of a word, except that a verb form of a subject word stays whole: "supported" in
 * "not supported" says what is wrong, while "support" only names the support desk.
 */
function stemWord(word: string): string {
  const stem = englishStem(word);
  return SUBJECT_STEMS.has(stem) && VERB_FORM.test(word) && !ENGLISH_SUBJECT_WORDS.includes(word) ? word : stem;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/** A bigram that straddles two dictionary words ("证过" in 身份证|过期) is mostly noise. */
const CROSS_WORD_BIGRAM_WEIGHT = 0.3;

interface WordShape {
  /** Character indexes where a multi-character word starts or ends. */
  edges: Set<number>;
  /** Character indexes of characters that stand as a word alone ("换" in 换|证件). */
  singles: Set<number>;
}

function wordShape(run: string): WordShape {
  const segments = [...segmenter.segment(run)].map(({ segment }) => [...segment]);
  // A lone character between function characters ("币" in 币|会|被) is a word; a run of lone
  // content characters (提|现) is a word the dictionary does not know, seen only as characters.
  const loneContent = segments.map((chars) => chars.length === 1 && !CHINESE_STOP_CHARACTERS.has(chars[0]));
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
 * Character bigrams and single characters of a Chinese run. With `shape` (trigger phrases, where
 * time does not matter) the dictionary's word boundaries weigh them: a one-character word counts
 * as fully as a bigram, a bigram across two words counts little.
 */
function addChineseRun(run: string, grams: Map<string, number>, shape: WordShape | undefined): void {
  const chars = [...run];
  for (let i = 0; i < chars.length; i++) {
    if (!CHINESE_STOP_CHARACTERS.has(chars[i])) grams.set(`u:${chars[i]}`, shape?.singles.has(i) ? 1 : UNIGRAM_WEIGHT);
    const next = chars[i + 1];
    if (next && !CHINESE_STOP_CHARACTERS.has(chars[i]) && !CHINESE_STOP_CHARACTERS.has(next)) {
      grams.set(`b:${chars[i]}${next}`, shape?.edges.has(i + 1) ? CROSS_WORD_BIGRAM_WEIGHT : 1);
    }
  }
}

/**
 * The features of a text. `weighByWords` consults the dictionary segmenter for Chinese word
 * boundaries; it is meant for trigger phrases, compiled once, and left off for user text, where
 * only the presence of a feature matters.
 */
export function textFeatures(text: string, weighByWords = false): TextFeatures {
  const words = new Set<string>();
  const grams = new Map<string, number>();
  for (const [run] of normalizeText(expandContractions(text)).matchAll(RUNS)) {
    if (HAN.test(run)) addChineseRun(run, grams, weighByWords ? wordShape(run) : undefined);
    else if (!ENGLISH_STOP_WORDS.has(run)) words.add(stemWord(run));
  }
  return { words: [...words], grams };
}

/**
 * The features of the subject words (stopWords.ts), which tell what a text is about but never
 * what went wrong. Whose document it is ("my sister's") only qualifies the subject, so the
 * possessive is one of them.
 */
export function subjectFeatures(): TextFeatures {
  const { words, grams } = textFeatures([...ENGLISH_SUBJECT_WORDS, ...CHINESE_SUBJECT_WORDS].join(' '), true);
  return { words: [...words, POSSESSIVE_WORD], grams };
}
