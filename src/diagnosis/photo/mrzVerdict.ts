import type { Box, CheckId, CheckResult } from './checkResult';

/** How close to the frame's edge, as a fraction of its size, an MRZ counts as cut off. */
const EDGE_FRACTION = 0.004;

const IMAGE_CHECKS: readonly CheckId[] = ['resolution', 'blur', 'exposure', 'glare'];

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

function touchesEdge(box: Box, width: number, height: number): boolean {
  const mx = Math.max(1, EDGE_FRACTION * width);
  const my = Math.max(1, EDGE_FRACTION * height);
  return box.left <= mx || box.top <= my || box.left + box.width >= width - mx || box.top + box.height >= height - my;
}

/**
 * A failing MRZ check digit is our reading's doubt unless the photo shows why: the zone runs
 * off the frame (cut off) or glare lies on it (covered); those stay a `fail` and say so. Any
 * other disagreement is a `warn`: with an image problem already failed, the field message says
 * what it spoiled; on an otherwise good photo the user hears that it may be our reading, so
 * a good photo is never sent back for a retake on our account alone.
 */
export function settleMrzVerdict(results: Map<CheckId, CheckResult>, width: number, height: number): void {
  const mrz = results.get('mrz');
  if (mrz?.status !== 'fail') return;
  const band = mrz.regions?.[0];
  const glare = results.get('glare');
  if (band && touchesEdge(band, width, height)) {
    results.set('mrz', { ...mrz, messageKey: 'text.mrz.cutOff' });
    return;
  }
  if (band && glare && glare.status !== 'pass' && (glare.regions ?? []).some((spot) => overlaps(spot, band))) {
    results.set('mrz', { ...mrz, messageKey: 'text.mrz.covered' });
    return;
  }
  const imageFailed = IMAGE_CHECKS.some((id) => results.get(id)?.status === 'fail');
  results.set('mrz', { ...mrz, status: 'warn', ...(imageFailed ? {} : { messageKey: 'text.mrz.unconfirmed' }) });
}
