import { normalizeText } from '../i18n/normalizeText';
import type { Language } from '../i18n/locales';
import { VIETNAMESE_FUNCTION_WORDS, VIETNAMESE_SUBJECT_TEXT } from './stopWords';
import { isVietnameseCompound } from './vietnameseCompounds';

/**
 * Vietnamese tells words apart by their tone and vowel marks, which normalizeText drops: "đổi"
 * (change) and "đòi" (demand) both become "doi", "chờ" (wait) becomes the function word "cho",
 * "bán" (sell) the function word "ban" (you). Users type both ways, with every mark or none
 * ("khong dau"), so the matcher keeps the folded reading for everyone and, for a text typed
 * with the marks, reads the words whose marks the triggers need to tell apart in their marked
 * spelling. Which those are comes from the triggers themselves (see `toneSplits`).
 */

/**
 * A character only Vietnamese among the recognised languages writes: ă đ ơ ư, the letters of the
 * Vietnamese block (ạ ả ấ … ỹ), and, typed decomposed, the hook above, horn and dot below. A text
 * without one (every English, Spanish or French text, and "khong dau" Vietnamese) is read as before.
 */
const VIETNAMESE_MARK = /[\u0309\u031B\u0323\u0102\u0103\u0110\u0111\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]/u;

/** A Latin letter with a mark (precomposed or typed decomposed), as Vietnamese shares them with French or Portuguese. */
const LATIN_MARK = /[\u0300-\u0323]|[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]/u;

/**
 * Whether a text is Vietnamese typed with its marks: one test, the only cost for every other text.
 * "tôi không có" has only marks French and Portuguese write too, so in a Vietnamese conversation
 * any mark counts; elsewhere a shared mark alone would read "dá" (Portuguese, gives) as "đã".
 */
export function hasVietnameseMarks(text: string, language?: Language): boolean {
  return VIETNAMESE_MARK.test(text) || (language === 'vi' && LATIN_MARK.test(text));
}

const SEPARATORS = /[\p{P}\p{S}\s]+/u;
const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
/**
 * Old and new spelling put the tone of an open "oa", "oe", "uy" on different letters ("hòa" and
 * "hoà", "khỏe" and "khoẻ", "thủy" and "thuỷ"): one spelling, the new one, is kept.
 */
const OLD_STYLE_TONE = new RegExp(`([ou])(${TONE})([aey])$`, 'u');

/** A word typed with its marks, lower case, in the one spelling the matcher compares. */
function markedSpelling(word: string): string {
  return word.normalize('NFD').replace(OLD_STYLE_TONE, '$1$3$2').normalize('NFC');
}

/** A word as normalizeText folds it (`folded`) and as it was typed (`marked`, equal to `folded` when unmarked). */
export interface Syllable {
  folded: string;
  marked: string;
}

/** Syllables a chat sees again and again; folding each once keeps the marked reading cheap. */
const CACHE_LIMIT = 50_000;
const cache = new Map<string, readonly Syllable[]>();

/** A token between separators, lower case, folded and as typed. */
function syllablesOf(token: string): readonly Syllable[] {
  const cached = cache.get(token);
  if (cached) return cached;
  const folded = normalizeText(token);
  // A symbol NFKD splits off ("½") leaves several folded words: none of them is Vietnamese.
  const syllables =
    folded === token || folded.includes(' ')
      ? folded
          .split(' ')
          .filter(Boolean)
          .map((part) => ({ folded: part, marked: part }))
      : [{ folded, marked: markedSpelling(token) }];
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, syllables);
  return syllables;
}

/**
 * The words of a text, folded and as typed, with the syllables of a listed compound joined in
 * both ("mật khẩu" → matkhau / mậtkhẩu), as joinVietnameseCompounds joins the folded text.
 */
export function vietnameseWords(text: string): Syllable[] {
  const syllables: Syllable[] = [];
  for (const token of text.normalize('NFKC').toLowerCase().split(SEPARATORS)) {
    if (token) syllables.push(...syllablesOf(token));
  }
  const words: Syllable[] = [];
  for (let i = 0; i < syllables.length; i++) {
    const [first, second] = [syllables[i], syllables[i + 1]] as const;
    if (second !== undefined && isVietnameseCompound(first.folded, second.folded)) {
      words.push({ folded: first.folded + second.folded, marked: first.marked + second.marked });
      i += 1;
    } else words.push(first);
  }
  return words;
}

/** A word typed with a mark that the folded reading would confuse with another, or undefined. */
type MarkedSpelling = (word: Syllable) => string | undefined;

/** Marks a function word's spelling among the topics of a spelling. */
const FUNCTION_WORD = -1;

/**
 * The folded words whose spellings, in the triggers typed with marks and among the function
 * words, the matcher must tell apart: a function word and a word that is not ("cho", for; "chờ",
 * wait), or words of different topics ("doi": "đổi" change a document, "đòi" demand a password).
 * Spellings whose topics nest ("bí" of "bí mật" in a topic "bị" has too) are not worth it. Only
 * these words are read in their marked spelling; the others read as they always did, so their
 * typo neighbours and their subject and negation roles stay as they are.
 */
function toneSplits(triggersByTopic: readonly (readonly string[])[]): MarkedSpelling {
  const spellings = new Map<string, Map<string, Set<number>>>();
  const add = ({ folded, marked }: Syllable, topic: number): void => {
    const seen = spellings.get(folded) ?? new Map<string, Set<number>>();
    seen.set(marked, (seen.get(marked) ?? new Set<number>()).add(topic));
    spellings.set(folded, seen);
  };
  triggersByTopic.forEach((triggers, topic) => {
    for (const trigger of triggers) {
      const words = vietnameseWords(trigger);
      // A trigger typed without marks says nothing of which spelling its words are.
      if (words.some(({ folded, marked }) => folded !== marked)) for (const word of words) add(word, topic);
    }
  });
  for (const word of VIETNAMESE_FUNCTION_WORDS) add({ folded: normalizeText(word), marked: word }, FUNCTION_WORD);
  const within = (a: ReadonlySet<number>, b: ReadonlySet<number>): boolean => [...a].every((topic) => b.has(topic));
  const apart = (a: ReadonlySet<number>, b: ReadonlySet<number>): boolean =>
    a.has(FUNCTION_WORD) !== b.has(FUNCTION_WORD) || (!within(a, b) && !within(b, a));
  const splits = new Set<string>();
  for (const [folded, seen] of spellings) {
    const topics = [...seen.values()];
    if (topics.some((a, i) => topics.slice(i + 1).some((b) => apart(a, b)))) splits.add(folded);
  }
  return ({ folded, marked }) => (marked !== folded && splits.has(folded) ? marked : undefined);
}

/**
 * "cho em hỏi", "mình muốn hỏi", "xin hỏi" (may I ask) open a question to the bot; that "hỏi" is
 * no one asking the user for a code ("có người hỏi mã 2FA") and is dropped.
 */
const ASKING = 'hỏi';
const ASKERS: ReadonlySet<string> = new Set('cho em mình tôi tui tớ xin muốn'.split(' '));

export interface VietnameseToneReading {
  /**
   * A trigger as the matcher compares it with a user's text typed with marks: its folded words,
   * those the folded reading confuses in their marked spelling; undefined when it has none, as
   * the folded trigger already says the same.
   */
  trigger(phrase: string): string | undefined;
  /**
   * Per folded word of a user's text typed with marks (see hasVietnameseMarks), the marked
   * spellings it stands for there, where the folded reading confuses them (none for a word to
   * drop); undefined for none.
   */
  text(text: string): Map<string, string[]> | undefined;
  /** The subject words in their marked spelling where it differs from the folded one. */
  subjectWords: readonly string[];
}

/** The tone-keeping reading of the Vietnamese triggers (every one, typed with marks or not), topic by topic. */
export function createVietnameseToneReading(triggersByTopic: readonly (readonly string[])[]): VietnameseToneReading {
  const markedSpelling = toneSplits(triggersByTopic);
  const trigger = (phrase: string): string | undefined => {
    let changed = false;
    const words = vietnameseWords(phrase).map((word) => {
      const marked = markedSpelling(word);
      if (marked === undefined) return word.folded;
      changed = true;
      return marked;
    });
    return changed ? words.join(' ') : undefined;
  };
  return {
    trigger,
    text(text) {
      let readings: Map<string, string[]> | undefined;
      let previous: Syllable | undefined;
      for (const word of vietnameseWords(text)) {
        const asking = word.marked === ASKING && previous !== undefined && ASKERS.has(previous.marked);
        previous = word;
        const marked = asking ? undefined : markedSpelling(word);
        if (asking) {
          readings ??= new Map();
          if (!readings.has(word.folded)) readings.set(word.folded, []);
        }
        if (marked === undefined) continue;
        readings ??= new Map();
        const list = readings.get(word.folded);
        if (!list) readings.set(word.folded, [marked]);
        else if (!list.includes(marked)) list.push(marked);
      }
      return readings;
    },
    subjectWords: (trigger(VIETNAMESE_SUBJECT_TEXT) ?? '')
      .split(' ')
      .filter((word) => word && word !== normalizeText(word)),
  };
}
