import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOCALES } from '../../src/i18n/locales';

/** What the user does in one turn: type text, press a button (by its label key), or send an event. */
const userTurn = z.union([
  z.string(),
  z.strictObject({ button: z.string() }),
  z.strictObject({ event: z.string(), value: z.unknown() }),
]);

/** An expected text: an i18n key, rendered in the transcript's locale, optionally with params. */
const expected = z.union([
  z.string(),
  z.strictObject({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
]);

const turnSchema = z.strictObject({
  user: userTurn,
  /** Each must appear in one of the bot's replies to this turn, in order of appearance. */
  expect: z.array(expected).default([]),
  /** Must not appear in any reply to this turn. */
  absent: z.array(expected).default([]),
  /** Button labels the last reply must offer. */
  buttons: z.array(z.string()).default([]),
  /** Plain substrings that must appear (for values not in locales, like a time). */
  contains: z.array(z.string()).default([]),
});

export const transcriptSchema = z.strictObject({
  name: z.string(),
  locale: z.enum(LOCALES),
  /** The activity's timezone, for time-dependent answers. */
  timezone: z.string().optional(),
  /** ISO time the bot's clock is pinned to. */
  now: z.string().optional(),
  turns: z.array(turnSchema).min(1),
});
export type Transcript = z.infer<typeof transcriptSchema>;
export type TranscriptTurn = z.infer<typeof turnSchema>;
export type Expected = z.infer<typeof expected>;

export function loadTranscripts(dir: string): { file: string; transcript: Transcript }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      transcript: transcriptSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))),
    }));
}
