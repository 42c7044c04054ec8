import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const fraction = z.number().min(0).max(1);

export const FramingSettingsSchema = z.object({
  analysisLongSide: z.number().int().min(100),
  minDocumentFraction: fraction,
  marginFraction: fraction,
  minFillFraction: fraction,
  warnFillFraction: fraction,
});

export const GlareSettingsSchema = z.object({
  analysisWidth: z.number().int().min(100),
  blownLevel: z.number().int().min(1).max(255),
  minSpotFraction: fraction,
  failFraction: fraction,
  warnFraction: fraction,
  textBandFraction: fraction,
});

export const PhotoSettingsSchema = z.object({
  maxInputPixels: z.number().int().positive(),
  /** Long side of the colour working copy every check reads; JPEG shrink-on-load keeps it cheap. */
  workingLongSide: z.number().int().min(800),
  previewLongSide: z.number().int().min(100),
  documentImageWidth: z.number().int().min(400),
  /** HEIC decodes (WASM, in worker threads) allowed at once: each holds a full RGBA frame. */
  heicDecodeConcurrency: z.number().int().min(1),
  /** Worker threads for the JavaScript pixel loops, so they never stall the event loop. */
  pixelWorkers: z.number().int().min(1),
  framing: FramingSettingsSchema,
  blur: z.object({
    normalisedWidth: z.number().int().min(200),
    failBelow: z.number().positive(),
    warnBelow: z.number().positive(),
  }),
  glare: GlareSettingsSchema,
  exposure: z.object({
    darkMedianBelow: z.number().min(0).max(255),
    darkWarnBelow: z.number().min(0).max(255),
    blownLevel: z.number().int().min(1).max(255),
    blownFractionFail: fraction,
    blownFractionWarn: fraction,
    /** The 2nd percentile at or above which even the ink has been lifted to grey. */
    washedOutDarkLevel: z.number().min(0).max(255),
  }),
  cameraMetadata: z.object({
    cameraTags: z.array(z.string()).min(1),
    captureTags: z.array(z.string()).min(1),
  }),
});

const SettingsFileSchema = z.object({
  policy: z.object({
    minimumResolution: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
  }),
  photo: PhotoSettingsSchema,
});

export type PhotoSettings = z.infer<typeof PhotoSettingsSchema> & {
  /** From `policy.minimumResolution`: the policy number the user is told, kept in one place. */
  minimumResolution: { width: number; height: number };
};

/** Validates the parsed `dialogs/settings.json` and returns what the photo checks need. */
export function parsePhotoSettings(settingsFile: unknown): PhotoSettings {
  const parsed = SettingsFileSchema.parse(settingsFile);
  return { ...parsed.photo, minimumResolution: parsed.policy.minimumResolution };
}

/** Reads `dialogs/settings.json` (three levels up from both src/ and dist/ builds). */
export function readPhotoSettings(path: string = join(__dirname, '..', '..', '..', 'dialogs', 'settings.json')): PhotoSettings {
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return parsePhotoSettings(json);
}
