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

/** 4-connected components of the set pixels of `mask` (width x height, 0/1), largest first. */
export function connectedComponents(mask: Uint8Array, width: number, height: number, minArea: number): Component[] {
  if (mask.length !== width * height) throw new RangeError(`mask of ${mask.length} for ${width}x${height}`);
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const components: Component[] = [];
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    next++;
    let top = 0;
    stack[top++] = start;
    labels[start] = next;
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
      if (x > 0 && mask[at - 1] && !labels[at - 1]) {
        labels[at - 1] = next;
        stack[top++] = at - 1;
      }
      if (x < width - 1 && mask[at + 1] && !labels[at + 1]) {
        labels[at + 1] = next;
        stack[top++] = at + 1;
      }
      if (y > 0 && mask[at - width] && !labels[at - width]) {
        labels[at - width] = next;
        stack[top++] = at - width;
      }
      if (y < height - 1 && mask[at + width] && !labels[at + width]) {
        labels[at + width] = next;
        stack[top++] = at + width;
      }
    }
    if (area < minArea) continue;
    const point = (index: number): Point => ({ x: index % width, y: Math.floor(index / width) });
    components.push({
      area,
      box: { left: minX, top: minY, width: maxX - minX + 1, height: maxY - minY + 1 },
      corners: { topLeft: point(tl), topRight: point(tr), bottomRight: point(br), bottomLeft: point(bl) },
    });
  }
  return components.sort((a, b) => b.area - a.area);
}
