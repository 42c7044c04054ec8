import type { GreyImage } from '../photo/greyImage';
import type { MrzBandGeometry } from './mrzLocator';

/** How a band was cut out: its pixels map back to the source through these. */
export interface BandSampling {
  angle: number;
  cx: number;
  cy: number;
  /** Band pixels per source pixel. */
  scale: number;
  width: number;
  height: number;
}

/**
 * Cuts the band out of `source` upright (reading direction `angle`), scaled so a character is
 * `charHeight` pixels tall, by bilinear sampling: deskew, the quarter turns and the upscaling of a
 * small photo happen in one pass.
 */
export function sampleBand(
  source: GreyImage,
  band: MrzBandGeometry,
  angle: number,
  charHeight: number,
  maxWidth: number,
): { image: GreyImage; sampling: BandSampling } {
  const scale = Math.min(charHeight / Math.max(1, band.charSize), maxWidth / Math.max(1, band.length));
  const width = Math.max(8, Math.round(band.length * scale));
  const height = Math.max(8, Math.round(band.thickness * scale));
  const radians = (angle * Math.PI) / 180;
  const dx = Math.cos(radians) / scale;
  const dy = Math.sin(radians) / scale;
  // "Down" in the band is the reading direction turned a quarter clockwise.
  const nx = -dy;
  const ny = dx;
  const { data, width: sw, height: sh } = source;
  const out = new Uint8Array(width * height);
  for (let j = 0; j < height; j++) {
    const oy = j - height / 2;
    for (let i = 0; i < width; i++) {
      const ox = i - width / 2;
      const x = band.cx + ox * dx + oy * nx;
      const y = band.cy + ox * dy + oy * ny;
      // Beyond the source the nearest edge pixel is repeated: a white margin next to a shadowed
      // band would turn the shadow black in the local threshold.
      const cx = Math.min(sw - 1.001, Math.max(0, x));
      const cy = Math.min(sh - 1.001, Math.max(0, y));
      const x0 = Math.floor(cx);
      const y0 = Math.floor(cy);
      const fx = cx - x0;
      const fy = cy - y0;
      const at = y0 * sw + x0;
      const top = data[at] * (1 - fx) + data[at + 1] * fx;
      const bottom = data[at + sw] * (1 - fx) + data[at + sw + 1] * fx;
      out[j * width + i] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return {
    image: { data: out, width, height },
    sampling: { angle, cx: band.cx, cy: band.cy, scale, width, height },
  };
}

/** A band pixel's position in the source image. */
export function bandToSource(sampling: BandSampling, x: number, y: number): { x: number; y: number } {
  const radians = (sampling.angle * Math.PI) / 180;
  const ox = (x - sampling.width / 2) / sampling.scale;
  const oy = (y - sampling.height / 2) / sampling.scale;
  return {
    x: sampling.cx + ox * Math.cos(radians) - oy * Math.sin(radians),
    y: sampling.cy + ox * Math.sin(radians) + oy * Math.cos(radians),
  };
}
