import { normalizeText } from '../i18n/normalizeText';
import type { Topic } from './topicSchema';

/** Stands where a word was left out, so an agent sees that something was there. */
const OMITTED = '…';
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
/** Scripts written without spaces between words: their kept words are joined without one. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** The words of a text as written (NFKC), each with the folded form the vocabulary is keyed on. */
function words(text: string): { written: string; key: string }[] {
  return [...segmenter.segment(text.normalize('NFKC'))]
    .filter((s) => s.isWordLike)
    .map((s) => ({ written: s.segment, key: normalizeText(s.segment) }));
}

/**
 * What a ticket may keep of the message that started a topic. Users paste the exchange's prompt,
 * but they also write "my name is …, passport …, born …": a ticket must never carry that
 * (DESIGN.md, Privacy). So only words the trigger phrases themselves use survive — a failure
 * prompt is made of them — and everything else, every name, number and date among it, becomes
 * one "…" per run. The vocabulary is closed and comes from dialogs/, so a person's name can only
 * survive if it is also a word of some failure prompt, and then it says nothing about them.
 */
export function createPromptRedactor(topics: Iterable<Topic>): (text: string) => string {
  const vocabulary = new Set<string>();
  for (const topic of topics)
    for (const phrases of Object.values(topic.triggers))
      for (const phrase of phrases) for (const { key } of words(phrase)) if (!/\p{N}/u.test(key)) vocabulary.add(key);

  return (text) => {
    let kept = '';
    let previous = '';
    for (const { written, key } of words(text)) {
      const next = vocabulary.has(key) ? written : OMITTED;
      if (next === OMITTED && previous === OMITTED) continue;
      const unspaced = UNSPACED.test(previous.slice(-1)) && UNSPACED.test(next.charAt(0));
      kept += kept && !unspaced ? ` ${next}` : next;
      previous = next;
    }
    return kept;
  };
}
