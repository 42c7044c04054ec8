import { FuzzyVocabulary } from './fuzzy';
import { normalizeText } from '../i18n/normalizeText';
import { subjectFeatures, textFeatures } from './textFeatures';
import type { Topic, TopicKind } from './topicSchema';
import { LANGUAGES, type Language } from '../i18n/locales';

export interface TopicAlternative {
  topic: string;
  kind: TopicKind;
  /** 0..1 */
  confidence: number;
}

export interface TopicMatch {
  /**
   * null when nothing matches well enough, the text only names what it is about ("my passport",
   * "support please") without what went wrong, or two topics match about equally.
   */
  topic: string | null;
  kind: TopicKind | null;
  /** 0..1; 0 when `topic` is null. */
  confidence: number;
  /** Other plausible topics, best first, never the chosen one. */
  alternatives: TopicAlternative[];
}

export interface TopicMatcher {
  /**
   * `locale` does not narrow the search: users paste the exchange's English prompt into a
   * Chinese chat and the other way round, so every trigger of every language is compared.
   */
  match(text: string, language?: Language): TopicMatch;
}

/** Failure prompts are one line; anything past this is noise that would only cost time. */
const MAX_INPUT_CHARS = 1000;
/** Longer "words" are not words (pasted hashes, keyboard mashing); skipping them bounds the typo search. */
const MAX_FUZZY_WORD_LENGTH = 24;
/** Distinct words whose typo neighbours are remembered; past this the memory starts over. */
const NEAR_CACHE_LIMIT = 50_000;
/** Words of a text looked up at most, so a pasted wall of text costs no more than a sentence. */
const MAX_WORDS = 80;

/**
 * Score a topic needs to be named. Scores are the share of a trigger's evidence the text
 * contains, scaled by how much of the text the topic explains. On the tuned part of the labelled
 * set no out-of-scope text scores above 0.45 and no correctly named one below 0.57; this is about
 * the middle of that gap. Document names alone ("my ID card") score as high as 0.57, which is
 * why a score also needs evidence beyond subject words (see `topicScores`).
 */
const ACCEPT = 0.5;
/** The winner must lead the runner-up by this much; otherwise the bot asks instead of guessing. */
const MARGIN = 0.12;
/**
 * A cause or FAQ must lead every safety topic by this much more: walking someone through
 * switching documents when they meant their sister's passport gives tips the bot must refuse.
 */
const SAFETY_MARGIN = 0.3;
/** Below this a topic is not worth offering as an alternative. */
const PLAUSIBLE = 0.35;
const MAX_ALTERNATIVES = 3;
/** Credit for a word reached through a typo, by edit distance. */
const TYPO_CREDIT = [1, 0.85, 0.7];
/**
 * Share of the evidence a text has for a topic outside its best trigger that still counts:
 * "are my coins safe" takes "coins" from one trigger and "safe" from another. Only words no
 * other topic uses are pooled, or "ID", "card" and "passport" would add up to any topic.
 */
const POOLED_CREDIT = 0.5;
/**
 * Distinct words a text must share with a trigger, and with a topic it names: one word
 * ("expired" in "my session expired", "support" in "where is support") is a coincidence, two
 * are a statement.
 */
const MIN_SHARED_UNITS = 2;
/**
 * How much of a score survives when none of the text's known words belong to the topic. A text
 * whose known words all belong to the topic keeps its whole score; "my ID is used by a different
 * account" covers the switch-document trigger "use a different ID" but "account" pulls it down.
 */
const UNEXPLAINED_FLOOR = 0.5;

/** Scripts written without spaces between words: a framing phrase is found inside a run. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

interface Trigger {
  topic: number;
  /** Total evidence weight, raised for one-word triggers (see MIN_SHARED_UNITS). */
  mass: number;
  units: number;
}

interface Posting {
  trigger: number;
  weight: number;
  /** A word, an in-word Chinese bigram or a one-character Chinese word, as opposed to support. */
  unit: boolean;
}

function wordKey(stem: string): string {
  return `w:${stem}`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Scores a text against every trigger phrase: the share of the trigger's evidence (words
 * weighted by how few topics use them, Chinese character n-grams likewise) that the text
 * contains, typos forgiven by edit distance, plus half the evidence for words only this topic
 * uses; a topic scores as its best trigger, scaled by how much of the text's known vocabulary it
 * explains. Everything that depends only on the topics is computed here once.
 */
export function createTopicMatcher(topics: readonly Topic[], framing: readonly string[] = []): TopicMatcher {
  const triggerFeatures: { topic: number; features: Map<string, number> }[] = [];
  /** Each spelling a trigger word was seen in (and each stem), to the stem's key: typo search runs on these. */
  const spellings = new Map<string, string>();
  topics.forEach((topic, index) => {
    for (const language of LANGUAGES) {
      for (const phrase of topic.triggers[language]) {
        const { words, grams } = textFeatures(phrase, { language, weighByWords: true });
        const features = new Map(grams);
        for (const { surface, stems } of words) {
          const key = wordKey(stems[0]);
          features.set(key, 1);
          if (!spellings.has(stems[0])) spellings.set(stems[0], key);
          if (!spellings.has(surface)) spellings.set(surface, key);
        }
        if (features.size > 0) triggerFeatures.push({ topic: index, features });
      }
    }
  });

  const topicsUsing = new Map<string, Set<number>>();
  for (const { topic, features } of triggerFeatures) {
    for (const key of features.keys()) {
      const users = topicsUsing.get(key);
      if (users) users.add(topic);
      else topicsUsing.set(key, new Set([topic]));
    }
  }
  const idf = (key: string): number => Math.log(1 + topics.length / (topicsUsing.get(key)?.size ?? 1));

  // One weight per feature for the text-side sums: its heaviest use in any trigger.
  const featureWeight = new Map<string, number>();
  for (const { features } of triggerFeatures) {
    for (const [key, typeWeight] of features)
      featureWeight.set(key, Math.max(typeWeight * idf(key), featureWeight.get(key) ?? 0));
  }
  const ownTopic = new Map<string, number>();
  for (const [key, users] of topicsUsing) if (users.size === 1) ownTopic.set(key, [...users][0]);

  const triggers: Trigger[] = [];
  const postings = new Map<string, Posting[]>();
  for (const { topic, features } of triggerFeatures) {
    const index = triggers.length;
    let mass = 0;
    let units = 0;
    for (const [key, typeWeight] of features) {
      const posting = { trigger: index, weight: typeWeight * idf(key), unit: typeWeight === 1 };
      mass += posting.weight;
      if (posting.unit) units += 1;
      const list = postings.get(key);
      if (list) list.push(posting);
      else postings.set(key, [posting]);
    }
    // A trigger that boils down to one word ("is this really support?") can never name a topic
    // alone: it weighs as if its missing second word were absent from every text.
    triggers.push({ topic, mass: (mass * Math.max(units, MIN_SHARED_UNITS)) / Math.max(units, 1), units });
  }
  // Per feature, the topics whose triggers hold it as a unit, for the evidence a named topic needs.
  const unitOf = new Map<string, Set<number>>();
  for (const [key, list] of postings) {
    for (const { trigger, unit } of list) {
      if (!unit) continue;
      const users = unitOf.get(key);
      if (users) users.add(triggers[trigger].topic);
      else unitOf.set(key, new Set([triggers[trigger].topic]));
    }
  }
  const subject = subjectFeatures();
  const subjectKeys = new Set([...[...subject.stems].map(wordKey), ...subject.grams]);
  const vocabulary = new FuzzyVocabulary(spellings.keys());

  /**
   * The stems of a user's word that some trigger knows: the first is the word's main reading
   * (its English stem when a trigger has it, which keeps English as tuned, else the longest and
   * most specific), the others are readings in other languages ("banned" is a stem of an
   * Indonesian trigger, "ban" of the English ones).
   */
  function knownKeys(stems: readonly string[]): string[] {
    const known = stems.filter((stem) => postings.has(wordKey(stem)));
    const main =
      known[0] === stems[0]
        ? known[0]
        : known.reduce<string | undefined>((a, b) => (!a || b.length > a.length ? b : a), undefined);
    return main === undefined ? [] : [main, ...known.filter((stem) => stem !== main)].map(wordKey);
  }

  /** Words a chat sees again and again; their typo neighbours are looked up once. */
  const nearCache = new Map<string, readonly (readonly [string, number])[]>();

  /** Keys of trigger words within typo distance of a word, with their credit. */
  function nearSpellings(surface: string): readonly (readonly [string, number])[] {
    // Even a known word looks for near spellings: "licence" should also find "license".
    if (surface.length > MAX_FUZZY_WORD_LENGTH) return [];
    const cached = nearCache.get(surface);
    if (cached) return cached;
    const found: (readonly [string, number])[] = [];
    for (const near of vocabulary.nearest(surface)) {
      const key = spellings.get(near.word);
      if (key) found.push([key, TYPO_CREDIT[near.distance] ?? 0]);
    }
    if (nearCache.size >= NEAR_CACHE_LIMIT) nearCache.clear();
    nearCache.set(surface, found);
    return found;
  }

  /**
   * Credit per feature key, and the keys that are only another language's reading of a word
   * already counted: they may complete a trigger but add nothing to how much the text says.
   */
  function evidence(text: string): { credit: Map<string, number>; alias: Set<string> } {
    const { words, grams } = textFeatures(text.slice(0, MAX_INPUT_CHARS));
    const credit = new Map<string, number>();
    const alias = new Set<string>();
    const main = new Set<string>();
    for (const key of grams.keys()) if (postings.has(key)) credit.set(key, 1);
    for (const { surface, stems } of words.slice(0, MAX_WORDS)) {
      knownKeys(stems).forEach((key, i) => {
        credit.set(key, 1);
        if (i === 0) main.add(key);
        else alias.add(key);
      });
      for (const [key, typoCredit] of nearSpellings(surface))
        credit.set(key, Math.max(credit.get(key) ?? 0, typoCredit));
    }
    for (const key of main) alias.delete(key);
    return { credit, alias };
  }

  /**
   * A topic's score, and whether the text says enough to name it: at least two units shared
   * with the topic's triggers, one of them more than a subject word ("my ID card" shares "ID"
   * and "card" with "my ID card expired" but says nothing about an expiry).
   */
  /** The postings as flat arrays: a match walks thousands of them, and objects cost more than numbers. */
  const packed = new Map(
    [...postings].map(([key, list]) => [
      key,
      {
        triggers: Int32Array.from(list, (p) => p.trigger),
        weights: Float64Array.from(list, (p) => p.weight),
        units: Uint8Array.from(list, (p) => (p.unit ? 1 : 0)),
      },
    ]),
  );

  // Scratch space for topicScores, reset after each use: a match is synchronous, so one set serves every call.
  const matched = new Float64Array(triggers.length);
  const pooledInTrigger = new Float64Array(triggers.length);
  const sharedUnits = new Uint16Array(triggers.length);
  const isTouched = new Uint8Array(triggers.length);
  /** Triggers without a unit are scored even when no feature touched them (their pooled share may count). */
  const unitless = triggers.flatMap((trigger, i) => (trigger.units === 0 ? [i] : []));

  function topicScores(text: string): { score: number; grounded: boolean }[] {
    const pooledInTopic = new Float64Array(topics.length);
    const explained = new Float64Array(topics.length);
    const unitsInTopic = new Uint16Array(topics.length);
    const telling = new Uint8Array(topics.length);
    const touched = [...unitless];
    for (const i of unitless) isTouched[i] = 1;
    let known = 0;
    const { credit: credits, alias } = evidence(text);
    for (const [key, credit] of credits) {
      for (const topic of unitOf.get(key) ?? []) {
        unitsInTopic[topic] += 1;
        if (!subjectKeys.has(key)) telling[topic] = 1;
      }
      const textWeight = alias.has(key) ? 0 : credit * (featureWeight.get(key) ?? 0);
      known += textWeight;
      for (const topic of topicsUsing.get(key) ?? []) explained[topic] += textWeight;
      const own = ownTopic.get(key);
      if (own !== undefined) pooledInTopic[own] += textWeight;
      const list = packed.get(key);
      if (!list) continue;
      const pooledWeight = own === undefined ? 0 : textWeight;
      for (let p = 0; p < list.triggers.length; p++) {
        const trigger = list.triggers[p];
        if (isTouched[trigger] === 0) {
          isTouched[trigger] = 1;
          touched.push(trigger);
        }
        matched[trigger] += list.weights[p] * credit;
        pooledInTrigger[trigger] += pooledWeight;
        sharedUnits[trigger] += list.units[p];
      }
    }
    const scores = topics.map(() => 0);
    for (const i of touched) {
      const trigger = triggers[i];
      if (sharedUnits[i] >= Math.min(MIN_SHARED_UNITS, trigger.units)) {
        const pooled = matched[i] + POOLED_CREDIT * (pooledInTopic[trigger.topic] - pooledInTrigger[i]);
        scores[trigger.topic] = Math.max(scores[trigger.topic], pooled / trigger.mass);
      }
      matched[i] = 0;
      isTouched[i] = 0;
      pooledInTrigger[i] = 0;
      sharedUnits[i] = 0;
    }
    return scores.map((score, topic) => ({
      score: score * (UNEXPLAINED_FLOOR + (1 - UNEXPLAINED_FLOOR) * (known > 0 ? explained[topic] / known : 0)),
      grounded: unitsInTopic[topic] >= MIN_SHARED_UNITS && telling[topic] === 1,
    }));
  }

  /** Longest first, so "identity verification failed" goes before "verification failed" can split it. */
  const framingNeedles = [...new Set(framing.map(normalizeText).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => (UNSPACED_SCRIPT.test(phrase) ? phrase : ` ${phrase} `));

  /** The text without the exchange's framing words, or undefined when it has none. */
  function withoutFraming(text: string): string | undefined {
    let said = ` ${normalizeText(text.slice(0, MAX_INPUT_CHARS))} `;
    let found = false;
    for (const needle of framingNeedles) {
      if (!said.includes(needle)) continue;
      said = said.split(needle).join(' ');
      found = true;
    }
    return found ? said.trim() : undefined;
  }

  function decide(text: string): TopicMatch {
    const ranked = topicScores(text)
      .map(({ score, grounded }, index) => ({ index, score, grounded }))
      .filter(({ score }) => score >= PLAUSIBLE)
      .sort((a, b) => b.score - a.score || a.index - b.index);
    const [best] = ranked;
    const leads = (other: { index: number; score: number }): boolean =>
      best.score - other.score >=
      (topics[other.index].kind === 'safety' && topics[best.index].kind !== 'safety' ? SAFETY_MARGIN : MARGIN);
    const chosen = best && best.grounded && best.score >= ACCEPT && ranked.slice(1).every(leads) ? best : undefined;
    const alternatives = ranked
      .filter((candidate) => candidate !== chosen)
      .slice(0, MAX_ALTERNATIVES)
      .map(({ index, score }) => ({
        topic: topics[index].id,
        kind: topics[index].kind,
        confidence: round(Math.min(score, 1)),
      }));
    if (!chosen) return { topic: null, kind: null, confidence: 0, alternatives };
    const topic = topics[chosen.index];
    return { topic: topic.id, kind: topic.kind, confidence: round(Math.min(chosen.score, 1)), alternatives };
  }

  return {
    /**
     * "Verification failed: Document expired. Please try again." is judged by what is left
     * without the framing words, which would otherwise outweigh a short prompt; when that names
     * nothing ("Face verification failed" loses its "verification failed"), by the whole text.
     */
    match(text: string): TopicMatch {
      const bare = withoutFraming(text);
      if (bare) {
        const match = decide(bare);
        if (match.topic) return match;
      }
      return decide(text);
    },
  };
}
