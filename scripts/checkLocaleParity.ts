import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadDialogData } from '../src/conversation/topicLoader';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../src/projectPaths';

/**
 * `npx tsx scripts/checkLocaleParity.ts`: the language contract's checks for the data files the language
 * helpers write, run before every commit. Exits 1 and lists every problem if any file breaks the contract:
 * - locales/<code>/: the namespaces and keys of locales/en, the same {{placeholders}}, and for each plural
 *   key exactly the forms Intl.PluralRules gives that language;
 * - dialogs/triggers/<code>.json: every topic (12+ phrases) and every command, non-empty;
 * - test/conversation/utterances/<code>.json: parses, known topic ids, enough lines per topic, 40 %+ held out,
 *   and no held-out line copied from that language's triggers.
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

/** The language-switch command ids the contract fixes, one per conversation locale. */
const LANGUAGE_COMMAND_IDS = [
  'language_en',
  'language_zh',
  'language_zh_tw',
  'language_es',
  'language_ru',
  'language_pt_br',
  'language_fr',
  'language_tr',
  'language_vi',
  'language_id',
];
const MIN_PHRASES_PER_TOPIC = 12;
const MIN_UTTERANCES = 48;
const MIN_HOLDOUT_SHARE = 0.4;
const MIN_LINES_PER_CAUSE = 3;
const MIN_LINES_PER_OTHER_TOPIC = 2;
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

function checkNamespace(code: string, ns: string, en: Texts, texts: Texts, problems: string[]): void {
  const where = `locales/${code}/${ns}.json`;
  const enBases = pluralBases(en);
  const required = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
  const expected = new Map<string, string>();
  for (const [key, text] of en) {
    const m = PLURAL_SUFFIX.exec(key);
    if (m && enBases.has(m[1])) continue;
    expected.set(key, text);
  }
  for (const base of enBases) {
    const reference = en.get(`${base}_other`) ?? '';
    for (const category of required) expected.set(`${base}_${category}`, reference);
  }
  for (const [key, reference] of expected) {
    const text = texts.get(key);
    if (text === undefined) problems.push(`${where} ${key}: missing`);
    else if (!text.trim()) problems.push(`${where} ${key}: empty`);
    else if (placeholders(text) !== placeholders(reference))
      problems.push(`${where} ${key}: placeholders {${placeholders(text)}} instead of {${placeholders(reference)}}`);
  }
  for (const key of texts.keys()) if (!expected.has(key)) problems.push(`${where} ${key}: not a key of en`);
}

function checkLocales(localesDir: string, problems: string[]): string[] {
  const codes = fs
    .readdirSync(localesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const en = readLocale(path.join(localesDir, REFERENCE_LOCALE), problems);
  for (const code of codes.filter((c) => c !== REFERENCE_LOCALE)) {
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
    for (const [group, lists] of [
      ['topics', topics],
      ['commands', commands],
    ] as const) {
      for (const [id, phrases] of Object.entries(lists)) {
        const seen = new Set<string>();
        for (const phrase of phrases) {
          if (seen.has(normalise(phrase))) problems.push(`${where} ${group}.${id}: "${phrase}" twice`);
          seen.add(normalise(phrase));
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
  }
  return summary;
}

function phrasesOf(triggers: Record<string, readonly string[]>, code: string): readonly string[] {
  return triggers[code] ?? [];
}

export function checkLanguageFiles(dirs: LanguageFileDirs = PROJECT_LANGUAGE_DIRS): LanguageFileReport {
  const problems: string[] = [];
  const data = loadDialogData(dirs.dialogsDir);
  const topicIds = data.topics.map((t) => t.id);
  const causeIds = data.topics.filter((t) => t.kind === 'cause').map((t) => t.id);
  const commandIds = [...new Set([...Object.keys(data.commands), ...LANGUAGE_COMMAND_IDS])];

  const locales = checkLocales(dirs.localesDir, problems);
  const triggerPhrases = checkTriggers(dirs.triggersDir, topicIds, commandIds, problems);
  const inTopicFiles = new Set(data.topics.flatMap((t) => Object.keys(t.triggers)));
  const allPhrases = new Map(triggerPhrases);
  for (const code of inTopicFiles)
    allPhrases.set(code, new Set(data.topics.flatMap((t) => phrasesOf(t.triggers, code)).map(normalise)));
  const utterances = checkUtterances(dirs.utterancesDir, topicIds, causeIds, allPhrases, inTopicFiles, problems);

  const summary = [
    `locales: ${locales.join(' ')}`,
    `triggers: ${[...triggerPhrases.keys()].join(' ') || 'none'}`,
    ...[...utterances].map(([code, line]) => `utterances ${code}: ${line}`),
  ];
  return { problems, summary };
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
