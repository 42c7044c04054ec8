import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { commandsSchema, topicSchema, type Commands, type Topic } from './topicSchema';

/** Files in dialogs/ that are not topics. */
const NON_TOPIC_FILES = new Set(['settings.json', 'commands.json']);

export interface DialogData {
  topics: Topic[];
  commands: Commands;
  /** The file each topic came from, keyed by topic id, for messages and the file-name rule. */
  files: Map<string, string>;
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

/** Reads and schema-checks every file in dialogs/; cross-file checks are the validator's job. */
export function loadDialogData(dialogsDir: string): DialogData {
  const files = fs
    .readdirSync(dialogsDir)
    .filter((f) => f.endsWith('.json') && !NON_TOPIC_FILES.has(f))
    .sort();
  const topics = files.map((f) => parseWith(topicSchema, path.join(dialogsDir, f), `dialogs/${f}`));
  const commands = parseWith(commandsSchema, path.join(dialogsDir, 'commands.json'), 'dialogs/commands.json');
  return { topics, commands, files: new Map(topics.map((topic, i) => [topic.id, `dialogs/${files[i]}`])) };
}
