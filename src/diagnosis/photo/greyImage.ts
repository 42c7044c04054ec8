import sharp from 'sharp';
import type { Box } from './checkResult';

/** 8-bit greyscale, one byte a pixel, row-major. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Crops `box` (clamped to the image) and shrinks it to at most `maxWidth`; never enlarges. */
export async function cropGrey(image: GreyImage, box: Box, maxWidth: number): Promise<GreyImage> {
  return cropGreyTo(image, box, (width) => Math.min(width, maxWidth));
}

/** Crops `box` (clamped to the image) and scales it to the width `widthFor` picks for the crop's own width. */
export async function cropGreyTo(image: GreyImage, box: Box, widthFor: (width: number) => number): Promise<GreyImage> {
  const left = Math.max(0, Math.min(image.width - 1, Math.round(box.left)));
  const top = Math.max(0, Math.min(image.height - 1, Math.round(box.top)));
  const width = Math.max(1, Math.min(image.width - left, Math.round(box.width)));
  const height = Math.max(1, Math.min(image.height - top, Math.round(box.height)));
  return toGreyImage(
    greyPipeline(image)
      .extract({ left, top, width, height })
      .resize({
        width: Math.max(1, Math.round(widthFor(width))),
        kernel: 'lanczos3',
      }),
  );
}

export function greyPipeline(image: GreyImage): sharp.Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
}

/** Runs a pipeline to one byte a pixel; sharp would otherwise widen a one-band raw input to sRGB. */
export async function toGreyImage(pipeline: sharp.Sharp): Promise<GreyImage> {
  const { data, info } = await pipeline
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one band, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

export function histogram(image: GreyImage): Uint32Array {
  const counts = new Uint32Array(256);
  for (const level of image.data) counts[level]++;
  return counts;
}

/** The grey level below which `fraction` of the pixels lie. */
export function percentile(counts: Uint32Array, fraction: number): number {
  let total = 0;
  for (let v = 0; v < 256; v++) total += counts[v];
  const target = fraction * total;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += counts[v];
    if (seen >= target) return v;
  }
  return 255;
}

/** Otsu's threshold: the grey level that best separates two classes. */
export function otsuThreshold(counts: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += counts[v];
    sum += v * counts[v];
  }
  let weightBelow = 0;
  let sumBelow = 0;
  let best = 0;
  let bestVariance = -1;
  for (let v = 0; v < 256; v++) {
    weightBelow += counts[v];
    if (weightBelow === 0) continue;
    const weightAbove = total - weightBelow;
    if (weightAbove === 0) break;
    sumBelow += v * counts[v];
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (sum - sumBelow) / weightAbove;
    const variance = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = v;
    }
  }
  return best;
}

/** Scales a box between coordinate systems (e.g. working copy to full image). */
export function scaleBox(box: Box, factor: number): Box {
  return {
    left: Math.round(box.left * factor),
    top: Math.round(box.top * factor),
    width: Math.max(1, Math.round(box.width * factor)),
    height: Math.max(1, Math.round(box.height * factor)),
  };
}
