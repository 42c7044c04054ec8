import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOCALES } from '../../src/i18n/locales';

const utteranceSchema = z.strictObject({
  text: z.string(),
  locale: z.enum(LOCALES),
  topic: z.string().nullable(),
  /** Never used to tune triggers or thresholds; its accuracy is reported on its own. */
  holdout: z.boolean().optional(),
});
export type LabelledUtterance = z.infer<typeof utteranceSchema>;

export const UTTERANCES_FILE = path.join(__dirname, 'utterances.json');

/** The labelled set shared by the matcher test and bench/promptAccuracy.ts. */
export function loadLabelledUtterances(file = UTTERANCES_FILE): LabelledUtterance[] {
  return z.array(utteranceSchema).parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
