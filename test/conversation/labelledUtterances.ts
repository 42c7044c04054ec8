import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../../src/i18n/locales';

const utteranceSchema = z.strictObject({
  text: z.string(),
  locale: z.enum(LANGUAGES),
  topic: z.string().nullable(),
  /** Never used to tune triggers or thresholds; its accuracy is reported on its own. */
  holdout: z.boolean().optional(),
  /**
   * Held-out lines written blind in a later round, after the matcher was tuned: how it does on
   * text it has never met, which the whole held-out split (partly older than the tuning) overstates.
   */
  round: z.number().int().positive().optional(),
});
export type LabelledUtterance = z.infer<typeof utteranceSchema>;

/** One file per language (`<code>.json`), written by the people who speak it. */
export const UTTERANCES_DIR = path.join(__dirname, 'utterances');

/** The labelled set shared by the matcher test and bench/promptAccuracy.ts; a file's name is its lines' language. */
export function loadLabelledUtterances(dir = UTTERANCES_DIR): LabelledUtterance[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const rows = z.array(utteranceSchema).parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      const language = path.basename(file, '.json');
      const stray = rows.find((row) => row.locale !== language);
      if (stray) throw new Error(`${file}: "${stray.text}" is labelled ${stray.locale}`);
      return rows;
    });
}
