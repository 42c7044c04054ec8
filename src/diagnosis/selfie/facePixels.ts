import type { Box } from '../photo/checkResult';
import { edgeSharpness } from '../photo/edgeSharpness';
import type { GreyImage } from '../photo/greyImage';
import type { BackgroundMeasures, LightingMeasures } from './faceMeasures';

/** Rec. 601 luma of interleaved RGB. */
export function lumaOf(rgb: Uint8Array, width: number, height: number): GreyImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 3) {
    data[i] = Math.round(0.299 * rgb[p] + 0.587 * rgb[p + 1] + 0.114 * rgb[p + 2]);
  }
  return { data, width, height };
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function clampRect(box: Box, image: GreyImage): Rect {
  return {
    x0: Math.max(0, Math.min(image.width, Math.round(box.left))),
    y0: Math.max(0, Math.min(image.height, Math.round(box.top))),
    x1: Math.max(0, Math.min(image.width, Math.round(box.left + box.width))),
    y1: Math.max(0, Math.min(image.height, Math.round(box.top + box.height))),
  };
}

function meanIn(image: GreyImage, rect: Rect): number {
  let sum = 0;
  let count = 0;
  for (let y = rect.y0; y < rect.y1; y++) {
    for (let x = rect.x0; x < rect.x1; x++) sum += image.data[y * image.width + x];
    count += Math.max(0, rect.x1 - rect.x0);
  }
  return count ? sum / count : 0;
}

function fractionAtLeast(image: GreyImage, rect: Rect, level: number): number {
  let hits = 0;
  let count = 0;
  for (let y = rect.y0; y < rect.y1; y++) {
    for (let x = rect.x0; x < rect.x1; x++) if (image.data[y * image.width + x] >= level) hits++;
    count += Math.max(0, rect.x1 - rect.x0);
  }
  return count ? hits / count : 0;
}

/** Cheeks, eyes and nose without hair or beard: the part the live check's light must reach. */
export function innerFace(face: Box): Box {
  return {
    left: face.left + face.width * 0.15,
    top: face.top + face.height * 0.2,
    width: face.width * 0.7,
    height: face.height * 0.65,
  };
}

/** Head and body: a column under and around the face, which is not background. */
function personMask(image: GreyImage, face: Box): Uint8Array {
  const mask = new Uint8Array(image.width * image.height);
  const head = clampRect(
    {
      left: face.left - face.width * 0.35,
      top: face.top - face.height * 0.45,
      width: face.width * 1.7,
      height: face.height * 1.6,
    },
    image,
  );
  const body = clampRect(
    {
      left: face.left - face.width * 0.9,
      top: face.top + face.height * 0.9,
      width: face.width * 2.8,
      height: image.height,
    },
    image,
  );
  for (const rect of [head, body]) {
    for (let y = rect.y0; y < rect.y1; y++) mask.fill(1, y * image.width + rect.x0, y * image.width + rect.x1);
  }
  return mask;
}

export function measureLighting(image: GreyImage, face: Box, blownLevel: number): LightingMeasures {
  const inner = innerFace(face);
  const half = inner.width / 2;
  const leftMean = meanIn(image, clampRect({ ...inner, width: half }, image));
  const rightMean = meanIn(image, clampRect({ ...inner, left: inner.left + half, width: half }, image));
  const faceMean = meanIn(image, clampRect(inner, image));
  const forehead = clampRect(
    {
      left: face.left + face.width * 0.25,
      top: face.top + face.height * 0.05,
      width: face.width * 0.5,
      height: face.height * 0.2,
    },
    image,
  );
  const brighter = Math.max(leftMean, rightMean, 1);
  const mask = personMask(image, face);
  // Above the shoulders only: a backlight is the window behind the head, not a white shirt.
  const shoulderLine = Math.min(image.height, Math.round(face.top + face.height));
  let sum = 0;
  let count = 0;
  for (let y = 0; y < shoulderLine; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = y * image.width + x;
      if (mask[at]) continue;
      sum += image.data[at];
      count++;
    }
  }
  return {
    faceMean,
    leftMean,
    rightMean,
    unevenness: Math.abs(leftMean - rightMean) / brighter,
    brightSide: leftMean >= rightMean ? 'left' : 'right',
    blownForehead: fractionAtLeast(image, forehead, blownLevel),
    backgroundMean: count > 0.03 * image.width * image.height ? sum / count : null,
  };
}

/** A step of about a tenth of the range between neighbours: an object's edge, not a wall's light falloff or JPEG noise. */
const EDGE_GRADIENT = 24;

/**
 * What is behind the person: the share of background pixels on an edge (shelves, posters, a
 * street, a patterned curtain) and the spread of its luma. A plain wall, whatever its colour and
 * however the light falls off across it, has almost no edges.
 */
export function measureBackground(image: GreyImage, face: Box): BackgroundMeasures {
  const mask = personMask(image, face);
  const { data, width, height } = image;
  let count = 0;
  let sum = 0;
  let squares = 0;
  let edges = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const at = y * width + x;
      if (mask[at]) continue;
      const v = data[at];
      count++;
      sum += v;
      squares += v * v;
      const gradient = Math.abs(data[at + 1] - data[at - 1]) + Math.abs(data[at + width] - data[at - width]);
      if (gradient >= EDGE_GRADIENT) edges++;
    }
  }
  const area = count / (width * height);
  if (count === 0) return { area, spread: 0, edgeDensity: 0 };
  const mean = sum / count;
  return { area, spread: Math.sqrt(Math.max(0, squares / count - mean * mean)), edgeDensity: edges / count };
}

/** Area-averaged shrink (or copy) of a crop to `targetWidth`, so sharpness compares faces at one scale. */
export function resampleCrop(image: GreyImage, box: Box, targetWidth: number): GreyImage {
  const rect = clampRect(box, image);
  const cropWidth = Math.max(1, rect.x1 - rect.x0);
  const cropHeight = Math.max(1, rect.y1 - rect.y0);
  const factor = Math.max(1, cropWidth / targetWidth);
  const width = Math.max(1, Math.floor(cropWidth / factor));
  const height = Math.max(1, Math.floor(cropHeight / factor));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy0 = rect.y0 + Math.floor(y * factor);
    const sy1 = Math.min(rect.y1, Math.max(sy0 + 1, rect.y0 + Math.floor((y + 1) * factor)));
    for (let x = 0; x < width; x++) {
      const sx0 = rect.x0 + Math.floor(x * factor);
      const sx1 = Math.min(rect.x1, Math.max(sx0 + 1, rect.x0 + Math.floor((x + 1) * factor)));
      let sum = 0;
      for (let sy = sy0; sy < sy1; sy++) for (let sx = sx0; sx < sx1; sx++) sum += image.data[sy * image.width + sx];
      data[y * width + x] = Math.round(sum / ((sy1 - sy0) * (sx1 - sx0)));
    }
  }
  return { data, width, height };
}

/** The document photo check's contrast-independent edge sharpness, on the inner face at a fixed width. */
export function measureFaceSharpness(image: GreyImage, face: Box, width: number): number {
  return edgeSharpness(resampleCrop(image, innerFace(face), width));
}
