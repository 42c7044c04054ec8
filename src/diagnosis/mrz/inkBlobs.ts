import { labelComponents } from '../photo/connectedComponents';

/** One 8-connected blob of ink: a character, or part of one, or noise. */
export interface InkBlob {
  x: number;
  y: number;
  width: number;
  height: number;
  area: number;
  /** Centre of the bounding box. */
  cx: number;
  cy: number;
}

/** Bounding boxes of the 8-connected ink blobs whose longer side lies within [minSize, maxSize]. */
export function inkBlobs(mask: Uint8Array, width: number, height: number, minSize: number, maxSize: number): InkBlob[] {
  return labelComponents(mask, width, height, 8).flatMap(({ box, area }) => {
    const size = Math.max(box.width, box.height);
    if (size < minSize || size > maxSize) return [];
    const { left: x, top: y, width: w, height: h } = box;
    return [{ x, y, width: w, height: h, area, cx: x + w / 2, cy: y + h / 2 }];
  });
}
