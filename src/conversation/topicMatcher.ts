import { FuzzyVocabulary } from './fuzzy';
import { createPhraseScanner, type PhraseScan, type ScannedPhrases } from './phraseScanner';
import {
  foldedTextFeatures,
  foldedWordsAndGrams,
  foldForFeatures,
  subjectFeatures,
  textFeatures,
  type TextFeatures,
  type WordForms,
} from './textFeatures';
import { candidateStems, stemIn } from './wordStems';
import { NEGATIONS, STOP_WORDS } from './stopWords';
import { createVietnameseToneReading, hasVietnameseMarks } from './vietnameseTones';
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
   * `language` (the conversation's) does not narrow the search: users paste the exchange's
   * English prompt into a Chinese chat and the other way round, so every trigger of every language
   * is compared. But a word that `language`'s triggers know is read only as they read it, so
   * another language's stem of it (Indonesian "banned") cannot take the text over, and a word they
   * do not know takes its typo neighbours from them when they have any; the other words are read,
   * and forgiven, through every language.
   */
  match(text: string, language?: Language): TopicMatch;
}

/** Failure prompts are one line; anything past this is noise that would only cost time. */
const MAX_INPUT_CHARS = 1000;
/** Longer "words" are not words (pasted hashes, keyboard mashing); skipping them bounds the typo search. */
const MAX_FUZZY_WORD_LENGTH = 24;
/** Words, and their readings and typo neighbours per language, remembered; past this the memory starts over. */
const WORD_CACHE_LIMIT = 50_000;
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
 * A cause must lead every safety topic by this much more, and so must an FAQ a safety topic that
 * would be named on its own (ACCEPT): walking someone through switching documents when they meant
 * their sister's passport gives tips the bot must refuse. An FAQ ahead of a faint safety score
 * ("are my coins safe" beside a scam warning's "coins") needs only MARGIN: its answer is
 * information, not a way through.
 */
const SAFETY_MARGIN = 0.3;
/**
 * A topic pair's topic scores at least this (see DialogData.topicPairs): above ACCEPT, so a pair
 * names its topic when nothing else is as plausible, and below a fully matched trigger (1), so a
 * prompt typed word for word still outweighs it.
 */
const PAIR_SCORE = 0.8;
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

/** The slots of a trigger's scratch state (see `triggerState`). */
const MATCHED = 0;
const POOLED = 1;
const SHARED_UNITS = 2;
const STAMP = 3;
const TRIGGER_SLOTS = 4;

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

/** A user's word as the triggers know it: feature ids of its readings (main first) and of its typo neighbours. */
interface WordEvidence {
  readings: readonly number[];
  typos: readonly (readonly [id: number, credit: number])[];
}

/** What the matcher remembers of a word a user typed, so a word it has met costs one lookup. */
interface KnownWord {
  /** As normalizeText leaves it. */
  surface: string;
  /** The languages (bits, LANGUAGES order) whose triggers or function words have it. */
  languages: number;
  /** The languages whose function words it is. */
  stopLanguages: number;
  /** Its evidence, per way of reading it (see `wordEvidence`). */
  evidence: Map<number, WordEvidence>;
  /** Its candidate stems, found the first time a reading of it needs them. */
  forms?: WordForms;
}

/** A user's text as the matcher reads it. */
interface ReadText {
  /** Content words, in order, duplicates removed. */
  words: readonly KnownWord[];
  /** As TextFeatures.grams. */
  grams: TextFeatures['grams'];
  /** The languages it is read as (bits in LANGUAGES order), 0 for none. */
  reading: number;
  /** See PhraseScan.namesTwoDocuments. */
  namesTwoDocuments: boolean;
}

/**
 * The feature of a text that names two kinds of document or "another document" (PhraseScan):
 * one evidence unit, weighed like a word by how many topics' triggers have it, so "use my passport
 * next time instead of my ID card" counts the switch it describes, not only its words.
 */
const TWO_DOCUMENTS_KEY = 'd:two';

/** Function words are dropped after the text's languages are known (see `read`). */
const KEEP_STOP_WORDS = { isStopWord: (): boolean => false };

function wordKey(stem: string): string {
  return `w:${stem}`;
}

function addTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** Where each list starts when the lists are laid end to end, and (last) where the last one ends. */
function startsOf(lists: readonly ArrayLike<unknown>[]): Int32Array {
  const starts = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) starts[i + 1] = starts[i] + lists[i].length;
  return starts;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** How much more often a word must be in its language's triggers than a near spelling for that spelling to be its typo. */
const TYPO_VARIANT_RATIO = 3;
/** A trigger word in more triggers than this is a word of its own, whatever it is near. */
const MAX_TYPO_VARIANT_USES = 2;

/**
 * Triggers carry typos on purpose ("documnet expired"), so users' typos meet them. Such a stem
 * is rare, and rare stems weigh most: as a key of its own it would outweigh the word it
 * misspells and pull a text spelling the word right towards that one trigger. So per
 * language, a stem in at most MAX_TYPO_VARIANT_USES triggers that is within typo distance of a
 * stem in TYPO_VARIANT_RATIO times as many is read as that stem; its spelling still finds it.
 */
function typoVariants(
  phrases: readonly { topic: number; language: Language; words: readonly WordForms[] }[],
): Map<Language, Map<string, string>> {
  const uses = new Map<Language, Map<string, { count: number; topics: Set<number> }>>();
  for (const { topic, language, words } of phrases) {
    const stems = uses.get(language) ?? new Map<string, { count: number; topics: Set<number> }>();
    uses.set(language, stems);
    for (const {
      stems: [stem],
    } of words) {
      const use = stems.get(stem) ?? { count: 0, topics: new Set<number>() };
      use.count += 1;
      use.topics.add(topic);
      stems.set(stem, use);
    }
  }
  const variants = new Map<Language, Map<string, string>>();
  for (const [language, stems] of uses) {
    const vocabulary = new FuzzyVocabulary(stems.keys());
    const own = new Map<string, string>();
    for (const [stem, { count, topics }] of stems) {
      if (count > MAX_TYPO_VARIANT_USES) continue;
      let best: { stem: string; count: number } | undefined;
      for (const { word } of vocabulary.nearest(stem)) {
        const other = stems.get(word);
        // A misspelling keeps the first letter and the topics of its word: "sombre" is not "nombre".
        if (!other || !word.startsWith(stem[0]) || [...topics].some((t) => !other.topics.has(t))) continue;
        if (other.count >= TYPO_VARIANT_RATIO * count && other.count > (best?.count ?? 0))
          best = { stem: word, count: other.count };
      }
      if (best) own.set(stem, best.stem);
    }
    variants.set(language, own);
  }
  return variants;
}

/**
 * Scores a text against every trigger phrase: the share of the trigger's evidence (words
 * weighted by how few topics use them, Chinese character n-grams likewise) that the text
 * contains, typos forgiven by edit distance, plus half the evidence for words only this topic
 * uses; a topic scores as its best trigger, scaled by how much of the text's known vocabulary it
 * explains. Everything that depends only on the topics is computed here once. `scanned` holds the
 * framing, off-topic and other-service phrases, the names of documents and the service and topic
 * pairs (the DialogData they were loaded in will do).
 */
export function createTopicMatcher(topics: readonly Topic[], scanned: Partial<ScannedPhrases> = {}): TopicMatcher {
  const triggerFeatures: { topic: number; features: Map<string, number> }[] = [];
  /** Each spelling a trigger word was seen in (and each stem), to the stem's key: typo search runs on these. */
  const spellings = new Map<string, string>();
  /** The same per language, with the key that language's triggers give the spelling. */
  const spellingsIn = new Map<Language, Map<string, string>>(LANGUAGES.map((language) => [language, new Map()]));
  /** Per word as a user types it: the languages (bits, LANGUAGES order) whose triggers or function words have it. */
  const languagesOfWord = new Map<string, number>();
  /** Per word: the languages whose function words it is. */
  const stopLanguagesOf = new Map<string, number>();
  const bit = (language: Language): number => 1 << LANGUAGES.indexOf(language);
  const addLanguage = (map: Map<string, number>, word: string, language: Language): void => {
    map.set(word, (map.get(word) ?? 0) | bit(language));
  };
  for (const language of LANGUAGES)
    for (const word of STOP_WORDS[language]) {
      addLanguage(stopLanguagesOf, word, language);
      addLanguage(languagesOfWord, word, language);
    }
  const scanPhrases = createPhraseScanner(scanned);
  /** Per topic pair (ScannedPhrases.topicPairs), its topic's index; -1 for an unknown id (the validator reports it). */
  const pairTopics = (scanned.topicPairs ?? []).map(({ topic }) => topics.findIndex((t) => t.id === topic));
  const phrases = topics.flatMap((topic, index) =>
    LANGUAGES.flatMap((language) =>
      topic.triggers[language].map((phrase) => ({
        topic: index,
        language,
        twoDocuments: scanPhrases(foldForFeatures(phrase)).namesTwoDocuments,
        ...textFeatures(phrase, { language, weighByWords: true }),
      })),
    ),
  );
  const canonical = typoVariants(phrases);
  /**
   * A text that is one of a topic's triggers word for word ("Will I be banned?", the FAQ's own
   * title, or a prompt as the exchange shows it) names that topic, even when it boils down to one
   * word (see MIN_SHARED_UNITS): people retype the exchange's prompts and the bot's own buttons.
   * A wording two topics share names neither (-1).
   */
  const wholeTriggers = new Map<string, number>();
  topics.forEach((topic, index) => {
    for (const language of LANGUAGES)
      for (const phrase of topic.triggers[language]) {
        const folded = foldForFeatures(phrase);
        const seen = wholeTriggers.get(folded);
        wholeTriggers.set(folded, seen === undefined || seen === index ? index : -1);
      }
  });
  // A Vietnamese trigger typed with marks is also compared in its marked reading, as a trigger
  // of its own beside the folded one, which text typed without marks keeps meeting as before.
  const tones = createVietnameseToneReading(topics.map((topic) => topic.triggers.vi));
  const markedPhrases = topics.flatMap((topic, index) =>
    topic.triggers.vi.flatMap((phrase) => {
      const marked = tones.trigger(phrase);
      const features = marked === undefined ? [] : [foldedTextFeatures(marked, { language: 'vi', weighByWords: true })];
      const twoDocuments = scanPhrases(foldForFeatures(phrase)).namesTwoDocuments;
      return features.map((feature) => ({ topic: index, language: 'vi' as const, twoDocuments, ...feature }));
    }),
  );
  for (const { topic, language, words, grams, twoDocuments } of [...phrases, ...markedPhrases]) {
    const own = spellingsIn.get(language) ?? new Map<string, string>();
    const features = new Map(grams);
    if (twoDocuments) features.set(TWO_DOCUMENTS_KEY, 1);
    for (const { surface, stems } of words) {
      addLanguage(languagesOfWord, surface, language);
      const key = wordKey(canonical.get(language)?.get(stems[0]) ?? stems[0]);
      features.set(key, 1);
      for (const spelling of [stems[0], surface]) {
        if (!spellings.has(spelling)) spellings.set(spelling, key);
        if (!own.has(spelling)) own.set(spelling, key);
      }
    }
    if (features.size > 0) triggerFeatures.push({ topic, features });
  }

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
      addTo(postings, key, posting);
    }
    // A trigger that boils down to one word ("is this really support?") can never name a topic
    // alone: it weighs as if its missing second word were absent from every text.
    triggers.push({
      topic,
      mass: (mass * Math.max(units, MIN_SHARED_UNITS)) / Math.max(units, 1),
      units,
    });
  }
  const subject = subjectFeatures();
  const subjectKeys = new Set([...[...subject.stems, ...tones.subjectWords].map(wordKey), ...subject.grams]);
  const vocabulary = new FuzzyVocabulary(spellings.keys());

  /**
   * Every feature a trigger uses gets a number, and what a match needs of it sits in arrays under
   * that number: a match walks thousands of postings, and numbers cost less than keyed lookups.
   */
  const keys = [...postings.keys()];
  const idOf = new Map(keys.map((key, id) => [key, id]));
  const idsOf = (list: Iterable<string>): Set<number> =>
    new Set([...list].flatMap((key) => (idOf.has(key) ? [idOf.get(key) ?? 0] : [])));
  const weightOf = Float64Array.from(keys, (key) => featureWeight.get(key) ?? 0);
  const isSubject = Uint8Array.from(keys, (key) => (subjectKeys.has(key) ? 1 : 0));
  const usersOf = keys.map((key) => Int32Array.from(topicsUsing.get(key) ?? []));
  /** The one topic that uses a feature, or -1: only such features pool across a topic's triggers. */
  const ownTopicOf = Int32Array.from(usersOf, (users) => (users.length === 1 ? users[0] : -1));
  /** The topics whose triggers hold a feature as a unit, for the evidence a named topic needs. */
  const negationKeys = new Set(
    LANGUAGES.flatMap((language) =>
      NEGATIONS[language].flatMap((word) => [wordKey(word), wordKey(stemIn(language, word))]),
    ),
  );
  const unitTopicsOf = keys.map((key) =>
    negationKeys.has(key)
      ? new Set<number>()
      : new Set((postings.get(key) ?? []).filter((p) => p.unit).map((p) => triggers[p.trigger].topic)),
  );
  /*
   * What a match walks per feature, each list laid end to end with the others in one typed array
   * (feature `id`'s from start[id] to start[id + 1]): a match reads a dozen features' lists out of
   * thousands, and a few big arrays stay in cache where thousands of small ones miss it.
   * A user is topic × 2 + 1 where the topic is one of the feature's `unitTopicsOf` (always a
   * subset), a posting is trigger × 2 + 1 for a unit: one read says both.
   */
  const userStart = startsOf(usersOf);
  const userCodes = Int32Array.from(
    usersOf.flatMap((users, id) => Array.from(users, (topic) => topic * 2 + (unitTopicsOf[id].has(topic) ? 1 : 0))),
  );
  const postingLists = keys.map((key) => postings.get(key) ?? []);
  const postingStart = startsOf(postingLists);
  const postingCodes = Int32Array.from(postingLists.flat(), (p) => p.trigger * 2 + (p.unit ? 1 : 0));
  const postingWeights = Float64Array.from(postingLists.flat(), (p) => p.weight);
  /** The word features each language's triggers use, for reading a user's word as that language does. */
  const wordIdsIn = new Map(
    LANGUAGES.map((language) => [
      language,
      idsOf([...(spellingsIn.get(language)?.values() ?? [])].filter((key) => key.startsWith('w:'))),
    ]),
  );

  const idOfStem = (stem: string): number | undefined => idOf.get(wordKey(stem));
  const twoDocumentsId = idOf.get(TWO_DOCUMENTS_KEY);

  /**
   * The readings of a user's word that some trigger knows, main reading first: with a language
   * whose triggers know the word, that language's stem (else its longest), and only its readings;
   * otherwise the English stem when a trigger has it, which keeps English as tuned, else the
   * longest and most specific, then the readings in other languages ("banned" is a stem of an
   * Indonesian trigger, "ban" of the English ones).
   */
  function readingsOf(word: WordForms, language: Language | undefined): string[] {
    const known = word.stems.filter((stem) => idOfStem(stem) !== undefined);
    const own = language === undefined ? undefined : wordIdsIn.get(language);
    const mine = own ? known.filter((stem) => own.has(idOfStem(stem) ?? -1)) : [];
    const longest = (list: readonly string[]): string | undefined =>
      list.reduce<string | undefined>((a, b) => (!a || b.length > a.length ? b : a), undefined);
    const preferred = language === undefined ? undefined : stemIn(language, word.surface);
    const candidates = mine.length > 0 ? mine : known;
    const main =
      mine.length > 0
        ? (mine.find((stem) => stem === preferred) ?? longest(mine))
        : known[0] === word.stems[0]
          ? known[0]
          : longest(known);
    return main === undefined ? [] : [main, ...candidates.filter((stem) => stem !== main)];
  }

  /**
   * Trigger words within typo distance of a word, with their credit, among the spellings of the
   * languages the text is read as (`reading`; every language's when it is read as none), so
   * Portuguese "passaporte" does not meet Turkish "pasaport". Even a known word looks for near
   * spellings: "licence" should also find "license". With a language, a word its triggers do not
   * know takes their near spellings when they have any.
   */
  function typosOf(
    word: WordForms,
    language: Language | undefined,
    knownInLanguage: boolean,
    reading: number,
  ): [number, number][] {
    if (word.surface.length > MAX_FUZZY_WORD_LENGTH) return [];
    const near = vocabulary.nearest(word.surface);
    const through = (maps: readonly ReadonlyMap<string, string>[]): [number, number][] => {
      const found = new Map<number, number>();
      for (const { word: spelling, distance } of near)
        for (const map of maps) {
          const id = idOf.get(map.get(spelling) ?? '');
          if (id !== undefined && !found.has(id)) found.set(id, TYPO_CREDIT[distance] ?? 0);
        }
      return [...found];
    };
    if (language !== undefined && !knownInLanguage) {
      const mine = through([spellingsIn.get(language) ?? new Map<string, string>()]);
      if (mine.length > 0) return mine;
    }
    if (reading === 0) return through([spellings]);
    return through(
      LANGUAGES.flatMap((l) => (reading & bit(l) ? [spellingsIn.get(l) ?? new Map<string, string>()] : [])),
    );
  }

  /** Words a chat sees again and again: each is read and searched for typos once per language. */
  const knownWords = new Map<string, KnownWord>();
  let cachedEvidence = 0;

  /** Past WORD_CACHE_LIMIT words and evidence entries the memory starts over, so no stream of new words fills it. */
  function makeRoom(): void {
    if (knownWords.size + cachedEvidence < WORD_CACHE_LIMIT) return;
    knownWords.clear();
    cachedEvidence = 0;
  }

  function knownWord(surface: string): KnownWord {
    const known = knownWords.get(surface);
    if (known) return known;
    const word: KnownWord = {
      surface,
      languages: languagesOfWord.get(surface) ?? 0,
      stopLanguages: stopLanguagesOf.get(surface) ?? 0,
      evidence: new Map(),
    };
    makeRoom();
    knownWords.set(surface, word);
    return word;
  }

  function wordEvidence(known: KnownWord, language: Language | undefined, reading: number): WordEvidence {
    const cacheKey = reading * (LANGUAGES.length + 1) + (language === undefined ? 0 : LANGUAGES.indexOf(language) + 1);
    const cached = known.evidence.get(cacheKey);
    if (cached) return cached;
    known.forms ??= { surface: known.surface, stems: candidateStems(known.surface) };
    const word = known.forms;
    const readings = readingsOf(word, language);
    const own = language === undefined ? undefined : wordIdsIn.get(language);
    const ids = readings.map((stem) => idOfStem(stem) ?? -1);
    const typos = typosOf(word, language, own !== undefined && ids.some((id) => own.has(id)), reading);
    // A word the triggers know is misspelt only as a word of the same topics ("licence" for
    // "license"): "charge" in "non pris en charge" is no typo of "change".
    const sameTopics = (id: number): boolean =>
      ids.length === 0 || ids.some((known) => usersOf[known].some((topic) => usersOf[id].includes(topic)));
    const found: WordEvidence = {
      readings: ids,
      typos: typos.filter(([id]) => !ids.includes(id) && sameTopics(id)),
    };
    makeRoom();
    known.evidence.set(cacheKey, found);
    cachedEvidence += 1;
    return found;
  }

  // Scratch space, reset after each use: a match is synchronous, so one set serves every call.
  const credit = new Float64Array(keys.length);
  const MAIN = 1;
  const ALIAS = 2;
  /** Per feature: whether some word read it as its main reading, or only as another language's reading. */
  const role = new Uint8Array(keys.length);
  const isCredited = new Uint8Array(keys.length);
  /**
   * Per trigger, side by side (TRIGGER_SLOTS numbers from trigger × TRIGGER_SLOTS): the evidence
   * matched, the pooled evidence inside it, the units shared, and the number of the match that
   * wrote them (older numbers mean zeros, so nothing is reset after a match). A match touches
   * hundreds of triggers scattered over thousands; one cache line per trigger costs less than one
   * per array.
   */
  const triggerState = new Float64Array(triggers.length * TRIGGER_SLOTS);
  let matchNumber = 0;
  const triggerTopic = Int32Array.from(triggers, (trigger) => trigger.topic);
  const triggerMass = Float64Array.from(triggers, (trigger) => trigger.mass);
  /** Units a text must share with a trigger before the trigger counts. */
  const neededUnits = Uint16Array.from(triggers, (trigger) => Math.min(MIN_SHARED_UNITS, trigger.units));
  /** The triggers that share their needed units with the text, the only ones worth scoring. */
  const candidates = new Int32Array(triggers.length);
  const pooledInTopic = new Float64Array(topics.length);
  const explained = new Float64Array(topics.length);
  const unitsInTopic = new Uint16Array(topics.length);
  const telling = new Uint8Array(topics.length);
  /** Triggers without a unit are scored even when no feature touched them (their pooled share may count). */
  const unitless = triggers.flatMap((trigger, i) => (trigger.units === 0 ? [i] : []));

  /**
   * Credit per feature, in the order the text gives them, and (in `role`) the features that are
   * only another language's reading of a word already counted: they may complete a trigger but
   * add nothing to how much the text says.
   */
  function evidence({ words, grams, reading, namesTwoDocuments }: ReadText, language: Language | undefined): number[] {
    const credited: number[] = [];
    if (namesTwoDocuments && twoDocumentsId !== undefined) {
      credited.push(twoDocumentsId);
      isCredited[twoDocumentsId] = 1;
      credit[twoDocumentsId] = 1;
      role[twoDocumentsId] = MAIN;
    }
    for (const key of grams.keys()) {
      const id = idOf.get(key);
      if (id === undefined) continue;
      if (isCredited[id] === 0) credited.push(id);
      isCredited[id] = 1;
      credit[id] = 1;
    }
    for (let w = 0; w < Math.min(words.length, MAX_WORDS); w++) {
      const { readings, typos } = wordEvidence(words[w], language, reading);
      for (let i = 0; i < readings.length; i++) {
        const id = readings[i];
        if (isCredited[id] === 0) credited.push(id);
        isCredited[id] = 1;
        credit[id] = 1;
        role[id] |= i === 0 ? MAIN : ALIAS;
      }
      for (const [id, typoCredit] of typos) {
        if (isCredited[id] === 0) {
          credited.push(id);
          isCredited[id] = 1;
          credit[id] = typoCredit;
        } else credit[id] = Math.max(credit[id], typoCredit);
      }
    }
    return credited;
  }

  /** Per topic, what `topicScores` found; scratch like the arrays above, read by `decide` right after. */
  const topicScore = new Float64Array(topics.length);
  const isGrounded = new Uint8Array(topics.length);
  /** The topics worth ranking, best first. */
  const ranked = new Int32Array(topics.length);

  /**
   * Each topic's score (in `topicScore`), and whether the text says enough to name it (in
   * `isGrounded`): at least two units shared with the topic's triggers, one of them more than a
   * subject word ("my ID card" shares "ID" and "card" with "my ID card expired" but says nothing
   * about an expiry). Returns whether the text names a document ("passport", "身份证").
   */
  function topicScores(text: ReadText, language: Language | undefined): boolean {
    let namedDocument = false;
    pooledInTopic.fill(0);
    explained.fill(0);
    unitsInTopic.fill(0);
    telling.fill(0);
    topicScore.fill(0);
    matchNumber += 1;
    let candidateCount = 0;
    for (const i of unitless) {
      triggerState.fill(0, i * TRIGGER_SLOTS, i * TRIGGER_SLOTS + STAMP);
      triggerState[i * TRIGGER_SLOTS + STAMP] = matchNumber;
      candidates[candidateCount++] = i;
    }
    let known = 0;
    const credited = evidence(text, language);
    for (const id of credited) {
      const subjectWord = isSubject[id] === 1;
      if (subjectWord) namedDocument = true;
      const textWeight = role[id] === ALIAS ? 0 : credit[id] * weightOf[id];
      known += textWeight;
      for (let u = userStart[id]; u < userStart[id + 1]; u++) {
        const topic = userCodes[u] >> 1;
        explained[topic] += textWeight;
        if ((userCodes[u] & 1) === 1) {
          unitsInTopic[topic] += 1;
          if (!subjectWord) telling[topic] = 1;
        }
      }
      const own = ownTopicOf[id];
      if (own >= 0) pooledInTopic[own] += textWeight;
      const pooledWeight = own < 0 ? 0 : textWeight;
      const featureCredit = credit[id];
      for (let p = postingStart[id]; p < postingStart[id + 1]; p++) {
        const code = postingCodes[p];
        const trigger = code >> 1;
        const at = trigger * TRIGGER_SLOTS;
        if (triggerState[at + STAMP] !== matchNumber) {
          triggerState[at + MATCHED] = 0;
          triggerState[at + POOLED] = 0;
          triggerState[at + SHARED_UNITS] = 0;
          triggerState[at + STAMP] = matchNumber;
        }
        triggerState[at + MATCHED] += postingWeights[p] * featureCredit;
        if (pooledWeight !== 0) triggerState[at + POOLED] += pooledWeight;
        // Counted once, when the trigger reaches its needed units: units only ever add up.
        if ((code & 1) === 1 && ++triggerState[at + SHARED_UNITS] === neededUnits[trigger])
          candidates[candidateCount++] = trigger;
      }
    }
    for (const id of credited) {
      credit[id] = 0;
      role[id] = 0;
      isCredited[id] = 0;
    }
    for (let c = 0; c < candidateCount; c++) {
      const i = candidates[c];
      const at = i * TRIGGER_SLOTS;
      const topic = triggerTopic[i];
      const score =
        (triggerState[at + MATCHED] + POOLED_CREDIT * (pooledInTopic[topic] - triggerState[at + POOLED])) /
        triggerMass[i];
      if (score > topicScore[topic]) topicScore[topic] = score;
    }
    for (let topic = 0; topic < topics.length; topic++) {
      topicScore[topic] *= UNEXPLAINED_FLOOR + (1 - UNEXPLAINED_FLOOR) * (known > 0 ? explained[topic] / known : 0);
      isGrounded[topic] = unitsInTopic[topic] >= MIN_SHARED_UNITS && telling[topic] === 1 ? 1 : 0;
    }
    return namedDocument;
  }

  /**
   * The languages a text is read as: those most of its words belong to (as trigger or function
   * words), the conversation's `language` alone when it is one of them; 0 when no word is known.
   */
  const readingCounts = new Uint16Array(LANGUAGES.length);

  function readingOf(words: readonly KnownWord[], language: Language | undefined): number {
    readingCounts.fill(0);
    let most = 0;
    for (const word of words) {
      // Each set bit in turn, lowest first.
      for (let languages = word.languages; languages !== 0; languages &= languages - 1) {
        const i = 31 - Math.clz32(languages & -languages);
        readingCounts[i] += 1;
        if (readingCounts[i] > most) most = readingCounts[i];
      }
    }
    if (most === 0) return 0;
    if (language !== undefined && readingCounts[LANGUAGES.indexOf(language)] === most) return bit(language);
    let reading = 0;
    for (let i = 0; i < LANGUAGES.length; i++) if (readingCounts[i] === most) reading |= 1 << i;
    return reading;
  }

  /** A folded text's words and n-grams, without the function words of the languages it is read as. */
  function read(
    folded: string,
    language: Language | undefined,
    namesTwoDocuments: boolean,
    marked?: ReadonlyMap<string, string[]>,
  ): ReadText {
    const { words: surfaces, grams } = foldedWordsAndGrams(folded, KEEP_STOP_WORDS);
    const all = (marked ? surfaces.flatMap((surface) => marked.get(surface) ?? surface) : surfaces).map(knownWord);
    const reading = readingOf(all, language);
    const words = reading === 0 ? all : all.filter((word) => (word.stopLanguages & reading) === 0);
    return { words, grams, reading, namesTwoDocuments };
  }

  /**
   * `scan.offTopic`: the text has an off-topic word. "My session expired" or "セッションの有効期限が
   * 切れました" share the words of an expired document, but without a document named they are
   * about logging in, so no cause is named (an FAQ or safety topic still may be).
   * `scan.otherService`: it has an other-service phrase. "2FA code not arriving" or "提币审核中" share
   * words with a scam warning or the review time, but no topic is named: even "support" or "身份证"
   * beside them ("客服说提币审核中") is a question for the wallet desk, not a verification to fix,
   * and no topic is offered as an alternative either.
   */
  function decide(text: ReadText, language: Language | undefined, scan: Omit<PhraseScan, 'bare'>): TopicMatch {
    const namedDocument = topicScores(text, language);
    // A safety topic the text names on its own words is not outvoted by a pair ("someone on
    // Zalo says he can speed up my KYC for a fee" is a scam, not a question about the review).
    let safetyNamed = false;
    for (let topic = 0; topic < topics.length; topic++)
      if (topics[topic].kind === 'safety' && isGrounded[topic] === 1 && topicScore[topic] >= ACCEPT) safetyNamed = true;
    for (let i = 0; i < pairTopics.length; i++) {
      const topic = pairTopics[i];
      if ((scan.topicPairs & (1 << i)) === 0 || topic < 0) continue;
      if (safetyNamed && topics[topic].kind !== 'safety') continue;
      topicScore[topic] = Math.max(topicScore[topic], PAIR_SCORE);
      isGrounded[topic] = 1;
    }
    // Insertion sort into `ranked`, best score first, lower index first on ties: a handful of
    // topics, and no arrays or closures per match.
    let count = 0;
    for (let topic = 0; topic < topics.length; topic++) {
      const score = topicScore[topic];
      if (score < PLAUSIBLE) continue;
      let at = count++;
      while (at > 0 && topicScore[ranked[at - 1]] < score) {
        ranked[at] = ranked[at - 1];
        at -= 1;
      }
      ranked[at] = topic;
    }
    let chosen = -1;
    if (count > 0) {
      const best = ranked[0];
      const bestScore = topicScore[best];
      const bestIsSafety = topics[best].kind === 'safety';
      const bestIsCause = topics[best].kind === 'cause';
      let leadsAll = true;
      for (let r = 1; r < count && leadsAll; r++) {
        const other = ranked[r];
        const guarded =
          topics[other].kind === 'safety' && !bestIsSafety && (bestIsCause || topicScore[other] >= ACCEPT);
        const margin = guarded ? SAFETY_MARGIN : MARGIN;
        leadsAll = bestScore - topicScore[other] >= margin;
      }
      const accountNotCause = scan.offTopic && !namedDocument && bestIsCause;
      const blocked = scan.otherService || accountNotCause;
      if (isGrounded[best] === 1 && bestScore >= ACCEPT && !blocked && leadsAll) chosen = best;
    }
    const alternatives: TopicAlternative[] = [];
    // Another desk's question is none of these: "did you mean the review time?" would mislead.
    for (let r = 0; r < (scan.otherService ? 0 : count) && alternatives.length < MAX_ALTERNATIVES; r++) {
      const index = ranked[r];
      if (index === chosen) continue;
      alternatives.push({
        topic: topics[index].id,
        kind: topics[index].kind,
        confidence: round(Math.min(topicScore[index], 1)),
      });
    }
    if (chosen < 0) return { topic: null, kind: null, confidence: 0, alternatives };
    const topic = topics[chosen];
    return { topic: topic.id, kind: topic.kind, confidence: round(Math.min(topicScore[chosen], 1)), alternatives };
  }

  return {
    /**
     * "Verification failed: Document expired. Please try again." is judged by what is left
     * without the framing words, which would otherwise outweigh a short prompt; when that names
     * nothing ("Face verification failed" loses its "verification failed"), by the whole text.
     */
    match(text: string, language?: Language): TopicMatch {
      const clipped = text.slice(0, MAX_INPUT_CHARS);
      const folded = foldForFeatures(clipped);
      const { bare, ...scan } = scanPhrases(folded);
      const marked = hasVietnameseMarks(clipped, language) ? tones.text(clipped) : undefined;
      // Marked Vietnamese may fold onto another topic's trigger ("đòi" and "đổi" both fold to "doi").
      const whole =
        scan.offTopic || scan.otherService || marked
          ? undefined
          : (wholeTriggers.get(folded) ?? (bare === undefined ? undefined : wholeTriggers.get(bare)));
      if (whole !== undefined && whole >= 0) {
        const topic = topics[whole];
        return { topic: topic.id, kind: topic.kind, confidence: 1, alternatives: [] };
      }
      if (bare) {
        const match = decide(read(bare, language, scan.namesTwoDocuments, marked), language, scan);
        if (match.topic) return match;
      }
      return decide(read(folded, language, scan.namesTwoDocuments, marked), language, scan);
    },
  };
}
