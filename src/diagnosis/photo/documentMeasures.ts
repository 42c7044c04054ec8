import { edgeSharpness } from './edgeSharpness';
import { findGlareSpots, type GlareSpots } from './glareSpots';
import { histogram, type GreyImage } from './greyImage';
import type { PhotoSettings } from './photoSettings';

export interface DocumentMeasures {
  sharpness: number;
  glare: GlareSpots;
  /** Histogram of the glare-sized copy, for the exposure check. */
  histogram: Uint32Array;
}

/** The JavaScript pixel loops over the document region; pure, so it runs in a worker. */
export function measureDocument(
  sharpnessImage: GreyImage,
  glareImage: GreyImage,
  glare: PhotoSettings['glare'],
): DocumentMeasures {
  return {
    sharpness: edgeSharpness(sharpnessImage),
    glare: findGlareSpots(glareImage, glare),
    histogram: histogram(glareImage),
  };
}
