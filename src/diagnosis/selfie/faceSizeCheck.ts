import type { DetectedFace } from './faceMeasures';
import type { SelfieCheckResult } from './selfieCheckResult';
import type { SelfieSettings } from './selfieSettings';

const percent = (value: number): number => Math.round(value * 100);

/** How much of the frame the face fills (the larger of its width and height shares) and how far off centre it sits. */
export function faceSizeCheck(
  face: DetectedFace,
  width: number,
  height: number,
  settings: SelfieSettings['faceSize'],
): SelfieCheckResult {
  const fill = Math.max(face.box.width / width, face.box.height / height);
  const offX = Math.abs(face.box.left + face.box.width / 2 - width / 2) / width;
  const offY = Math.abs(face.box.top + face.box.height / 2 - settings.targetCentreY * height) / height;
  const off = Math.max(offX, offY);
  const messageParams = {
    fill: percent(fill),
    required: percent(settings.warnBelow),
    off: percent(off),
    maxOff: percent(settings.offCentreWarn),
  };
  const base = {
    id: 'face_size' as const,
    measured: `${percent(fill)}% of frame, ${percent(off)}% off centre`,
    threshold: `≥ ${percent(settings.warnBelow)}%, ≤ ${percent(settings.offCentreWarn)}% off centre`,
    messageParams,
  };
  if (fill < settings.failBelow) return { ...base, status: 'fail', messageKey: 'face_size.tooSmall' };
  if (fill > settings.tooCloseAbove) return { ...base, status: 'warn', messageKey: 'face_size.tooClose' };
  if (off > settings.offCentreFail) return { ...base, status: 'fail', messageKey: 'face_size.offCentre' };
  if (fill < settings.warnBelow) return { ...base, status: 'warn', messageKey: 'face_size.small' };
  if (off > settings.offCentreWarn) return { ...base, status: 'warn', messageKey: 'face_size.offCentre' };
  return { ...base, status: 'pass', messageKey: 'face_size.ok' };
}
