import { z } from 'zod';

const fraction = z.number().min(0).max(1);
const level = z.number().min(0).max(255);
const degrees = z.number().min(0).max(90);

/** What the face worker needs to measure; the thresholds below stay on the main thread. */
export const FaceAnalysisSettingsSchema = z.object({
  minFaceScore: fraction,
  maxFaces: z.number().int().min(2).max(10),
  /** Faces narrower than this share of the widest one are ignored (a poster, a passer-by far behind). */
  companionFaceFraction: fraction,
  /** The face crop is resampled to this width before sharpness, so the measure does not depend on distance. */
  sharpnessWidth: z.number().int().min(64),
  blownLevel: z.number().int().min(1).max(255),
  documentLocator: z.object({
    analysisLongSide: z.number().int().min(100),
    minDocumentFraction: fraction,
    marginFraction: fraction,
    minFillFraction: fraction,
    warnFillFraction: fraction,
  }),
});
export type FaceAnalysisSettings = z.infer<typeof FaceAnalysisSettingsSchema>;

export const SelfieSettingsSchema = z.object({
  /** Long side of the copy the model and every measure read: the live check itself films at about this size. */
  workingLongSide: z.number().int().min(320),
  previewLongSide: z.number().int().min(100),
  /** Worker threads, each with its own copy of the face model (about 100 MB). */
  workers: z.number().int().min(1),
  /** Selfies checked at once and waiting before the next one is refused (503). */
  concurrency: z.number().int().min(1),
  maxWaiting: z.number().int().min(0),
  retryAfterSeconds: z.number().int().min(1),
  jobTimeoutMs: z.number().int().min(1000),
  analysis: FaceAnalysisSettingsSchema,
  document: z.object({
    /** An ID card (1.59) or passport page (1.42) is this long over its short side. */
    minAspect: z.number().min(1),
    maxAspect: z.number().min(1),
    maxFillFraction: fraction,
    /** A face on a document is a small ID photo: at most this share of the document's width. */
    maxFaceWidthFraction: fraction,
  }),
  faceSize: z.object({
    /** Where the face centre belongs, as a share of the height: selfies frame the head a little above the middle. */
    targetCentreY: fraction,
    failBelow: fraction,
    warnBelow: fraction,
    tooCloseAbove: fraction,
    offCentreFail: fraction,
    offCentreWarn: fraction,
  }),
  lighting: z.object({
    darkFailBelow: level,
    darkWarnBelow: level,
    /** |left − right| over the brighter half of the face. */
    unevenFail: fraction,
    unevenWarn: fraction,
    /** Background brighter than the face by this many levels, while itself bright: a window behind. */
    backlightDifference: level,
    backlightMinBackground: level,
    blownForeheadFail: fraction,
    blownForeheadWarn: fraction,
  }),
  background: z.object({
    /** Share of the background left once the head and body are taken out, below which it is not judged. */
    minArea: fraction,
    /** Share of background pixels on an edge. */
    edgesFail: fraction,
    edgesWarn: fraction,
  }),
  sharpness: z.object({ failBelow: z.number().min(0), warnBelow: z.number().min(0) }),
  pose: z.object({
    maxYaw: degrees,
    maxPitch: degrees,
    maxRoll: degrees,
    warnFraction: fraction,
    minEyeOpenness: z.number().min(0),
  }),
});
export type SelfieSettings = z.infer<typeof SelfieSettingsSchema>;
