import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  COMMAND_IDS,
  commandsFileSchema,
  languageTriggersSchema,
  topicFileSchema,
  type Commands,
  type PhrasesByLanguage,
  type Topic,
} from './topicSchema';
import { LANGUAGES, type Language } from '../i18n/locales';
import { recordOf } from '../recordOf';

/** Languages whose phrases live in the topic files and commands.json; the others have dialogs/triggers/<code>.json. */
const INLINE_LANGUAGES: readonly Language[] = ['en', 'zh-CN'];
export const TRIGGERS_SUBDIR = 'triggers';

/** Files in dialogs/ that are not topics. */
const NON_TOPIC_FILES = new Set([
  'settings.json',
  'commands.json',
  'framing.json',
  'off-topic.json',
  'other-services.json',
  'documents.json',
  'other-service-pairs.json',
  'topic-pairs.json',
]);

export interface DialogData {
  topics: Topic[];
  commands: Commands;
  /** The file each topic came from, keyed by topic id, for messages and the file-name rule. */
  files: Map<string, string>;
  /**
   * Words the exchange wraps a failure prompt in ("Verification failed: ... Please try again"),
   * every language's in one list: the matcher looks past them.
   */
  framing: string[];
  /** Words that put a text about the login session or password, not identity verification ("my session expired"). */
  offTopic: string[];
  /**
   * Another service's problem ("code not arriving", "deposit not credited", "withdrawal pending"):
   * a text with one names no topic.
   */
  otherServices: string[];
  /**
   * Per kind of document (dialogs/documents.json), every language's names of it: a text naming
   * two kinds, or "another document", is about switching documents.
   */
  documentKinds: string[][];
  anotherDocument: string[];
  /**
   * Another desk's service and what goes wrong with it (dialogs/other-service-pairs.json), every
   * language's words in one list each: a text with a word of both names no topic.
   */
  otherServicePairs: { services: string[]; states: string[] }[];
  /**
   * Per topic pair (dialogs/topic-pairs.json), its topic and two word sets, every language's words
   * in one list each: a text with a word of both is evidence for the topic in words its triggers
   * may not have ("anyone selling kyc'd accs" is buying a verified account).
   */
  topicPairs: { topic: string; first: string[]; second: string[] }[];
}

/** dialogs/framing.json, off-topic.json and other-services.json: per language, phrases. */
const phrasesByLanguageSchema = z.record(z.enum(LANGUAGES), z.array(z.string().min(2)).min(1));
/** dialogs/documents.json: per kind of document its names, and ways of saying "another document". */
const documentsSchema = z.strictObject({
  kinds: z.record(z.string(), phrasesByLanguageSchema),
  another: phrasesByLanguageSchema,
});

/** dialogs/other-service-pairs.json: per service of another desk, its names and its states per language. */
const servicePairsSchema = z.record(
  z.string(),
  z.strictObject({ services: phrasesByLanguageSchema, states: phrasesByLanguageSchema }),
);

/** dialogs/topic-pairs.json: per pair, its topic and its two word sets per language. */
const topicPairsSchema = z.record(
  z.string(),
  z.strictObject({ topic: z.string(), first: phrasesByLanguageSchema, second: phrasesByLanguageSchema }),
);

/** Every language's phrases of one per-language record, in one list. */
function everyLanguage(byLanguage: Partial<Record<Language, string[]>>): string[] {
  return Object.values(byLanguage).flat();
}

/** A dialogs/ file that cannot be used; the message names the file and, where known, the step. */
export class DialogDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DialogDataError';
  }
}

function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String);
  const stepAt =
    at[0] === 'steps' && at[1]
      ? `step '${at[1]}'${at.length > 2 ? ` (${at.slice(2).join('.')})` : ''}`
      : at.join('.') || '(root)';
  return `${file}: ${stepAt}: ${issue.message}`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DialogDataError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, file: string, label: string): T {
  const result = schema.safeParse(readJson(file));
  if (!result.success)
    throw new DialogDataError(result.error.issues.map((issue) => describeIssue(label, issue)).join('\n'));
  return result.data;
}

function noPhrases(): PhrasesByLanguage {
  return recordOf(LANGUAGES, () => []);
}

/**
 * Adds one language's dialogs/triggers/<code>.json to the topics and commands. A missing file
 * leaves the language without phrases, which the validator reports; an unknown id is an error here.
 */
function addLanguageFile(
  dialogsDir: string,
  language: Language,
  topics: ReadonlyMap<string, Topic>,
  commands: Commands,
): void {
  const file = path.join(dialogsDir, TRIGGERS_SUBDIR, `${language}.json`);
  if (!fs.existsSync(file)) return;
  const label = `dialogs/${TRIGGERS_SUBDIR}/${language}.json`;
  const parsed = parseWith(languageTriggersSchema, file, label);
  const unknown: string[] = [];
  for (const [id, phrases] of Object.entries(parsed.topics)) {
    const topic = topics.get(id);
    if (topic) topic.triggers[language] = phrases;
    else unknown.push(`topic '${id}'`);
  }
  for (const [id, phrases] of Object.entries(parsed.commands)) {
    const command = COMMAND_IDS.find((c) => c === id);
    if (command) commands[command][language] = phrases;
    else unknown.push(`command '${id}'`);
  }
  if (unknown.length) throw new DialogDataError(`${label}: no such ${unknown.join(', ')}`);
}

/** Reads and schema-checks every file in dialogs/; cross-file checks are the validator's job. */
export function loadDialogData(dialogsDir: string): DialogData {
  const files = fs
    .readdirSync(dialogsDir)
    .filter((f) => f.endsWith('.json') && !NON_TOPIC_FILES.has(f))
    .sort();
  const topics: Topic[] = files.map((f) => {
    const { triggers, ...rest } = parseWith(topicFileSchema, path.join(dialogsDir, f), `dialogs/${f}`);
    return { ...rest, triggers: { ...noPhrases(), ...triggers } };
  });
  const inline = parseWith(commandsFileSchema, path.join(dialogsDir, 'commands.json'), 'dialogs/commands.json');
  const commands: Commands = recordOf(COMMAND_IDS, (id) => ({ ...noPhrases(), ...inline[id] }));
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  for (const language of LANGUAGES)
    if (!INLINE_LANGUAGES.includes(language)) addLanguageFile(dialogsDir, language, byId, commands);
  const read = <T>(schema: z.ZodType<T>, file: string): T =>
    parseWith(schema, path.join(dialogsDir, file), `dialogs/${file}`);
  /** Every language's phrases of a dialogs/ phrase file, in one list. */
  const phrases = (file: string): string[] => everyLanguage(read(phrasesByLanguageSchema, file));
  const documents = read(documentsSchema, 'documents.json');
  return {
    topics,
    commands,
    files: new Map(topics.map((topic, i) => [topic.id, `dialogs/${files[i]}`])),
    framing: phrases('framing.json'),
    offTopic: phrases('off-topic.json'),
    otherServices: phrases('other-services.json'),
    documentKinds: Object.values(documents.kinds).map(everyLanguage),
    anotherDocument: everyLanguage(documents.another),
    otherServicePairs: Object.values(read(servicePairsSchema, 'other-service-pairs.json')).map(
      ({ services, states }) => ({ services: everyLanguage(services), states: everyLanguage(states) }),
    ),
    topicPairs: Object.values(read(topicPairsSchema, 'topic-pairs.json')).map(({ topic, first, second }) => ({
      topic,
      first: everyLanguage(first),
      second: everyLanguage(second),
    })),
  };
}

/** Every trigger and command phrase written in one language. */
export function phrasesIn(data: DialogData, language: Language): string[] {
  return [
    ...data.topics.flatMap((topic) => topic.triggers[language]),
    ...Object.values(data.commands).flatMap((phrases) => phrases[language]),
  ];
}
