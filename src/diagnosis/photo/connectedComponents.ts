import type { Box } from './checkResult';

export interface Component {
  area: number;
  box: Box;
  /** Extreme points, which for a convex blob such as a document are its corners. */
  corners: { topLeft: Point; topRight: Point; bottomRight: Point; bottomLeft: Point };
}

export interface Point {
  x: number;
  y: number;
}

export type Connectivity = 4 | 8;

/** Neighbour offsets [dx, dy] in the order they are visited. */
const NEIGHBOURS: Record<Connectivity, readonly (readonly [number, number])[]> = {
  4: [
    [-1, 0],
    [1, 0],
    [0, -1],
    [0, 1],
  ],
  8: [
    [-1, -1],
    [0, -1],
    [1, -1],
    [-1, 0],
    [1, 0],
    [-1, 1],
    [0, 1],
    [1, 1],
  ],
};

/**
 * Every connected component of the set pixels of `mask` (width x height, 0/1), in the order of
 * its first pixel in a row-by-row scan: one flood fill for documents, glare spots and MRZ characters.
 */
export function labelComponents(
  mask: Uint8Array,
  width: number,
  height: number,
  connectivity: Connectivity,
): Component[] {
  if (mask.length !== width * height) throw new RangeError(`mask of ${mask.length} for ${width}x${height}`);
  const neighbours = NEIGHBOURS[connectivity];
  const seen = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  const components: Component[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let area = 0;
    let minX = width,
      minY = height,
      maxX = -1,
      maxY = -1;
    let tl = start,
      tr = start,
      br = start,
      bl = start;
    let tlScore = Infinity,
      trScore = -Infinity,
      brScore = -Infinity,
      blScore = Infinity;
    while (top > 0) {
      const at = stack[--top];
      const x = at % width;
      const y = (at - x) / width;
      area++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const sum = x + y;
      const diff = x - y;
      if (sum < tlScore) {
        tlScore = sum;
        tl = at;
      }
      if (sum > brScore) {
        brScore = sum;
        br = at;
      }
      if (diff > trScore) {
        trScore = diff;
        tr = at;
      }
      if (diff < blScore) {
        blScore = diff;
        bl = at;
      }
      for (const [dx, dy] of neighbours) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || nx >= width || ny < 0 || ny >= height) continue;
        const next = ny * width + nx;
        if (mask[next] && !seen[next]) {
          seen[next] = 1;
          stack[top++] = next;
        }
      }
    }
    const point = (index: number): Point => ({ x: index % width, y: Math.floor(index / width) });
    components.push({
      area,
      box: { left: minX, top: minY, width: maxX - minX + 1, height: maxY - minY + 1 },
      corners: { topLeft: point(tl), topRight: point(tr), bottomRight: point(br), bottomLeft: point(bl) },
    });
  }
  return components;
}

/** 4-connected components of the set pixels of `mask` (width x height, 0/1) of at least `minArea`, largest first. */
export function connectedComponents(mask: Uint8Array, width: number, height: number, minArea: number): Component[] {
  return labelComponents(mask, width, height, 4)
    .filter((component) => component.area >= minArea)
    .sort((a, b) => b.area - a.area);
}
