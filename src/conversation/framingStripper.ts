import { normalizeText } from '../i18n/normalizeText';

/** Scripts written without spaces between words: a framing phrase is found inside a run. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function addTo(index: Map<string, number[]>, key: string, order: number): void {
  const list = index.get(key);
  if (list) list.push(order);
  else index.set(key, [order]);
}

/**
 * Removes the exchange's framing phrases ("Verification failed:", "Please try again") from a
 * normalised text (normalizeText), longest first, so "identity verification failed" goes before
 * "verification failed" can split it; undefined when the text has none.
 */
export function createFramingStripper(framing: readonly string[]): (normalized: string) => string | undefined {
  const phrases = [...new Set(framing.map(normalizeText).filter(Boolean))].sort((a, b) => b.length - a.length);
  const unspaced = phrases.map((phrase) => UNSPACED_SCRIPT.test(phrase));
  const needles = phrases.map((phrase, order) => (unspaced[order] ? phrase : ` ${phrase} `));
  // Only a phrase whose first word (unspaced: first character) the text has can be in it, so a
  // text is compared with those alone instead of with every phrase; an unspaced phrase needs a
  // character of an unspaced script in the text.
  const byFirstWord = new Map<string, number[]>();
  const byFirstCharacter = new Map<string, number[]>();
  phrases.forEach((phrase, order) => {
    if (unspaced[order]) addTo(byFirstCharacter, [...phrase][0], order);
    else addTo(byFirstWord, phrase.split(' ')[0], order);
  });

  return (normalized) => {
    const candidate = new Uint8Array(needles.length);
    markWords(normalized, byFirstWord, candidate);
    if (UNSPACED_SCRIPT.test(normalized))
      for (const character of normalized)
        for (const order of byFirstCharacter.get(character) ?? []) candidate[order] = 1;
    let said = ` ${normalized} `;
    let found = false;
    for (let order = 0; order < needles.length; order++) {
      if (candidate[order] === 0 || !said.includes(needles[order])) continue;
      said = said.split(needles[order]).join(' ');
      found = true;
      // Cutting a phrase out of a run of characters can leave words that were not words before
      // ("abc认证失败def"); removing a spaced phrase never does, nor makes a new character appear.
      if (unspaced[order]) markWords(said, byFirstWord, candidate);
    }
    return found ? said.trim() : undefined;
  };
}

function markWords(text: string, byFirstWord: ReadonlyMap<string, readonly number[]>, candidate: Uint8Array): void {
  for (const word of text.split(' ')) for (const order of byFirstWord.get(word) ?? []) candidate[order] = 1;
}
