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
  /** Long side of the greyscale copy OCR reads, decoded only when the text checks run. */
  textLongSide: z.number().int().min(800),
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

export type PhotoSettings = z.infer<typeof PhotoSettingsSchema> & {
  /** From `policy.minimumResolution`: the policy number the user is told, kept in one place. */
  minimumResolution: { width: number; height: number };
};
