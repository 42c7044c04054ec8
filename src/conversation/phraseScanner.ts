import { foldForFeatures } from './textFeatures';

/** Scripts written without spaces between words: a phrase is found inside a run. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** What one scan of a folded text found. */
export interface PhraseScan {
  /** The text without its framing phrases; undefined when it has none. */
  bare: string | undefined;
  /** Whether the text (before any framing is cut) has an off-topic phrase. */
  offTopic: boolean;
  /**
   * Whether it has a phrase of another service's problem ("code not arriving", "withdrawal
   * pending"), or one of its services with a state of it in any order and wording ("my withdrawal
   * has been under review for 3 days", "google authenticator nasıl kurulur").
   */
  otherService: boolean;
  /** Which topic pairs (ScannedPhrases.topicPairs, bit i for the i-th) it has a word of both halves of. */
  topicPairs: number;
  /**
   * Whether it names two kinds of document ("passport instead of my ID card", "护照和身份证") or
   * "another document": what a question about switching documents says, whatever its other words.
   */
  namesTwoDocuments: boolean;
}

/** The phrase lists one scan looks for, each with every language's phrases (see DialogData). */
export interface ScannedPhrases {
  framing: readonly string[];
  offTopic: readonly string[];
  otherServices: readonly string[];
  /** Per kind of document (passport, national ID...), every language's names of it. */
  documentKinds: readonly (readonly string[])[];
  /** "Another document", "别的证件": a second document without its name. */
  anotherDocument: readonly string[];
  /** Per service of another desk (withdrawals, the authenticator), its names and what goes wrong with it. */
  otherServicePairs: readonly { readonly services: readonly string[]; readonly states: readonly string[] }[];
  /** Per topic, two sets of words, one of each saying what it is about ("buy" + "verified account"). */
  topicPairs: readonly {
    readonly topic: string;
    readonly first: readonly string[];
    readonly second: readonly string[];
  }[];
}

/** Framing is cut out of the text; the other phrases are only reported. */
type PhraseKind = 'framing' | 'offTopic' | 'otherService' | 'document' | 'pair';

interface Phrase {
  needle: string;
  unspaced: boolean;
  kind: PhraseKind;
  /**
   * For a document name, its kind's bit ("another document" has every bit but the first); for
   * a pair's word, bit 2 × pair for its first half (a service), the next for its second (a state),
   * pairs counted service pairs first, then topic pairs.
   */
  bits: number;
}

/** Kinds past this share the last bit (there are a handful). */
const MAX_DOCUMENT_KINDS = 30;
/** Pairs past the fifteenth, service and topic pairs counted together, share its bits (there are seven). */
const MAX_PAIR_BIT = 28;

/** Bit 2i of the result when both bit 2i and bit 2i + 1 of `halves` are set. */
function bothHalves(halves: number): number {
  return halves & (halves >>> 1) & 0x55555555;
}

/** Bits 2i of `pairs` as bits i. */
function compactPairs(pairs: number): number {
  let compact = 0;
  for (let i = 0; 2 * i <= MAX_PAIR_BIT; i++) if ((pairs & (1 << (2 * i))) !== 0) compact |= 1 << i;
  return compact;
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
 * off-topic and other-service phrases ("session", "code not arriving"), the names of documents
 * and the words of the service and topic pairs, which it only reports. Every list is optional
 * (a validator needs one).
 */
export function createPhraseScanner({
  framing = [],
  offTopic = [],
  otherServices = [],
  documentKinds = [],
  anotherDocument = [],
  otherServicePairs = [],
  topicPairs = [],
}: Partial<ScannedPhrases>): (folded: string) => PhraseScan {
  const byText = new Map<string, { text: string; kind: PhraseKind; bits: number }>();
  const lists: [PhraseKind, readonly string[], number][] = [
    ['framing', framing, 0],
    ['offTopic', offTopic, 0],
    ['otherService', otherServices, 0],
    ...documentKinds.map((names, i): [PhraseKind, readonly string[], number] => [
      'document',
      names,
      1 << Math.min(i, MAX_DOCUMENT_KINDS),
    ]),
    ['document', anotherDocument, ~1],
    // Service pairs first, then topic pairs: one mechanism, told apart by their place.
    ...[
      ...otherServicePairs.map(({ services, states }) => ({ first: services, second: states })),
      ...topicPairs,
    ].flatMap(({ first, second }, i): [PhraseKind, readonly string[], number][] => [
      ['pair', first, 1 << Math.min(2 * i, MAX_PAIR_BIT)],
      ['pair', second, 1 << Math.min(2 * i + 1, MAX_PAIR_BIT + 1)],
    ]),
  ];
  const servicePairBits = (1 << (2 * Math.min(otherServicePairs.length, MAX_PAIR_BIT / 2))) - 1;
  // One entry per phrase and role: a word may be a service of one pair and a state of another.
  for (const [kind, list, bits] of lists)
    for (const phrase of list) {
      const folded = foldForFeatures(phrase);
      const key = `${kind} ${bits} ${folded}`;
      if (folded && !byText.has(key)) byText.set(key, { text: folded, kind, bits });
    }
  const phrases: Phrase[] = [...byText.values()]
    .sort((a, b) => b.text.length - a.text.length)
    .map(({ text, kind, bits }) => {
      const unspaced = UNSPACED_SCRIPT.test(text);
      return { needle: unspaced ? text : ` ${text} `, unspaced, kind, bits };
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
  const firstWords = firstWordFilter(byFirstWord.keys());

  // Which phrases may be in the text: those whose entry holds the current scan's number.
  const candidate = new Uint32Array(phrases.length);
  let scan = 0;
  return (folded) => {
    scan += 1;
    if (scan === 0xffffffff) {
      candidate.fill(0);
      scan = 1;
    }
    markWords(folded, firstWords, byFirstWord, candidate, scan);
    if (UNSPACED_SCRIPT.test(folded))
      for (const character of folded)
        for (const order of byFirstCharacter.get(character) ?? []) candidate[order] = scan;
    const whole = ` ${folded} `;
    let said = whole;
    let found = false;
    let offTopicFound = false;
    let otherServiceFound = false;
    let documents = 0;
    let named = whole;
    let halves = 0;
    for (let order = 0; order < phrases.length; order++) {
      if (candidate[order] !== scan) continue;
      const { needle, unspaced, kind } = phrases[order];
      if (kind === 'offTopic') offTopicFound ||= whole.includes(needle);
      if (kind === 'otherService') otherServiceFound ||= whole.includes(needle);
      if (kind === 'pair' && whole.includes(needle)) halves |= phrases[order].bits;
      // Longest first, and cut out once found: "закордонний паспорт" is not also "паспорт".
      if (kind === 'document' && named.includes(needle)) {
        documents |= phrases[order].bits;
        named = named.split(needle).join(' ');
      }
      if (kind !== 'framing') continue;
      if (!said.includes(needle)) continue;
      said = said.split(needle).join(' ');
      found = true;
      // Cutting a phrase out of a run of characters can leave words that were not words before
      // ("abc认证失败def"); removing a spaced phrase never does, nor makes a new character appear.
      if (unspaced) markWords(said, firstWords, byFirstWord, candidate, scan);
    }
    const pairs = bothHalves(halves);
    return {
      bare: found ? said.trim().replace(/ +/g, ' ') : undefined,
      offTopic: offTopicFound,
      // A service and a state of the same pair: bits 2i and 2i + 1 both set.
      otherService: otherServiceFound || (pairs & servicePairBits) !== 0,
      topicPairs: compactPairs(pairs) >>> otherServicePairs.length,
      // Two bits: two kinds named, or one and "another", or "another" alone (all bits but one).
      namesTwoDocuments: (documents & (documents - 1)) !== 0,
    };
  };
}

/** Longer first words share one bit of the filter. */
const LONGEST_FILTERED_LENGTH = 31;

/**
 * Per first UTF-16 code of a phrase's first word, the lengths of such words (bit n: length n):
 * most words of a text pass neither test, and skipping them spares cutting each word out of the
 * text and looking it up.
 */
function firstWordFilter(words: Iterable<string>): Uint32Array {
  const lengthsByFirstCode = new Uint32Array(0x10000);
  for (const word of words)
    lengthsByFirstCode[word.charCodeAt(0)] |= 1 << Math.min(word.length, LONGEST_FILTERED_LENGTH);
  return lengthsByFirstCode;
}

function markWords(
  text: string,
  lengthsByFirstCode: Uint32Array,
  byFirstWord: ReadonlyMap<string, readonly number[]>,
  candidate: Uint32Array,
  scan: number,
): void {
  for (let start = 0; start <= text.length;) {
    const space = text.indexOf(' ', start);
    const end = space < 0 ? text.length : space;
    const lengths = end > start ? lengthsByFirstCode[text.charCodeAt(start)] : 0;
    if (lengths !== 0 && (lengths & (1 << Math.min(end - start, LONGEST_FILTERED_LENGTH))) !== 0)
      for (const order of byFirstWord.get(text.slice(start, end)) ?? []) candidate[order] = scan;
    start = end + 1;
  }
}
