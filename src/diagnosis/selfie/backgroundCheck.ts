import type { BackgroundMeasures } from './faceMeasures';
import { skippedSelfieCheck, type SelfieCheckResult } from './selfieCheckResult';
import type { SelfieSettings } from './selfieSettings';

const percent = (value: number): number => Math.round(value * 1000) / 10;

/** Plain and uniform behind the head: judged only when enough background shows around the face. */
export function backgroundCheck(m: BackgroundMeasures, settings: SelfieSettings['background']): SelfieCheckResult {
  if (m.area < settings.minArea) return skippedSelfieCheck('background', 'background.notVisible');
  const edges = percent(m.edgeDensity);
  const base = {
    id: 'background' as const,
    measured: `${edges}% edges`,
    threshold: `< ${percent(settings.edgesWarn)}% edges`,
    messageParams: { measured: edges, required: percent(settings.edgesWarn) },
  };
  if (m.edgeDensity >= settings.edgesFail) return { ...base, status: 'fail', messageKey: 'background.busy' };
  if (m.edgeDensity >= settings.edgesWarn) return { ...base, status: 'warn', messageKey: 'background.notPlain' };
  return { ...base, status: 'pass', messageKey: 'background.ok' };
}
