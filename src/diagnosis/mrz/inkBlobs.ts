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
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  const blobs: InkBlob[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    seen[start] = 1;
    let top = 0;
    stack[top++] = start;
    let area = 0;
    let minX = width;
    let minY = height;
    let maxX = -1;
    let maxY = -1;
    while (top > 0) {
      const at = stack[--top];
      const x = at % width;
      const y = (at - x) / width;
      area++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const next = ny * width + nx;
          if (mask[next] && !seen[next]) {
            seen[next] = 1;
            stack[top++] = next;
          }
        }
      }
    }
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    const size = Math.max(w, h);
    if (size < minSize || size > maxSize) continue;
    blobs.push({ x: minX, y: minY, width: w, height: h, area, cx: minX + w / 2, cy: minY + h / 2 });
  }
  return blobs;
}
