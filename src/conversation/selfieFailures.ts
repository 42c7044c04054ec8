import type { SelfieCheckSummary } from './conversationState';

/** Failed selfie checks so far in this conversation (the walk-through offers other routes after a few). */
export function failedSelfieChecks(checks: readonly SelfieCheckSummary[] | undefined): number {
  return (checks ?? []).filter((check) => check.verdict === 'fail').length;
}
