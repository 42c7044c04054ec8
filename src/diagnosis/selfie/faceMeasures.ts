import type { Box } from '../photo/checkResult';

/** One face as the model saw it, in working-image pixels. */
export interface DetectedFace {
  score: number;
  /** Tight box around the face mesh (forehead to chin, ear to ear). */
  box: Box;
  /** Head rotation in degrees. */
  yaw: number;
  pitch: number;
  roll: number;
  /** Eye opening over eye width, the more closed eye of the two. */
  eyeOpenness: number;
}

export type Side = 'left' | 'right';

export interface LightingMeasures {
  /** Mean luma (0–255) of the inner face. */
  faceMean: number;
  leftMean: number;
  rightMean: number;
  /** |left − right| over the brighter half. */
  unevenness: number;
  /** The brighter side in the image (the user's own right is the image's left for a selfie). */
  brightSide: Side;
  /** Share of forehead pixels at or above the blown level. */
  blownForehead: number;
  /** Mean luma of the background above the shoulders; null when the face fills the frame. */
  backgroundMean: number | null;
}

export interface BackgroundMeasures {
  /** Share of the frame that is background (head and body taken out). */
  area: number;
  /** Standard deviation of the background's luma. */
  spread: number;
  /** Share of background pixels on an edge: near 0 for a plain wall, a few percent for a room or street. */
  edgeDensity: number;
}

/** Everything the worker measured; the checks judge it against settings on the main thread. */
export interface FaceMeasures {
  width: number;
  height: number;
  faces: DetectedFace[];
  /** Where a card-shaped blob is, if any (a photo of an ID document instead of a selfie). */
  document: { box: Box; fillFraction: number; cutEdges: number } | null;
  /** Measured on the main face only (the largest); absent with no face. */
  lighting?: LightingMeasures;
  background?: BackgroundMeasures;
  sharpness?: number;
}
