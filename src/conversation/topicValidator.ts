import { normalizeText } from '../i18n/normalizeText';
import type { DialogData } from './topicLoader';
import { CAUSE_IDS, FAQ_IDS, type Step, type Topic } from './topicSchema';
import { LANGUAGES, LOCALES, type Locale } from '../i18n/locales';
import { checkLocaleParity } from '../i18n/localeParity';
import { TRIGGERS_SUBDIR } from './topicLoader';
import { createPhraseScanner } from './phraseScanner';
import { foldForFeatures } from './textFeatures';

/** LANG-CONTRACT.md: the exact prompts, paraphrases, questions and typos take a dozen phrases at least. */
const MIN_TRIGGERS = 12;

export interface ValidationReport {
  errors: string[];
  warnings: string[];
}

/** Keys the engine itself says (welcome, menu, tips...) must exist too; the caller passes them. */
export interface ValidatorInput {
  data: DialogData;
  localeKeys: (locale: Locale) => Set<string>;
  engineKeys: readonly string[];
  /** Every text per locale; with it, key parity, placeholders and plural forms are checked too. */
  localeTexts?: (locale: Locale) => ReadonlyMap<string, string>;
}

/** Where a language's phrases are written, for messages. */
function phraseFile(language: string, inline: string): string {
  return language === 'en' || language === 'zh-CN' ? inline : `dialogs/${TRIGGERS_SUBDIR}/${language}.json`;
}

function nextsOf(step: Step): string[] {
  switch (step.type) {
    case 'ask':
      return step.choices.map((c) => c.next);
    case 'selfieCheck':
      return [step.next, step.repeatedFailures.next];
    case 'escalate':
    case 'goto':
    case 'end':
      return [];
    default:
      return [step.next];
  }
}

function keysOf(topic: Topic): string[] {
  const keys = [topic.label];
  for (const step of Object.values(topic.steps)) {
    if ('text' in step && step.text) keys.push(...step.text);
    if (step.type === 'ask') keys.push(...step.choices.map((c) => c.label));
    if (step.type === 'escalate') keys.push(step.reason);
  }
  return keys;
}

function checkGraph(topic: Topic, where: string, topicIds: Set<string>, errors: string[]): void {
  const steps = topic.steps;
  if (!steps[topic.start]) errors.push(`${where}: start step '${topic.start}' does not exist`);
  for (const [id, step] of Object.entries(steps)) {
    for (const next of nextsOf(step)) {
      if (!steps[next]) errors.push(`${where}: step '${id}': next '${next}' does not exist`);
    }
    if (step.type === 'goto' && !topicIds.has(step.topic))
      errors.push(`${where}: step '${id}': goto topic '${step.topic}' does not exist`);
  }
  const reachable = new Set<string>();
  const queue = steps[topic.start] ? [topic.start] : [];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (reachable.has(id) || !steps[id]) continue;
    reachable.add(id);
    queue.push(...nextsOf(steps[id]));
  }
  for (const id of Object.keys(steps))
    if (!reachable.has(id)) errors.push(`${where}: step '${id}' is unreachable from '${topic.start}'`);

  // Every path ends: from each reachable step some terminal step (end, escalate, goto) can be reached.
  const ends = new Set(
    Object.entries(steps)
      .filter(([, s]) => nextsOf(s).length === 0)
      .map(([id]) => id),
  );
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, step] of Object.entries(steps)) {
      if (!ends.has(id) && nextsOf(step).some((n) => ends.has(n))) {
        ends.add(id);
        grew = true;
      }
    }
  }
  for (const id of reachable) if (!ends.has(id)) errors.push(`${where}: step '${id}' never reaches an end`);
  if (topic.kind === 'safety' && Object.values(steps).some((s) => s.type === 'end' && s.tips)) {
    errors.push(`${where}: a safety topic must not end with tips`);
  }
}

/**
 * Cross-checks dialogs/ and locales/ against each other, as `rasa data validate` does: every
 * reference resolves, every step is reachable and every path ends, every key exists in every
 * locale, no phrase belongs to two topics or to a topic and a command.
 */
export function validateDialogData({ data, localeKeys, engineKeys, localeTexts }: ValidatorInput): ValidationReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const topicIds = new Set(data.topics.map((t) => t.id));
  const where = (topic: Topic): string => data.files.get(topic.id) ?? `topic '${topic.id}'`;

  for (const id of [...CAUSE_IDS, ...FAQ_IDS])
    if (!topicIds.has(id)) errors.push(`dialogs/: no topic file for '${id}'`);
  for (const topic of data.topics) {
    const file = data.files.get(topic.id);
    if (file && file !== `dialogs/${topic.id}.json`)
      errors.push(`${file}: file name must be the topic id '${topic.id}'.json`);
    const expectedKind = (CAUSE_IDS as readonly string[]).includes(topic.id)
      ? 'cause'
      : (FAQ_IDS as readonly string[]).includes(topic.id)
        ? 'faq'
        : null;
    if (expectedKind && topic.kind !== expectedKind) errors.push(`${where(topic)}: kind must be '${expectedKind}'`);
    checkGraph(topic, where(topic), topicIds, errors);
  }
  for (const { topic } of data.topicPairs)
    if (!topicIds.has(topic)) errors.push(`dialogs/topic-pairs.json: '${topic}' is not a topic`);

  const usedKeys = new Set<string>(engineKeys);
  for (const topic of data.topics) for (const key of keysOf(topic)) usedKeys.add(key);
  for (const locale of LOCALES) {
    const keys = localeKeys(locale);
    for (const topic of data.topics) {
      for (const key of keysOf(topic))
        if (!keys.has(key)) errors.push(`${where(topic)}: key '${key}' is missing in locales/${locale}`);
    }
    for (const key of engineKeys)
      if (!keys.has(key)) errors.push(`engine: key '${key}' is missing in locales/${locale}`);
  }
  for (const key of localeKeys(LOCALES[0])) {
    if (key.startsWith('topics:') && !usedKeys.has(key)) warnings.push(`locales: key '${key}' is defined but not used`);
  }

  const owner = new Map<string, string>();
  const claim = (phrase: string, by: string, file: string): void => {
    const norm = normalizeText(phrase);
    if (!norm) return;
    const previous = owner.get(norm);
    if (previous && previous !== by)
      errors.push(`${file}: phrase '${phrase}' belongs to both '${previous}' and '${by}'`);
    else owner.set(norm, by);
  };
  for (const [command, phrases] of Object.entries(data.commands)) {
    for (const language of LANGUAGES) {
      const file = phraseFile(language, 'dialogs/commands.json');
      if (phrases[language].length === 0) errors.push(`${file}: command '${command}' has no ${language} phrases`);
      for (const phrase of phrases[language]) claim(phrase, `command ${command}`, file);
    }
  }
  // A trigger with another service's phrase in it could never name its topic.
  const otherService = createPhraseScanner(data);
  for (const topic of data.topics) {
    for (const language of LANGUAGES) {
      const file = phraseFile(language, where(topic));
      const phrases = topic.triggers[language];
      for (const phrase of phrases)
        if (otherService(foldForFeatures(phrase)).otherService)
          errors.push(
            `${file}: trigger '${phrase}' has a phrase of dialogs/other-services.json or a pair of other-service-pairs.json, so it never matches`,
          );
      if (phrases.length === 0) errors.push(`${file}: topic '${topic.id}' has no ${language} triggers`);
      else if (phrases.length < MIN_TRIGGERS)
        warnings.push(`${file}: topic '${topic.id}' has only ${phrases.length} ${language} triggers`);
      for (const phrase of phrases) claim(phrase, topic.id, file);
    }
  }
  if (localeTexts) errors.push(...checkLocaleParity(localeTexts));
  return { errors, warnings };
}
