import sharp from 'sharp';
import type { GreyImage } from '../../../src/diagnosis/ocr/ocrJob';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Draws MRZ lines (DejaVu Sans Mono stands in for OCR-B, which is not installed) near the
 * bottom of a plain light card, optionally with ordinary printed text above, as greyscale raw.
 */
export async function drawMrzCard(
  lines: readonly string[],
  options: { width?: number; printedText?: readonly string[] } = {},
): Promise<GreyImage> {
  const width = options.width ?? 1000;
  const height = Math.round(width * 0.7);
  const fontSize = Math.round((width * 0.92) / (lines[0].length * 0.6));
  const lineHeight = Math.round(fontSize * 1.35);
  const mrzTop = height - lineHeight * lines.length - Math.round(fontSize * 0.8);
  const mrz = lines
    .map(
      (line, i) =>
        `<text x="${Math.round(width * 0.04)}" y="${mrzTop + lineHeight * (i + 1)}" font-family="DejaVu Sans Mono" font-size="${fontSize}" fill="#111">${escapeXml(line)}</text>`,
    )
    .join('');
  const printed = (options.printedText ?? [])
    .map(
      (line, i) =>
        `<text x="${Math.round(width * 0.35)}" y="${Math.round(height * 0.15) + i * Math.round(fontSize * 1.6)}" font-family="DejaVu Sans" font-size="${Math.round(fontSize * 0.9)}" fill="#222">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#e8e4da"/>${printed}${mrz}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export interface CardDegradation {
  /** Clockwise turn in degrees: a quarter turn, a document upside down, or a skew. */
  rotate?: number;
  /** Width the card is shrunk to afterwards (a small, low-resolution photo). */
  shrinkTo?: number;
  /** A shadow darkening the card from one side to the other (uneven light). */
  shadow?: boolean;
}

/** The card as a camera might see it: turned on a light table, shrunk, shadowed. Greyscale raw. */
export async function degradeCard(card: GreyImage, degradation: CardDegradation): Promise<GreyImage> {
  let image = sharp(card.data, { raw: { width: card.width, height: card.height, channels: 1 } });
  if (degradation.shadow) {
    // Multiplied in, from full light on the left to a deep shadow on the right.
    const shade = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${card.width}" height="${card.height}"><defs><linearGradient id="s"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#3a3a3a"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#s)"/></svg>`,
    );
    const { data } = await image.png().toBuffer({ resolveWithObject: true });
    image = sharp(data).composite([{ input: shade, blend: 'multiply' }]);
  }
  if (degradation.rotate)
    image = sharp(await image.png().toBuffer()).rotate(degradation.rotate, { background: '#d8d8d0' });
  if (degradation.shrinkTo) image = sharp(await image.png().toBuffer()).resize({ width: degradation.shrinkTo });
  const { data, info } = await image.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
