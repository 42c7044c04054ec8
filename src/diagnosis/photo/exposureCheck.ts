import type { CheckResult } from './checkResult';
import { percentile } from './greyImage';
import type { PhotoSettings } from './photoSettings';

export type ExposureProblem = 'tooDark' | 'overexposed' | undefined;

/**
 * Brightness of the document region from its histogram: the median for darkness; for blow-out,
 * the clipped share together with the darkest ink having turned grey, since a printed white
 * background (common on scans and renders) is pure white while its text stays black.
 */
export function exposureCheck(
  counts: Uint32Array,
  settings: PhotoSettings['exposure'],
): { result: CheckResult; problem: ExposureProblem } {
  let total = 0;
  let blown = 0;
  for (let v = 0; v < 256; v++) {
    total += counts[v];
    if (v >= settings.blownLevel) blown += counts[v];
  }
  const median = percentile(counts, 0.5);
  const blownFraction = total === 0 ? 0 : blown / total;
  const blownPercent = Math.round(blownFraction * 100);
  const dim = {
    id: 'exposure' as const,
    measured: median,
    threshold: settings.darkMedianBelow,
    messageParams: { measured: median, required: settings.darkMedianBelow },
  };
  if (median < settings.darkMedianBelow) {
    return { result: { ...dim, status: 'fail', messageKey: 'exposure.tooDark' }, problem: 'tooDark' };
  }
  const bright = {
    id: 'exposure' as const,
    measured: blownPercent,
    threshold: Math.round(settings.blownFractionFail * 100),
    messageParams: { measured: blownPercent, required: Math.round(settings.blownFractionFail * 100) },
  };
  const washedOut = percentile(counts, 0.02) >= settings.washedOutDarkLevel;
  if (blownFraction >= settings.blownFractionFail && washedOut)
    return { result: { ...bright, status: 'fail', messageKey: 'exposure.overexposed' }, problem: 'overexposed' };
  if (median < settings.darkWarnBelow)
    return { result: { ...dim, status: 'warn', messageKey: 'exposure.dim' }, problem: undefined };
  if (blownFraction >= settings.blownFractionWarn)
    return { result: { ...bright, status: 'warn', messageKey: 'exposure.bright' }, problem: undefined };
  return { result: { ...dim, status: 'pass', messageKey: 'exposure.ok' }, problem: undefined };
}
