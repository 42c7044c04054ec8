import { backoffStepMs } from '../duePoller';

export interface BackoffSettings {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Delay before the next try after `failures` failed attempts: doubling from the base, capped,
 * with "equal jitter" (half fixed, half random) so dispatchers that failed together spread out
 * without the delay ever shrinking below half its step.
 */
export function backoffDelayMs(failures: number, settings: BackoffSettings, random: () => number): number {
  const step = backoffStepMs(failures, settings);
  return Math.round(step / 2 + (step / 2) * random());
}
