/** The photo checks, in the order the user is told about them (most actionable first). */
export const CHECK_IDS = [
  'resolution',
  'framing',
  'blur',
  'glare',
  'exposure',
  'camera_metadata',
  'legibility',
  'mrz',
  'expiry',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped';

/** A rectangle in the coordinates of the EXIF-oriented full image, for the marked-up preview. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * One check's outcome. Text is not here: `messageKey` (namespace `photo`) and `messageParams`
 * are resolved in the user's locale at the edge, so this module stays locale-free.
 * `measured` and `threshold` never carry personal data.
 */
export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  measured: number | string | null;
  threshold: number | string | null;
  messageKey: string;
  messageParams?: Record<string, string | number>;
  regions?: Box[];
}
