import type { CheckResult } from './checkResult';

/** Either orientation counts: the long side against the long requirement, short against short. */
export function resolutionCheck(
  width: number,
  height: number,
  minimum: { width: number; height: number },
): CheckResult {
  const requiredLong = Math.max(minimum.width, minimum.height);
  const requiredShort = Math.min(minimum.width, minimum.height);
  const ok = Math.max(width, height) >= requiredLong && Math.min(width, height) >= requiredShort;
  const measured = `${width}x${height}`;
  const threshold = `${minimum.width}x${minimum.height}`;
  return {
    id: 'resolution',
    status: ok ? 'pass' : 'fail',
    measured,
    threshold,
    messageKey: ok ? 'resolution.ok' : 'resolution.tooSmall',
    messageParams: { measured, required: threshold },
  };
}
