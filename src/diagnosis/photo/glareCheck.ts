import type { Box, CheckResult } from './checkResult';
import type { GlareSpots } from './glareSpots';
import type { PhotoSettings } from './photoSettings';

function percent(fraction: number): number {
  return Math.round(fraction * 1000) / 10;
}

/**
 * Fails on a reflection covering a noticeable share of the document, or a smaller one on the
 * bottom text band where the MRZ is, since one unreadable MRZ character fails the check digits.
 * `regions` must already be in full-image coordinates.
 */
export function glareCheck(spots: GlareSpots, regions: Box[], settings: PhotoSettings['glare']): CheckResult {
  const measured = percent(spots.fraction);
  const base = {
    id: 'glare' as const,
    measured,
    threshold: percent(settings.failFraction),
    messageParams: { measured, required: percent(settings.failFraction) },
  };
  if (spots.fraction >= settings.failFraction || spots.textBandFraction >= settings.warnFraction) {
    return {
      ...base,
      status: 'fail',
      messageKey: spots.textBandFraction >= settings.warnFraction ? 'glare.onText' : 'glare.glare',
      regions,
    };
  }
  if (spots.fraction >= settings.warnFraction) return { ...base, status: 'warn', messageKey: 'glare.slight', regions };
  return { ...base, status: 'pass', messageKey: 'glare.ok' };
}
