import sharp from 'sharp';
import type { Box } from '../photo/checkResult';
import type { GreyImage } from './ocrJob';

export interface ScaledRegion {
  image: GreyImage;
  /** Region pixels per source pixel. */
  scale: number;
  /** The part of the source that was cut out, clamped to its bounds. */
  region: Box;
}

export function clampBox(box: Box, width: number, height: number): Box {
  const left = Math.max(0, Math.min(width - 1, Math.round(box.left)));
  const top = Math.max(0, Math.min(height - 1, Math.round(box.top)));
  return {
    left,
    top,
    width: Math.max(1, Math.min(width - left, Math.round(box.width))),
    height: Math.max(1, Math.min(height - top, Math.round(box.height))),
  };
}

/** Cuts a region out of a greyscale raster and scales it to a width where tesseract reads well. */
export async function scaleRegion(source: GreyImage, box: Box, targetWidth: number): Promise<ScaledRegion> {
  const region = clampBox(box, source.width, source.height);
  const scale = targetWidth / region.width;
  const { data, info } = await sharp(source.data, { raw: { width: source.width, height: source.height, channels: 1 } })
    .extract(region)
    .resize({ width: Math.max(1, Math.round(targetWidth)), kernel: scale > 1 ? 'cubic' : 'lanczos3' })
    // sharp hands back sRGB after a resize unless told otherwise.
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { image: { data, width: info.width, height: info.height }, scale: info.width / region.width, region };
}
