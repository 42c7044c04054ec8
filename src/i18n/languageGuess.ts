import { detectAll } from 'tinyld';
import { normalizeText } from './normalizeText';
import type { Language } from './locales';

export interface LanguageGuess {
  language: Language;
  /** True only when the text says it clearly: enough words, and one language well ahead of the rest. */
  clear: boolean;
}

/**
 * The language of a text. With `unlessIn` (the conversation's language) the question is only
 * whether the text is clearly in another one, and the answer is undefined, without running the
 * detector (up to a millisecond for a short ambiguous text), when the text is too short to be
 * clear, made only of words `unlessIn`'s phrases use, or made of them so much more than of any
 * other language's that no detector score could make another language clear.
 */
export type LanguageGuesser = (text: string, unlessIn?: Language) => LanguageGuess | undefined;

/** The words (or, for CJK, characters) each language's trigger and command phrases use. */
export type PhrasesOf = (language: Language) => readonly string[];

/** tinyld's ISO 639-1 codes for the languages written in Latin or Cyrillic letters. */
const TINYLD_CODES: Readonly<Record<string, Language>> = {
  en: 'en',
  es: 'es',
  pt: 'pt-BR',
  fr: 'fr',
  tr: 'tr',
  vi: 'vi',
  id: 'id',
  ru: 'ru',
  uk: 'uk',
};
const LATIN: readonly Language[] = ['en', 'es', 'pt-BR', 'fr', 'tr', 'vi', 'id'];
const CYRILLIC: readonly Language[] = ['ru', 'uk'];
/** Letters only Ukrainian has among the two Cyrillic languages, and the ones only Russian has. */
const UKRAINIAN_LETTERS = /[іїєґ]/u;
const RUSSIAN_LETTERS = /[ыэъё]/u;

/** One word is never enough to tell a language ("no", "ok", "foto" belong to several). */
const MIN_WORDS = 2;
/** The best language's score (0..1) and its lead over the next that make a guess clear. */
const CLEAR_SCORE = 0.45;
const CLEAR_LEAD = 0.2;
/** The most the detector (tinyld) adds to a language's score; the bot's own vocabulary adds up to as much. */
const DETECTOR_SHARE = 0.5;
/** What a letter only one of the two Cyrillic languages has adds to that language. */
const LETTER_BONUS = 0.5;
/** Share of a CJK text's Han characters that must be script-specific before it counts as traditional. */
const TRADITIONAL_SHARE = 0.5;

/**
 * Guesses the language of a message: the script decides for Hangul, kana, Arabic and Han (with
 * traditional vs simplified characters learnt from the zh-TW and zh-CN phrases); for Latin and
 * Cyrillic letters, tinyld's guess is combined with how many of the words the bot's own phrases
 * of each language use — a failure prompt is made of exactly those words, and tinyld alone
 * reads "Document expired" as Turkish.
 */
export function createLanguageGuesser(phrasesOf: PhrasesOf): LanguageGuesser {
  const vocabulary = new Map<Language, Set<string>>();
  for (const language of [...LATIN, ...CYRILLIC]) {
    const words = new Set<string>();
    for (const phrase of phrasesOf(language)) for (const word of normalizeText(phrase).split(' ')) words.add(word);
    vocabulary.set(language, words);
  }
  const hanOf = (language: Language): Set<string> =>
    new Set(phrasesOf(language).flatMap((phrase) => [...phrase].filter((c) => /\p{Script=Han}/u.test(c))));
  const simplified = hanOf('zh-CN');
  const traditional = hanOf('zh-TW');
  const onlyTraditional = new Set([...traditional].filter((c) => !simplified.has(c)));
  const onlySimplified = new Set([...simplified].filter((c) => !traditional.has(c)));

  function chinese(text: string): LanguageGuess {
    const han = [...text].filter((c) => /\p{Script=Han}/u.test(c));
    const trad = han.filter((c) => onlyTraditional.has(c)).length;
    const simp = han.filter((c) => onlySimplified.has(c)).length;
    const language = trad > simp && trad / Math.max(trad + simp, 1) >= TRADITIONAL_SHARE ? 'zh-TW' : 'zh-CN';
    return { language, clear: han.length >= 2 && trad !== simp };
  }

  function letters(text: string, candidates: readonly Language[], unlessIn?: Language): LanguageGuess | undefined {
    const words = normalizeText(text).split(' ').filter(Boolean);
    if (words.length === 0) return undefined;
    if (unlessIn !== undefined && words.length < MIN_WORDS) return undefined;
    const lower = text.toLowerCase();
    const scores = new Map<Language, number>();
    for (const language of candidates) {
      const known = vocabulary.get(language);
      const share = known ? words.filter((word) => known.has(word)).length / words.length : 0;
      // Made only of words the conversation's own prompts use: that language's prompt, plainly.
      if (language === unlessIn && share === 1) return undefined;
      let letterBonus = 0;
      if (candidates === CYRILLIC) {
        if (language === 'uk' && UKRAINIAN_LETTERS.test(lower)) letterBonus = LETTER_BONUS;
        if (language === 'ru' && RUSSIAN_LETTERS.test(lower)) letterBonus = LETTER_BONUS;
      }
      scores.set(language, share / 2 + letterBonus);
    }
    if (unlessIn !== undefined && noOtherCanBeClear(scores, unlessIn)) return undefined;
    const isoCodes = Object.keys(TINYLD_CODES).filter((code) => candidates.includes(TINYLD_CODES[code]));
    for (const { lang, accuracy } of detectAll(text, { only: isoCodes })) {
      const language = TINYLD_CODES[lang];
      scores.set(language, (scores.get(language) ?? 0) + DETECTOR_SHARE * Math.min(accuracy, 1));
    }
    const [best, second] = [...scores].sort((a, b) => b[1] - a[1]);
    if (!best || best[1] === 0) return undefined;
    const lead = best[1] - (second?.[1] ?? 0);
    return { language: best[0], clear: words.length >= MIN_WORDS && best[1] >= CLEAR_SCORE && lead >= CLEAR_LEAD };
  }

  return (text, unlessIn) => {
    if (/\p{Script=Hangul}/u.test(text))
      return { language: 'ko', clear: [...text.matchAll(/\p{Script=Hangul}/gu)].length >= 2 };
    if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return { language: 'ja', clear: true };
    if (/\p{Script=Arabic}/u.test(text))
      return { language: 'ar', clear: [...text.matchAll(/\p{Script=Arabic}/gu)].length >= 4 };
    if (/\p{Script=Han}/u.test(text)) return chinese(text);
    if (/\p{Script=Cyrillic}/u.test(text)) return letters(text, CYRILLIC, unlessIn);
    return letters(text, LATIN, unlessIn);
  };
}

/**
 * Before the detector runs, `scores` hold what the words and letters give each candidate. The
 * detector adds at most DETECTOR_SHARE to one language, so another language can only end up
 * CLEAR_LEAD ahead of `expected` if it is now less than DETECTOR_SHARE - CLEAR_LEAD behind.
 */
function noOtherCanBeClear(scores: ReadonlyMap<Language, number>, expected: Language): boolean {
  const own = scores.get(expected);
  if (own === undefined) return false;
  for (const [language, score] of scores)
    if (language !== expected && own - score <= DETECTOR_SHARE - CLEAR_LEAD) return false;
  return true;
}
