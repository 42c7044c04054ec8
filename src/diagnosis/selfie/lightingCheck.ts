import type { LightingMeasures } from './faceMeasures';
import type { SelfieCheckResult } from './selfieCheckResult';
import type { SelfieSettings } from './selfieSettings';

/** The problem named to the user: the first that applies, most blocking first. */
type LightingProblem = 'dark' | 'backlight' | 'blown' | 'side' | undefined;

function problemOf(m: LightingMeasures, s: SelfieSettings['lighting'], fail: boolean): LightingProblem {
  const backlit =
    m.backgroundMean !== null &&
    m.backgroundMean >= s.backlightMinBackground &&
    m.backgroundMean - m.faceMean >= s.backlightDifference;
  if (fail) {
    if (backlit) return 'backlight';
    if (m.faceMean < s.darkFailBelow) return 'dark';
    if (m.blownForehead >= s.blownForeheadFail) return 'blown';
    if (m.unevenness >= s.unevenFail) return 'side';
    return undefined;
  }
  if (m.faceMean < s.darkWarnBelow) return 'dark';
  if (m.blownForehead >= s.blownForeheadWarn) return 'blown';
  if (m.unevenness >= s.unevenWarn) return 'side';
  return undefined;
}

/** Side light names the brighter side of the picture, so "face the light" has a direction. */
function messageKeyOf(problem: Exclude<LightingProblem, undefined>, brightSide: 'left' | 'right'): string {
  if (problem === 'side') return brightSide === 'left' ? 'lighting.sideLeft' : 'lighting.sideRight';
  return `lighting.${problem}`;
}

/**
 * Bright enough, even across the face, not lit from behind, no blown-out forehead. The user is
 * told which side of the picture is brighter, so "turn towards the light" has a direction.
 */
export function lightingCheck(m: LightingMeasures, settings: SelfieSettings['lighting']): SelfieCheckResult {
  const brightness = Math.round(m.faceMean);
  const unevenness = Math.round(m.unevenness * 100);
  const messageParams = {
    brightness,
    minBrightness: settings.darkWarnBelow,
    unevenness,
    maxUnevenness: Math.round(settings.unevenWarn * 100),
    blown: Math.round(m.blownForehead * 100),
    background: Math.round(m.backgroundMean ?? 0),
  };
  const base = {
    id: 'lighting' as const,
    measured: `face ${brightness}/255, sides differ ${unevenness}%`,
    threshold: `≥ ${settings.darkWarnBelow}/255, ≤ ${Math.round(settings.unevenWarn * 100)}%`,
    messageParams,
  };
  const failing = problemOf(m, settings, true);
  if (failing) return { ...base, status: 'fail', messageKey: messageKeyOf(failing, m.brightSide) };
  const warning = problemOf(m, settings, false);
  if (warning) return { ...base, status: 'warn', messageKey: messageKeyOf(warning, m.brightSide) };
  return { ...base, status: 'pass', messageKey: 'lighting.ok' };
}
