import type { CheckResult } from './checkResult';
import type { PhotoSettings } from './photoSettings';

export function blurCheck(sharpness: number, settings: PhotoSettings['blur']): CheckResult {
  const measured = Math.round(sharpness * 100) / 100;
  const base = {
    id: 'blur' as const,
    measured,
    threshold: settings.failBelow,
    messageParams: { measured, required: settings.failBelow },
  };
  if (sharpness < settings.failBelow) return { ...base, status: 'fail', messageKey: 'blur.blurry' };
  if (sharpness < settings.warnBelow) return { ...base, status: 'warn', messageKey: 'blur.soft' };
  return { ...base, status: 'pass', messageKey: 'blur.ok' };
}
