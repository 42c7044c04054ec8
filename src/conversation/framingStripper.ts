import { foldForFeatures } from './textFeatures';

/** Scripts written without spaces between words: a phrase is found inside a run. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** What one scan of a folded text found. */
export interface PhraseScan {
  /** The text without its framing phrases; undefined when it has none. */
  bare: string | undefined;
  /** Whether the text (before any framing is cut) has an off-topic phrase. */
  offTopic: boolean;
}

interface Phrase {
  needle: string;
  unspaced: boolean;
  framing: boolean;
}

function addTo(index: Map<string, number[]>, key: string, order: number): void {
  const list = index.get(key);
  if (list) list.push(order);
  else index.set(key, [order]);
}

/**
 * One scan of a text folded as the matcher folds it (foldForFeatures) for the exchange's framing
 * phrases ("Verification failed:", "Please try again"), which it removes longest first, so
 * "identity verification failed" goes before "verification failed" can split it, and for the
 * off-topic phrases ("session", "password"), which it only reports.
 */
export function createPhraseScanner(
  framing: readonly string[],
  offTopic: readonly string[],
): (folded: string) => PhraseScan {
  const byText = new Map<string, boolean>();
  for (const phrase of framing) byText.set(foldForFeatures(phrase), true);
  for (const phrase of offTopic) {
    const folded = foldForFeatures(phrase);
    if (!byText.has(folded)) byText.set(folded, false);
  }
  const phrases: Phrase[] = [...byText]
    .filter(([text]) => text)
    .sort(([a], [b]) => b.length - a.length)
    .map(([text, isFraming]) => {
      const unspaced = UNSPACED_SCRIPT.test(text);
      return { needle: unspaced ? text : ` ${text} `, unspaced, framing: isFraming };
    });
  // Only a phrase whose first word (unspaced: first character) the text has can be in it, so a
  // text is compared with those alone instead of with every phrase; an unspaced phrase needs a
  // character of an unspaced script in the text.
  const byFirstWord = new Map<string, number[]>();
  const byFirstCharacter = new Map<string, number[]>();
  phrases.forEach(({ needle, unspaced }, order) => {
    if (unspaced) addTo(byFirstCharacter, [...needle][0], order);
    else addTo(byFirstWord, needle.trim().split(' ')[0], order);
  });

  return (folded) => {
    const candidate = new Uint8Array(phrases.length);
    markWords(folded, byFirstWord, candidate);
    if (UNSPACED_SCRIPT.test(folded))
      for (const character of folded) for (const order of byFirstCharacter.get(character) ?? []) candidate[order] = 1;
    const whole = ` ${folded} `;
    let said = whole;
    let found = false;
    let offTopicFound = false;
    for (let order = 0; order < phrases.length; order++) {
      if (candidate[order] === 0) continue;
      const { needle, unspaced, framing: isFraming } = phrases[order];
      if (!isFraming) {
        offTopicFound ||= whole.includes(needle);
        continue;
      }
      if (!said.includes(needle)) continue;
      said = said.split(needle).join(' ');
      found = true;
      // Cutting a phrase out of a run of characters can leave words that were not words before
      // ("abc认证失败def"); removing a spaced phrase never does, nor makes a new character appear.
      if (unspaced) markWords(said, byFirstWord, candidate);
    }
    return { bare: found ? said.trim().replace(/ +/g, ' ') : undefined, offTopic: offTopicFound };
  };
}

function markWords(text: string, byFirstWord: ReadonlyMap<string, readonly number[]>, candidate: Uint8Array): void {
  for (const word of text.split(' ')) for (const order of byFirstWord.get(word) ?? []) candidate[order] = 1;
}
