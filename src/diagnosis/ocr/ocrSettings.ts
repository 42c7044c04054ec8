import { z } from 'zod';
import { MrzBandSettingsSchema } from '../mrz/mrzBands';
import { DOCUMENT_TYPES } from './documentKind';

/** The `ocr` section of dialogs/settings.json: pool sizing and the text checks' thresholds. */
export const ocrSettingsSchema = z.strictObject({
  model: z.enum(['best_int', 'standard']),
  jobsPerWorker: z.number().int().positive(),
  maxQueue: z.number().int().nonnegative(),
  retryAfterSeconds: z.number().int().positive(),
  jobTimeoutMs: z.number().int().positive(),
  maxWaitMs: z.number().int().positive(),
  mrz: z.strictObject({
    bands: MrzBandSettingsSchema,
    /** Width a second look at a page-OCR MRZ is read at. */
    ocrWidth: z.number().int().min(300),
    maxExtraSubstitutions: z.number().int().min(0).max(4),
    maxCandidatesPerGroup: z.number().int().positive(),
  }),
  legibility: z.strictObject({
    ocrWidth: z.number().int().min(300),
    /** Words shorter than this (in letters and digits) are noise, not document text. */
    minWordLength: z.number().int().positive(),
    /** How many of the best-read words the measure averages. */
    sampleWords: z.number().int().positive(),
    failBelow: z.number().min(0).max(100),
    warnBelow: z.number().min(0).max(100),
  }),
  /** Which documents the exchange takes (kyc-failure-guide: no visas, no temporary ID cards). */
  documents: z.strictObject({
    notAccepted: z.array(z.enum(DOCUMENT_TYPES)),
    temporaryIdCardsAccepted: z.boolean(),
  }),
  expiry: z.strictObject({
    warnWithinDays: z.number().int().nonnegative(),
  }),
});
export type OcrSettings = z.infer<typeof ocrSettingsSchema>;
