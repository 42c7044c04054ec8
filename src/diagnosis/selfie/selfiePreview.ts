import sharp from 'sharp';
import type { RawImage } from '../photo/decodePhoto';
import type { DetectedFace, Side } from './faceMeasures';

export interface SelfieMarks {
  faces: DetectedFace[];
  /** The face's brighter half, shaded warm, and the darker one, shaded cool; absent when lit evenly. */
  brightSide?: Side;
  /** Outline colour: the face box is green when a single face was found. */
  ok: boolean;
}

function rect(left: number, top: number, width: number, height: number, attributes: string): string {
  return `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(2, width).toFixed(1)}" height="${Math.max(2, height).toFixed(1)}" ${attributes}/>`;
}

function overlay(marks: SelfieMarks, factor: number, stroke: number): string {
  const parts: string[] = [];
  const [main] = marks.faces;
  if (main && marks.brightSide) {
    const { left, top, width, height } = main.box;
    const half = (width * factor) / 2;
    const brightLeft = marks.brightSide === 'left';
    parts.push(
      rect(
        left * factor,
        top * factor,
        half,
        height * factor,
        `fill="${brightLeft ? '#ffd21a' : '#1a5cff'}" fill-opacity="0.28"`,
      ),
    );
    parts.push(
      rect(
        left * factor + half,
        top * factor,
        half,
        height * factor,
        `fill="${brightLeft ? '#1a5cff' : '#ffd21a'}" fill-opacity="0.28"`,
      ),
    );
  }
  for (const face of marks.faces) {
    const colour = marks.ok ? '#2dd36f' : '#ff2d2d';
    parts.push(
      rect(
        face.box.left * factor,
        face.box.top * factor,
        face.box.width * factor,
        face.box.height * factor,
        `fill="none" stroke="${colour}" stroke-width="${stroke}"`,
      ),
    );
  }
  return parts.join('');
}

/**
 * A small JPEG of the selfie with the face box and the bright and dark sides marked. Re-encoded
 * from decoded pixels, so no EXIF (GPS, device serials) survives. Boxes are in working-image pixels.
 */
export async function selfiePreview(working: RawImage, marks: SelfieMarks, longSide: number): Promise<Buffer> {
  const base = await sharp(working.data, {
    raw: { width: working.width, height: working.height, channels: working.channels },
  })
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = base.info;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${overlay(marks, width / working.width, Math.max(2, Math.round(width / 200)))}</svg>`;
  return sharp(base.data, { raw: { width, height, channels } })
    .composite([{ input: Buffer.from(svg), left: 0, top: 0 }])
    .jpeg({ quality: 72 })
    .toBuffer();
}
