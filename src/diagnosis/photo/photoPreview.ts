import sharp from 'sharp';
import type { Box } from './checkResult';
import type { RawImage } from './decodePhoto';

export interface PreviewMarks {
  glare: Box[];
  cutEdges: Box[];
  text: Box[];
}

const COLOURS: readonly [keyof PreviewMarks, string][] = [
  ['glare', '#ff2d2d'],
  ['cutEdges', '#ff9f1a'],
  ['text', '#2d8cff'],
];

function rectangles(marks: PreviewMarks, factor: number, strokeWidth: number): string {
  const parts: string[] = [];
  for (const [kind, colour] of COLOURS) {
    for (const box of marks[kind]) {
      parts.push(
        `<rect x="${(box.left * factor).toFixed(1)}" y="${(box.top * factor).toFixed(1)}" width="${Math.max(2, box.width * factor).toFixed(1)}" height="${Math.max(2, box.height * factor).toFixed(1)}" fill="none" stroke="${colour}" stroke-width="${strokeWidth}"/>`,
      );
    }
  }
  return parts.join('');
}

/** The photo shrunk to the preview's size, decoded pixels only. */
export async function previewBase(working: RawImage, longSide: number): Promise<RawImage> {
  const { data, info } = await sharp(working.data, {
    raw: { width: working.width, height: working.height, channels: working.channels },
  })
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: working.channels };
}

const QUALITY = 72;

/** The preview of a photo with nothing to outline, encoded while the checks still run. */
export function plainPreview(base: RawImage): Promise<Buffer> {
  return sharp(base.data, { raw: { width: base.width, height: base.height, channels: base.channels } })
    .jpeg({ quality: QUALITY })
    .toBuffer();
}

/**
 * A small JPEG of the photo with the problem areas outlined. Built from the decoded pixels, so no
 * EXIF (GPS, serial numbers) can survive into it. Boxes are in full-image coordinates.
 */
export async function markPreview(base: RawImage, fullWidth: number, marks: PreviewMarks): Promise<Buffer> {
  const { width, height } = base;
  const overlay = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${rectangles(marks, width / fullWidth, Math.max(2, Math.round(width / 250)))}</svg>`,
  );
  return sharp(base.data, { raw: { width, height, channels: base.channels } })
    .composite([{ input: overlay, left: 0, top: 0 }])
    .jpeg({ quality: QUALITY })
    .toBuffer();
}
