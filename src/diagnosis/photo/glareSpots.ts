import type { Box } from './checkResult';
import { connectedComponents, type Component } from './connectedComponents';
import type { GreyImage } from './greyImage';

export interface GlareSpots {
  /** Spots in the coordinates of the analysed image. */
  spots: Box[];
  /** Blown area of the spots over the image's area. */
  fraction: number;
  /** Blown area inside the bottom text band (where the MRZ is) over the image's area. */
  textBandFraction: number;
}

/**
 * A reflection is a compact, rounded blob. Thin strips, bands across the whole document and
 * solid rectangles are printed white (form fields, margins of scans and renders), not glare.
 */
function looksLikeReflection(component: Component, width: number, area: number): boolean {
  const { box } = component;
  const aspect = Math.max(box.width, box.height) / Math.max(1, Math.min(box.width, box.height));
  const solidity = component.area / (box.width * box.height);
  return component.area <= 0.4 * area && aspect <= 6 && box.width <= 0.9 * width && solidity <= 0.92;
}

/**
 * Blown-out blobs on the document: clipped highlights carry no text at all, which is why a
 * reflection defeats OCR. Blobs covering most of the document are left to the exposure check.
 */
export function findGlareSpots(
  image: GreyImage,
  options: { blownLevel: number; minSpotFraction: number; textBandFraction: number },
): GlareSpots {
  const { data, width, height } = image;
  const area = width * height;
  const mask = new Uint8Array(area);
  for (let i = 0; i < area; i++) if (data[i] >= options.blownLevel) mask[i] = 1;
  const components = connectedComponents(mask, width, height, Math.max(2, options.minSpotFraction * area));
  const bandTop = Math.floor(height * (1 - options.textBandFraction));
  const spots: Box[] = [];
  let blown = 0;
  let inBand = 0;
  for (const component of components) {
    if (!looksLikeReflection(component, width, area)) continue;
    spots.push(component.box);
    blown += component.area;
    const { top, height: boxHeight } = component.box;
    const overlap = Math.max(0, top + boxHeight - Math.max(top, bandTop));
    inBand += (component.area * overlap) / boxHeight;
  }
  return { spots, fraction: blown / area, textBandFraction: inBand / area };
}
