import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * `npx tsx scripts/checkLanguageData.ts`: checks the language data the helpers write against the English source.
 * - locales/<code>/: the same namespaces and keys as locales/en, identical {{placeholders}}, the same number of
 *   line breaks and `code` spans, and the plural suffixes Intl.PluralRules gives that language;
 * - dialogs/triggers/<code>.json: every topic id with at least 12 phrases, every command id and language switch;
 * - test/conversation/utterances/<code>.json: parses, valid topic ids, coverage, at least 40 % held out, and no
 *   held-out line copied from the triggers.
 * Prints one line per problem and exits 1 if there is any.
 */

const PROJECT_ROOT = path.resolve(__dirname, '..');
const SOURCE_LOCALE = 'en';
const MIN_PHRASES_PER_TOPIC = 12;
const MIN_UTTERANCES = 48;
const MIN_HOLDOUT_SHARE = 0.4;
const MIN_OUT_OF_SCOPE = 6;
/** Their labelled sets predate the language contract and its holdout share. */
const PRE_CONTRACT_LANGUAGES = new Set(['en', 'zh-CN']);
/** The language-switch command ids of the ten conversation locales (LANG-CONTRACT.md). */
export const LANGUAGE_COMMAND_IDS = [
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
] as const;
const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
type PluralCategory = (typeof PLURAL_SUFFIXES)[number];

const jsonObjectSchema = z.record(z.string(), z.unknown());
const topicFileSchema = z.object({ id: z.string(), kind: z.enum(['cause', 'faq', 'safety']) });
const triggerFileSchema = z.strictObject({
  topics: z.record(z.string(), z.array(z.string())),
  commands: z.record(z.string(), z.array(z.string())),
});
const utteranceSchema = z.strictObject({
  text: z.string().min(1),
  locale: z.string(),
  topic: z.string().nullable(),
  holdout: z.boolean().optional(),
});

/** The dialogs/ files that are not topics (as src/conversation/topicLoader.ts reads them). */
const NON_TOPIC_FILES = new Set(['commands.json', 'settings.json', 'framing.json']);

interface Topic {
  id: string;
  kind: 'cause' | 'faq' | 'safety';
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function jsonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** Flattens nested locale objects to dotted keys; a non-string leaf is reported as a problem. */
function flatten(value: unknown, prefix: string, out: Map<string, string>, problems: string[], where: string): void {
  const parsed = jsonObjectSchema.safeParse(value);
  if (!parsed.success) {
    problems.push(`${where}: ${prefix || '(root)'} must be an object`);
    return;
  }
  for (const [key, child] of Object.entries(parsed.data)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out.set(dotted, child);
    else flatten(child, dotted, out, problems, where);
  }
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** A plural form only when English has the `_other` form of the same base (so `date_leading_zero` is no plural). */
function pluralSplit(key: string, source: Map<string, string>): { base: string; category: PluralCategory } | undefined {
  for (const category of PLURAL_SUFFIXES) {
    const base = key.slice(0, -category.length - 1);
    if (key.endsWith(`_${category}`) && source.has(`${base}_other`)) return { base, category };
  }
  return undefined;
}

/** Categories whole counts actually select (so a translation must have them), and all the language allows. */
export function pluralCategoriesFor(locale: string): { required: Set<string>; allowed: Set<string> } {
  const rules = new Intl.PluralRules(locale);
  const required = new Set<string>(['other']);
  for (let count = 0; count <= 1000; count += 1) required.add(rules.select(count));
  return { required, allowed: new Set(rules.resolvedOptions().pluralCategories) };
}

function loadNamespaces(dir: string, problems: string[]): Map<string, Map<string, string>> {
  const namespaces = new Map<string, Map<string, string>>();
  for (const file of jsonFiles(dir)) {
    const where = path.relative(PROJECT_ROOT, path.join(dir, file));
    const keys = new Map<string, string>();
    try {
      flatten(readJson(path.join(dir, file)), '', keys, problems, where);
    } catch (error) {
      problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    namespaces.set(file.replace(/\.json$/, ''), keys);
  }
  return namespaces;
}

function sameStructure(where: string, key: string, source: string, translated: string, problems: string[]): void {
  const expected = placeholders(source).join(', ');
  const actual = placeholders(translated).join(', ');
  if (expected !== actual) problems.push(`${where}: ${key} has placeholders [${actual}], en has [${expected}]`);
  if (countOf(source, '\n') !== countOf(translated, '\n')) {
    problems.push(`${where}: ${key} has ${countOf(translated, '\n')} line breaks, en has ${countOf(source, '\n')}`);
  }
  if (countOf(source, '`') !== countOf(translated, '`')) {
    problems.push(`${where}: ${key} has ${countOf(translated, '`')} backticks, en has ${countOf(source, '`')}`);
  }
  if (translated.trim() === '') problems.push(`${where}: ${key} is empty`);
}

function checkNamespace(
  locale: string,
  namespace: string,
  source: Map<string, string>,
  translated: Map<string, string>,
  problems: string[],
): void {
  const where = `locales/${locale}/${namespace}.json`;
  const { required, allowed } = pluralCategoriesFor(locale);
  const pluralBases = new Map<string, string>();
  for (const [key, text] of source) {
    const plural = pluralSplit(key, source);
    if (plural) {
      if (plural.category === 'other' || !pluralBases.has(plural.base)) pluralBases.set(plural.base, text);
      continue;
    }
    const value = translated.get(key);
    if (value === undefined) problems.push(`${where}: missing ${key}`);
    else sameStructure(where, key, text, value, problems);
  }
  for (const [base, text] of pluralBases) {
    for (const category of required) {
      if (!translated.has(`${base}_${category}`)) problems.push(`${where}: missing plural ${base}_${category}`);
    }
    for (const category of PLURAL_SUFFIXES) {
      const value = translated.get(`${base}_${category}`);
      if (value !== undefined) sameStructure(where, `${base}_${category}`, text, value, problems);
    }
  }
  for (const key of translated.keys()) {
    const plural = pluralSplit(key, source);
    if (plural) {
      if (!allowed.has(plural.category)) problems.push(`${where}: ${key}: ${locale} has no "${plural.category}" form`);
    } else if (!source.has(key)) problems.push(`${where}: extra key ${key}`);
  }
}

export function checkLocales(root: string, problems: string[]): void {
  const localesDir = path.join(root, 'locales');
  const source = loadNamespaces(path.join(localesDir, SOURCE_LOCALE), problems);
  const codes = fs
    .readdirSync(localesDir)
    .filter((entry) => entry !== SOURCE_LOCALE && fs.statSync(path.join(localesDir, entry)).isDirectory());
  for (const locale of codes.sort()) {
    const translated = loadNamespaces(path.join(localesDir, locale), problems);
    for (const namespace of source.keys()) {
      if (!translated.has(namespace)) problems.push(`locales/${locale}: missing namespace ${namespace}.json`);
    }
    for (const [namespace, keys] of translated) {
      const sourceKeys = source.get(namespace);
      if (sourceKeys) checkNamespace(locale, namespace, sourceKeys, keys, problems);
      else problems.push(`locales/${locale}: extra namespace ${namespace}.json`);
    }
  }
}

function loadTopics(root: string): Topic[] {
  const dialogsDir = path.join(root, 'dialogs');
  return jsonFiles(dialogsDir)
    .filter((file) => !NON_TOPIC_FILES.has(file))
    .map((file) => topicFileSchema.parse(readJson(path.join(dialogsDir, file))));
}

function commandIds(root: string): string[] {
  const commands = Object.keys(jsonObjectSchema.parse(readJson(path.join(root, 'dialogs', 'commands.json'))));
  return [...new Set([...commands, ...LANGUAGE_COMMAND_IDS])];
}

/** Lower case, no punctuation, single spaces: what "the same wording" means for the copy check. */
function normalisePhrase(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function checkPhraseList(where: string, id: string, phrases: string[], minimum: number, problems: string[]): void {
  if (phrases.length < minimum) problems.push(`${where}: ${id} has ${phrases.length} phrases, needs ${minimum}`);
  const seen = new Set<string>();
  for (const phrase of phrases) {
    const normal = normalisePhrase(phrase);
    if (normal === '') problems.push(`${where}: ${id} has an empty phrase`);
    else if (seen.has(normal)) problems.push(`${where}: ${id} lists "${phrase}" twice`);
    seen.add(normal);
  }
}

/** As the engine's person-request detector: short messages (up to 7 words) containing a `human` phrase. */
const MAX_WORDS_FOR_PERSON_REQUEST = 7;

function containsPhrase(text: string, phrase: string): boolean {
  if (/\p{Script=Han}/u.test(phrase)) return text.includes(phrase);
  return ` ${text} `.includes(` ${phrase} `);
}

/** A topic phrase that contains a way of asking for a person never reaches its topic: the engine hands it over. */
function checkPersonRequestOverlap(
  where: string,
  topics: Record<string, string[]>,
  personPhrases: string[],
  problems: string[],
): void {
  const asks = personPhrases.map(normalisePhrase).filter(Boolean);
  for (const [id, phrases] of Object.entries(topics)) {
    for (const phrase of phrases) {
      const said = normalisePhrase(phrase);
      const ask = asks.find((candidate) => containsPhrase(said, candidate));
      if (ask !== undefined && said.split(' ').length <= MAX_WORDS_FOR_PERSON_REQUEST) {
        problems.push(`${where}: ${id} phrase "${phrase}" contains the person request "${ask}"`);
      }
    }
  }
}

/** Returns the normalised trigger phrases per language, for the utterance copy check. */
export function checkTriggers(root: string, problems: string[]): Map<string, Set<string>> {
  const triggersDir = path.join(root, 'dialogs', 'triggers');
  const topics = loadTopics(root).map((topic) => topic.id);
  const commands = commandIds(root);
  const phrasesByCode = new Map<string, Set<string>>();
  for (const file of jsonFiles(triggersDir)) {
    const where = `dialogs/triggers/${file}`;
    const parsed = triggerFileSchema.safeParse(readJson(path.join(triggersDir, file)));
    if (!parsed.success) {
      problems.push(`${where}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
      continue;
    }
    const ownerOf = new Map<string, string>();
    for (const id of topics) checkPhraseList(where, id, parsed.data.topics[id] ?? [], MIN_PHRASES_PER_TOPIC, problems);
    for (const id of commands) checkPhraseList(where, id, parsed.data.commands[id] ?? [], 1, problems);
    for (const [group, known, lists] of [
      ['topic', topics, parsed.data.topics],
      ['command', commands, parsed.data.commands],
    ] as const) {
      for (const [id, phrases] of Object.entries(lists)) {
        if (!known.includes(id)) problems.push(`${where}: unknown ${group} id ${id}`);
        for (const phrase of phrases) {
          const normal = normalisePhrase(phrase);
          const owner = ownerOf.get(normal);
          if (owner !== undefined && owner !== id) problems.push(`${where}: "${phrase}" is both ${owner} and ${id}`);
          ownerOf.set(normal, id);
        }
      }
    }
    checkPersonRequestOverlap(where, parsed.data.topics, parsed.data.commands.human ?? [], problems);
    phrasesByCode.set(file.replace(/\.json$/, ''), new Set(ownerOf.keys()));
  }
  return phrasesByCode;
}

export function checkUtterances(root: string, triggerPhrases: Map<string, Set<string>>, problems: string[]): void {
  const dir = path.join(root, 'test', 'conversation', 'utterances');
  const topics = loadTopics(root);
  const known = new Set(topics.map((topic) => topic.id));
  for (const file of jsonFiles(dir)) {
    const code = file.replace(/\.json$/, '');
    const where = `test/conversation/utterances/${file}`;
    const parsed = z.array(utteranceSchema).safeParse(readJson(path.join(dir, file)));
    if (!parsed.success) {
      problems.push(
        `${where}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
      continue;
    }
    const lines = parsed.data;
    const phrases = triggerPhrases.get(code) ?? new Set<string>();
    const perTopic = new Map<string | null, number>();
    const seen = new Set<string>();
    for (const line of lines) {
      if (line.locale !== code) problems.push(`${where}: "${line.text}" has locale ${line.locale}, file is ${code}`);
      if (line.topic !== null && !known.has(line.topic))
        problems.push(`${where}: "${line.text}": unknown topic ${line.topic}`);
      if (line.holdout === true && phrases.has(normalisePhrase(line.text))) {
        problems.push(`${where}: held-out "${line.text}" is copied from the triggers`);
      }
      if (seen.has(line.text)) problems.push(`${where}: "${line.text}" appears twice`);
      seen.add(line.text);
      perTopic.set(line.topic, (perTopic.get(line.topic) ?? 0) + 1);
    }
    if (lines.length < MIN_UTTERANCES) problems.push(`${where}: ${lines.length} utterances, needs ${MIN_UTTERANCES}`);
    const held = lines.filter((line) => line.holdout === true).length;
    if (!PRE_CONTRACT_LANGUAGES.has(code) && held < lines.length * MIN_HOLDOUT_SHARE)
      problems.push(`${where}: only ${held}/${lines.length} held out`);
    for (const topic of topics) {
      const needed = topic.kind === 'cause' ? 3 : 2;
      const count = perTopic.get(topic.id) ?? 0;
      if (count < needed) problems.push(`${where}: ${topic.id} has ${count} utterances, needs ${needed}`);
    }
    const outOfScope = perTopic.get(null) ?? 0;
    if (outOfScope < MIN_OUT_OF_SCOPE)
      problems.push(`${where}: ${outOfScope} out-of-scope lines, needs ${MIN_OUT_OF_SCOPE}`);
  }
}

export function checkLocaleParity(root = PROJECT_ROOT): string[] {
  const problems: string[] = [];
  checkLocales(root, problems);
  const triggerPhrases = checkTriggers(root, problems);
  checkUtterances(root, triggerPhrases, problems);
  return problems;
}

if (require.main === module) {
  const problems = checkLocaleParity();
  for (const problem of problems) console.log(problem);
  console.log(problems.length === 0 ? 'Locale parity: OK' : `Locale parity: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
