import type { Box, CheckStatus } from '../photo/checkResult';

/** The selfie checks, a contract (API, tickets, tests), in the order the user is told about them. */
export const SELFIE_CHECK_IDS = ['face_found', 'face_size', 'lighting', 'background', 'sharpness', 'pose'] as const;
export type SelfieCheckId = (typeof SELFIE_CHECK_IDS)[number];

/**
 * What a model cannot judge reliably: the user confirms these instead of being given a guess.
 * Keys `selfie:confirm.<id>`.
 */
export const SELFIE_CONFIRM_IDS = ['glasses', 'head_cover', 'makeup', 'contacts'] as const;

/** Like the photo checks: text is `messageKey` (namespace `selfie`) resolved in the user's locale at the edge. */
export interface SelfieCheckResult {
  id: SelfieCheckId;
  status: CheckStatus;
  measured: number | string | null;
  threshold: number | string | null;
  messageKey: string;
  messageParams?: Record<string, string | number>;
}

export function skippedSelfieCheck(id: SelfieCheckId, messageKey: string): SelfieCheckResult {
  return { id, status: 'skipped', measured: null, threshold: null, messageKey };
}

export type { Box };
