import type { PhotoCheckSummary, TicketPriority } from './ticket';

export interface TicketPriorityInput {
  readonly photoChecks: readonly Pick<PhotoCheckSummary, 'status'>[];
  /** How long the resubmitted application has been under review, when the user told us. */
  readonly reviewWaitingMs: number | null;
  /** The settings' "1 h before a ticket". */
  readonly reviewWaitThresholdMs: number;
}

/**
 * The guide's priority-queue case (FAQ Q4): the materials meet the requirements — every photo
 * check that ran passed — and the review is only late because the system is busy.
 */
export function ticketPriority(input: TicketPriorityInput): TicketPriority {
  const ran = input.photoChecks.filter((check) => check.status !== 'skipped');
  const allPassed = ran.length > 0 && ran.every((check) => check.status === 'pass');
  const waitedTooLong = input.reviewWaitingMs !== null && input.reviewWaitingMs >= input.reviewWaitThresholdMs;
  return allPassed && waitedTooLong ? 'high' : 'normal';
}
