import { StemmerUk } from '@nlpjs/lang-all';

const snowball = new StemmerUk();

/**
 * Verb endings NLP.js's Ukrainian Snowball stemmer leaves on: it drops only the soft sign and
 * "-ся" of the third person plural ("приймають" → "приймают", "збігаються" → "збігают") and the
 * "-и" of the past plural ("відхилили" → "відхилил"), and the "-ть" of the singular ("бачить" →
 * "бачит", "збігається" → "збігаєт"), so the plural never meets the singular
 * ("приймає" → "прийм", "не співпадає" beside "не співпадають"). Stripped with the stem vowel.
 */
const LEFT_VERB_ENDING = /(?:[аяуоеєії]?ют|[аяуоеєиії]{1,2}т|[аяиі]л)$/;
/** What stripping must leave: "дають" is a whole root. */
const MIN_ROOT = 3;

/** Snowball's Ukrainian stem with the verb endings above removed. */
export function ukrainianStem(word: string): string {
  const stem = snowball.stemWord(word);
  const root = stem.replace(LEFT_VERB_ENDING, '');
  return root.length >= MIN_ROOT ? root : stem;
}
