import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createPersonRequestDetector } from '../src/conversation/phraseIndex';
import { loadDialogData, type DialogData } from '../src/conversation/topicLoader';
import { COMMAND_IDS } from '../src/conversation/topicSchema';
import { pluralCategoriesNeeded } from '../src/i18n/localeParity';
import { isLocale, type Locale } from '../src/i18n/locales';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../src/projectPaths';

/**
 * `npx tsx scripts/checkLocaleParity.ts`: the language contract's checks for the data files the language
 * helpers write, run before every commit. Exits 1 and lists every problem if any file breaks the contract:
 * - locales/<code>/: the namespaces and keys of locales/en, the same {{placeholders}}, line breaks and `code`
 *   spans, and for each plural key the forms the engine needs for that language (and none it cannot have);
 * - dialogs/triggers/<code>.json: every topic (12+ phrases) and every command, no phrase under two ids, and no
 *   topic phrase the engine's person-request detector would take for "talk to a person";
 * - test/conversation/utterances/<code>.json: parses, known topic ids, enough lines per topic and out of scope,
 *   40 %+ held out, no held-out line copied from the triggers, no labelled line taken for a person request.
 */

const REFERENCE_LOCALE = 'en';

/** Where the checked files live; the defaults are the project's, a test points them at a scratch copy. */
export interface LanguageFileDirs {
  dialogsDir: string;
  localesDir: string;
  triggersDir: string;
  utterancesDir: string;
}

export const PROJECT_LANGUAGE_DIRS: LanguageFileDirs = {
  dialogsDir: DIALOGS_DIR,
  localesDir: LOCALES_DIR,
  triggersDir: path.join(DIALOGS_DIR, 'triggers'),
  utterancesDir: path.join(PROJECT_ROOT, 'test', 'conversation', 'utterances'),
};

export interface LanguageFileReport {
  problems: string[];
  /** One line per checked group of files, for the console. */
  summary: string[];
}

const MIN_PHRASES_PER_TOPIC = 12;
const MIN_UTTERANCES = 48;
const MIN_HOLDOUT_SHARE = 0.4;
const MIN_LINES_PER_CAUSE = 3;
const MIN_LINES_PER_OTHER_TOPIC = 2;
const MIN_OUT_OF_SCOPE_LINES = 6;
const PLURAL_SUFFIX = /^(.*)_(zero|one|two|few|many|other)$/;

type Texts = Map<string, string>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function jsonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** Flattens one namespace file to `path.to.key` -> text; anything but nested objects of strings is a problem. */
function flatten(value: Record<string, unknown>, prefix: string, into: Texts, problems: string[], where: string): void {
  for (const [key, child] of Object.entries(value)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (isRecord(child)) flatten(child, full, into, problems, where);
    else if (typeof child === 'string') into.set(full, child);
    else problems.push(`${where} ${full}: expected a string or an object`);
  }
}

function readLocale(dir: string, problems: string[]): Map<string, Texts> {
  const namespaces = new Map<string, Texts>();
  for (const file of jsonFiles(dir)) {
    const where = `locales/${path.basename(dir)}/${file}`;
    const parsed = readJson(path.join(dir, file));
    const texts: Texts = new Map();
    if (isRecord(parsed)) flatten(parsed, '', texts, problems, where);
    else problems.push(`${where}: expected a JSON object`);
    namespaces.set(path.basename(file, '.json'), texts);
  }
  return namespaces;
}

function placeholders(text: string): string {
  return [...new Set([...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]))].sort().join(',');
}

/**
 * The plural keys of en by base: `x_one`/`x_other` is one key `x` whose forms each language chooses.
 * Only a base with an `_other` form counts, so `date_leading_zero` stays an ordinary key.
 */
function pluralBases(texts: Texts): Set<string> {
  const bases = new Set<string>();
  for (const key of texts.keys()) {
    const m = PLURAL_SUFFIX.exec(key);
    if (m && texts.has(`${m[1]}_other`)) bases.add(m[1]);
  }
  return bases;
}

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Placeholders, line breaks (lists, paragraphs) and `code` spans (values to type) must survive translation. */
function compareShape(where: string, key: string, text: string, reference: string, problems: string[]): void {
  if (!text.trim()) problems.push(`${where} ${key}: empty`);
  if (placeholders(text) !== placeholders(reference))
    problems.push(`${where} ${key}: placeholders {${placeholders(text)}} instead of {${placeholders(reference)}}`);
  for (const [needle, name] of [
    ['\n', 'line breaks'],
    ['`', 'backticks'],
  ] as const) {
    if (countOf(text, needle) !== countOf(reference, needle))
      problems.push(`${where} ${key}: ${countOf(text, needle)} ${name}, en has ${countOf(reference, needle)}`);
  }
}

function checkNamespace(code: Locale, ns: string, en: Texts, texts: Texts, problems: string[]): void {
  const where = `locales/${code}/${ns}.json`;
  const enBases = pluralBases(en);
  const needed = pluralCategoriesNeeded(code);
  const possible = new Set<string>(new Intl.PluralRules(code).resolvedOptions().pluralCategories);
  const expected = new Map<string, string>();
  for (const [key, text] of en) {
    const m = PLURAL_SUFFIX.exec(key);
    if (!m || !enBases.has(m[1])) expected.set(key, text);
  }
  for (const base of enBases) {
    const reference = en.get(`${base}_other`) ?? '';
    for (const category of needed) expected.set(`${base}_${category}`, reference);
    for (const category of possible)
      if (texts.has(`${base}_${category}`)) expected.set(`${base}_${category}`, reference);
  }
  for (const [key, reference] of expected) {
    const text = texts.get(key);
    if (text === undefined) problems.push(`${where} ${key}: missing`);
    else compareShape(where, key, text, reference, problems);
  }
  for (const key of texts.keys()) if (!expected.has(key)) problems.push(`${where} ${key}: not a key of en`);
}

/** The agent console's texts (en and zh-CN): for staff, not a conversation locale. */
const STAFF_TEXTS_DIR = 'agent-console';

function checkLocales(localesDir: string, problems: string[]): string[] {
  const codes = fs
    .readdirSync(localesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== STAFF_TEXTS_DIR)
    .map((d) => d.name)
    .sort();
  const en = readLocale(path.join(localesDir, REFERENCE_LOCALE), problems);
  for (const code of codes.filter((c) => c !== REFERENCE_LOCALE)) {
    if (!isLocale(code)) {
      problems.push(`locales/${code}: not a conversation locale (src/i18n/locales.ts)`);
      continue;
    }
    const locale = readLocale(path.join(localesDir, code), problems);
    for (const [ns, texts] of en) {
      const own = locale.get(ns);
      if (own) checkNamespace(code, ns, texts, own, problems);
      else problems.push(`locales/${code}/${ns}.json: missing`);
    }
    for (const ns of locale.keys()) if (!en.has(ns)) problems.push(`locales/${code}/${ns}.json: not a namespace of en`);
  }
  return codes;
}

const phraseList = z.array(z.string().trim().min(1)).min(1);
const triggersSchema = z.strictObject({
  topics: z.record(z.string(), phraseList),
  commands: z.record(z.string(), phraseList),
});

const utterancesSchema = z.array(
  z.strictObject({
    text: z.string().trim().min(1),
    locale: z.string(),
    topic: z.string().nullable(),
    holdout: z.boolean().optional(),
    /** The blind round a held-out line was written in (see test/conversation/labelledUtterances.ts). */
    round: z.number().int().positive().optional(),
  }),
);

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function checkTriggers(
  triggersDir: string,
  topicIds: string[],
  commandIds: string[],
  problems: string[],
): Map<string, Set<string>> {
  const phrasesByCode = new Map<string, Set<string>>();
  for (const file of jsonFiles(triggersDir)) {
    const where = `dialogs/triggers/${file}`;
    const parsed = triggersSchema.safeParse(readJson(path.join(triggersDir, file)));
    if (!parsed.success) {
      problems.push(`${where}: ${describeIssues(parsed.error)}`);
      continue;
    }
    const { topics, commands } = parsed.data;
    for (const id of topicIds) {
      const phrases = topics[id] ?? [];
      if (phrases.length < MIN_PHRASES_PER_TOPIC)
        problems.push(`${where} topics.${id}: ${phrases.length} phrases, at least ${MIN_PHRASES_PER_TOPIC} needed`);
    }
    for (const id of commandIds) if (!commands[id]) problems.push(`${where} commands.${id}: missing`);
    for (const id of Object.keys(topics))
      if (!topicIds.includes(id)) problems.push(`${where} topics.${id}: no such topic`);
    for (const id of Object.keys(commands))
      if (!commandIds.includes(id)) problems.push(`${where} commands.${id}: no such command`);
    const ownerOf = new Map<string, string>();
    for (const [group, lists] of [
      ['topics', topics],
      ['commands', commands],
    ] as const) {
      for (const [id, phrases] of Object.entries(lists)) {
        for (const phrase of phrases) {
          const owner = ownerOf.get(normalise(phrase));
          const here = `${group}.${id}`;
          if (owner === here) problems.push(`${where} ${here}: "${phrase}" twice`);
          else if (owner) problems.push(`${where} ${here}: "${phrase}" is also under ${owner}`);
          ownerOf.set(normalise(phrase), here);
        }
      }
    }
    phrasesByCode.set(path.basename(file, '.json'), new Set(Object.values(topics).flat().map(normalise)));
  }
  return phrasesByCode;
}

/**
 * The quotas (line count, holdout share, lines per topic) are the contract's for the new languages;
 * the sets of the languages whose triggers live in the topic files predate it and are only checked for
 * labels and copied held-out lines.
 */
function checkUtterances(
  utterancesDir: string,
  topicIds: string[],
  causeIds: string[],
  triggerPhrases: Map<string, Set<string>>,
  languagesBeforeContract: Set<string>,
  problems: string[],
): Map<string, string> {
  const summary = new Map<string, string>();
  for (const file of jsonFiles(utterancesDir)) {
    const code = path.basename(file, '.json');
    const where = `test/conversation/utterances/${file}`;
    const parsed = utterancesSchema.safeParse(readJson(path.join(utterancesDir, file)));
    if (!parsed.success) {
      problems.push(`${where}: ${describeIssues(parsed.error)}`);
      continue;
    }
    const lines = parsed.data;
    const perTopic = new Map<string, number>();
    const seen = new Set<string>();
    for (const line of lines) {
      if (line.locale !== code) problems.push(`${where} "${line.text}": locale ${line.locale}, file is ${code}`);
      if (line.topic !== null && !topicIds.includes(line.topic))
        problems.push(`${where} "${line.text}": no such topic ${line.topic}`);
      if (seen.has(line.text)) problems.push(`${where} "${line.text}": twice`);
      seen.add(line.text);
      if (line.holdout && triggerPhrases.get(code)?.has(normalise(line.text)))
        problems.push(`${where} "${line.text}": held out but copied from dialogs/triggers/${code}.json`);
      const topic = line.topic ?? 'null';
      perTopic.set(topic, (perTopic.get(topic) ?? 0) + 1);
    }
    const held = lines.filter((line) => line.holdout).length;
    summary.set(code, `${lines.length} lines, ${held} held out, ${perTopic.get('null') ?? 0} out of scope`);
    if (languagesBeforeContract.has(code)) continue;
    if (lines.length < MIN_UTTERANCES) problems.push(`${where}: ${lines.length} lines, at least ${MIN_UTTERANCES}`);
    if (held < MIN_HOLDOUT_SHARE * lines.length)
      problems.push(`${where}: ${held} of ${lines.length} held out, at least ${MIN_HOLDOUT_SHARE * 100} % needed`);
    for (const id of topicIds) {
      const needed = causeIds.includes(id) ? MIN_LINES_PER_CAUSE : MIN_LINES_PER_OTHER_TOPIC;
      const count = perTopic.get(id) ?? 0;
      if (count < needed) problems.push(`${where}: ${count} lines for ${id}, at least ${needed}`);
    }
    const outOfScope = perTopic.get('null') ?? 0;
    if (outOfScope < MIN_OUT_OF_SCOPE_LINES)
      problems.push(`${where}: ${outOfScope} out-of-scope lines, at least ${MIN_OUT_OF_SCOPE_LINES}`);
  }
  return summary;
}

const inlineTriggersSchema = z.object({ triggers: z.record(z.string(), z.array(z.string())) });

/** Languages whose phrases are written inside the topic files (en, zh-CN) rather than in dialogs/triggers/. */
function inlineLanguages(dialogsDir: string, data: DialogData): Set<string> {
  const languages = new Set<string>();
  for (const label of data.files.values()) {
    const raw = inlineTriggersSchema.parse(readJson(path.join(dialogsDir, path.basename(label))));
    for (const [language, phrases] of Object.entries(raw.triggers)) if (phrases.length) languages.add(language);
  }
  return languages;
}

/**
 * The engine hands a short message that contains a "talk to a person" phrase straight to a person, before any
 * topic is matched: a topic phrase or labelled line that does so would never reach its topic.
 */
function checkPersonRequests(
  data: DialogData,
  utterancesDir: string,
  contractLanguages: (language: string) => boolean,
  problems: string[],
): void {
  const asksForPerson = createPersonRequestDetector(data.commands, data.topics);
  for (const topic of data.topics)
    for (const [language, phrases] of Object.entries(topic.triggers))
      if (contractLanguages(language))
        for (const phrase of phrases)
          if (asksForPerson(phrase))
            problems.push(
              `dialogs/triggers/${language}.json topics.${topic.id}: "${phrase}" is taken for a person request`,
            );
  for (const file of jsonFiles(utterancesDir)) {
    if (!contractLanguages(path.basename(file, '.json'))) continue;
    const parsed = utterancesSchema.safeParse(readJson(path.join(utterancesDir, file)));
    for (const line of parsed.success ? parsed.data : [])
      if (line.topic !== null && asksForPerson(line.text))
        problems.push(
          `test/conversation/utterances/${file} "${line.text}": taken for a person request, not ${line.topic}`,
        );
  }
}

export function checkLanguageFiles(dirs: LanguageFileDirs = PROJECT_LANGUAGE_DIRS): LanguageFileReport {
  const problems: string[] = [];
  const locales = checkLocales(dirs.localesDir, problems);
  let data: DialogData;
  try {
    data = loadDialogData(dirs.dialogsDir);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    return { problems, summary: [`locales: ${locales.join(' ')}`] };
  }
  const topicIds = data.topics.map((t) => t.id);
  const causeIds = data.topics.filter((t) => t.kind === 'cause').map((t) => t.id);
  const commandIds: string[] = [...COMMAND_IDS];

  const triggerPhrases = checkTriggers(dirs.triggersDir, topicIds, commandIds, problems);
  const inline = inlineLanguages(dirs.dialogsDir, data);
  const allPhrases = new Map(triggerPhrases);
  for (const language of inline)
    allPhrases.set(language, new Set(data.topics.flatMap((t) => phrasesOf(t.triggers, language)).map(normalise)));
  const utterances = checkUtterances(dirs.utterancesDir, topicIds, causeIds, allPhrases, inline, problems);
  checkPersonRequests(data, dirs.utterancesDir, (language) => !inline.has(language), problems);

  const summary = [
    `locales: ${locales.join(' ')}`,
    `triggers: ${[...triggerPhrases.keys()].join(' ') || 'none'}`,
    ...[...utterances].map(([code, line]) => `utterances ${code}: ${line}`),
  ];
  return { problems, summary };
}

function phrasesOf(triggers: Partial<Record<string, readonly string[]>>, language: string): readonly string[] {
  return triggers[language] ?? [];
}

function main(): void {
  const { problems, summary } = checkLanguageFiles();
  for (const line of summary) console.log(line);
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exitCode = 1;
  } else {
    console.log('all language files follow the contract');
  }
}

if (require.main === module) main();
