import { z } from 'zod';
import type { GreyImage } from '../photo/greyImage';
import { binarise } from './inkMask';
import { sampleBand, type BandSampling } from './mrzBandImage';
import { locateMrzBands, type MrzBandGeometry } from './mrzLocator';

export const MrzBandSettingsSchema = z.strictObject({
  /** The character search runs on a copy no longer than this. */
  searchLongSide: z.number().int().min(300),
  /** Candidate bands handed to OCR at most, best first. */
  maxBands: z.number().int().min(1).max(4),
  /** Character heights, in pixels, the band is cut out at for tesseract, tried in this order. */
  charHeights: z.array(z.number().int().min(12).max(80)).min(1).max(3),
  maxBandWidth: z.number().int().min(400),
});
export type MrzBandSettings = z.infer<typeof MrzBandSettingsSchema>;

/** One cut of a band: where its pixels come from, and the pixels. */
export interface MrzBandView {
  sampling: BandSampling;
  image: GreyImage;
}

/**
 * A candidate MRZ band cut out upright at each configured scale, grey and as a local-threshold
 * black and white copy: tesseract misreads different characters in each, and the check digits
 * pick the right ones.
 */
export interface FoundMrzBand {
  geometry: MrzBandGeometry;
  views: MrzBandView[];
}

/**
 * The MRZ sits in the lower part of every ICAO document, so of the two reading directions a
 * line angle allows, the one that puts the band below the image centre is tried first.
 */
function preferredAngle(band: MrzBandGeometry, image: GreyImage): number {
  const radians = (band.angle * Math.PI) / 180;
  const down = -(band.cx - image.width / 2) * Math.sin(radians) + (band.cy - image.height / 2) * Math.cos(radians);
  return down >= 0 ? band.angle : band.angle + 180;
}

/** Finds MRZ-like bands and cuts each out for OCR. Pure: runs in a pixel worker. */
export function findMrzBands(image: GreyImage, settings: MrzBandSettings): FoundMrzBand[] {
  const bands = locateMrzBands(image, { searchLongSide: settings.searchLongSide, maxCandidates: settings.maxBands });
  return bands.map((geometry) => {
    const angle = preferredAngle(geometry, image);
    const views = settings.charHeights.flatMap((charHeight) => {
      const { image: grey, sampling } = sampleBand(image, geometry, angle, charHeight, settings.maxBandWidth);
      // A window of a few characters follows a shadow across the band without eating the strokes.
      const binary = binarise(grey, (charHeight * 3) | 1, 0.1);
      return [
        { sampling, image: grey },
        { sampling, image: binary },
      ];
    });
    return { geometry, views };
  });
}

/** The same cut turned half a turn (a raster read backwards), for a document held upside down. */
export function halfTurn(view: MrzBandView): MrzBandView {
  const { image, sampling } = view;
  return {
    image: { data: Uint8Array.from(image.data).reverse(), width: image.width, height: image.height },
    sampling: { ...sampling, angle: sampling.angle + 180 },
  };
}
