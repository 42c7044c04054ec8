import type { DetectedFace } from './faceMeasures';
import type { SelfieCheckResult } from './selfieCheckResult';
import type { SelfieSettings } from './selfieSettings';

type PoseProblem = 'turned' | 'tilted' | 'nodded' | 'eyesClosed';

/** The worst of the three angles relative to its limit, and which it is. */
function worstAngle(face: DetectedFace, s: SelfieSettings['pose']): { problem: PoseProblem; ratio: number } {
  const ratios: [PoseProblem, number][] = [
    ['turned', Math.abs(face.yaw) / s.maxYaw],
    ['nodded', Math.abs(face.pitch) / s.maxPitch],
    ['tilted', Math.abs(face.roll) / s.maxRoll],
  ];
  const [problem, ratio] = ratios.reduce((worst, next) => (next[1] > worst[1] ? next : worst));
  return { problem, ratio };
}

/** Facing the camera (yaw), head level (roll) and not tipped up or down (pitch), eyes open. */
export function poseCheck(face: DetectedFace, settings: SelfieSettings['pose']): SelfieCheckResult {
  const yaw = Math.round(face.yaw);
  const pitch = Math.round(face.pitch);
  const roll = Math.round(face.roll);
  const eyes = Math.round(face.eyeOpenness * 100) / 100;
  const base = {
    id: 'pose' as const,
    measured: `yaw ${yaw}°, pitch ${pitch}°, roll ${roll}°, eyes ${eyes}`,
    threshold: `≤ ${settings.maxYaw}°, ${settings.maxPitch}°, ${settings.maxRoll}°; eyes ≥ ${settings.minEyeOpenness}`,
    messageParams: {
      yaw: Math.abs(yaw),
      pitch: Math.abs(pitch),
      roll: Math.abs(roll),
      maxYaw: settings.maxYaw,
      maxPitch: settings.maxPitch,
      maxRoll: settings.maxRoll,
    },
  };
  const { problem, ratio } = worstAngle(face, settings);
  if (ratio > 1) return { ...base, status: 'fail', messageKey: `pose.${problem}` };
  if (face.eyeOpenness < settings.minEyeOpenness) return { ...base, status: 'fail', messageKey: 'pose.eyesClosed' };
  if (ratio > settings.warnFraction) return { ...base, status: 'warn', messageKey: `pose.${problem}` };
  return { ...base, status: 'pass', messageKey: 'pose.ok' };
}
