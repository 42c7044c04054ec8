import type { SelfieCheckResult } from './selfieCheckResult';
import type { SelfieSettings } from './selfieSettings';

export function sharpnessCheck(sharpness: number, settings: SelfieSettings['sharpness']): SelfieCheckResult {
  const measured = Math.round(sharpness * 100) / 100;
  const base = {
    id: 'sharpness' as const,
    measured,
    threshold: settings.failBelow,
    messageParams: { measured, required: settings.failBelow },
  };
  if (sharpness < settings.failBelow) return { ...base, status: 'fail', messageKey: 'sharpness.blurry' };
  if (sharpness < settings.warnBelow) return { ...base, status: 'warn', messageKey: 'sharpness.soft' };
  return { ...base, status: 'pass', messageKey: 'sharpness.ok' };
}
