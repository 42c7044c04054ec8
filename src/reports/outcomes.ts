import type { CheckStatus } from '../diagnosis/photo/checkResult';

/** Where a satisfaction answer was asked: at the end of a walk-through, or after an agent resolved a ticket. */
export const RATING_SOURCES = ['walkthrough', 'ticket'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export type RatingScore = (typeof RATING_SCORES)[number];
/** The cause of a ticket or rating the bot did not recognise. */
export const NO_CAUSE = 'none';

/**
 * A walk-through that neither ends (resolved by the bot) nor escalates within this time of its start
 * is abandoned: later outcomes are not counted, and a day's walk-throughs are decided once it has passed.
 */
export const ABANDON_AFTER_MS = 24 * 3_600_000;

/**
 * What happened, as the paths users take report it. Ids and counts only: a cause, check or rule id,
 * a verdict, a score, two ticket times. Never a user, a conversation, a ticket number or a word typed.
 */
export type OutcomeEvent =
  | { readonly kind: 'conversation' }
  | { readonly kind: 'walkthroughStarted'; readonly cause: string }
  /** Counted on the day the walk-through started, and only within ABANDON_AFTER_MS of it. */
  | {
      readonly kind: 'walkthroughEnded';
      readonly cause: string;
      readonly outcome: 'resolved' | 'escalated';
      readonly startedAt: number;
    }
  | {
      readonly kind: 'photoChecked' | 'selfieChecked';
      readonly verdict: 'pass' | 'fail';
      readonly checks: readonly { readonly id: string; readonly status: CheckStatus }[];
    }
  | { readonly kind: 'infoChecked'; readonly match: boolean; readonly rules: readonly string[] }
  | {
      readonly kind: 'satisfaction';
      readonly source: RatingSource;
      readonly cause: string | null;
      readonly score: RatingScore;
    }
  | { readonly kind: 'ticketCreated'; readonly cause: string | null }
  /** ISO-8601 times; counted on the ticket's creation day. */
  | { readonly kind: 'firstAgentReply'; readonly ticketCreatedAt: string; readonly repliedAt: string };

/** The outcome of a photo or selfie check, from the chat or the API alike: the verdict and each check's status. */
export function checkOutcome(
  kind: 'photoChecked' | 'selfieChecked',
  diagnosis: { readonly verdict: 'pass' | 'fail'; readonly checks: readonly { id: string; status: CheckStatus }[] },
): OutcomeEvent {
  return { kind, verdict: diagnosis.verdict, checks: diagnosis.checks.map(({ id, status }) => ({ id, status })) };
}

/** Takes an outcome without waiting: the turn path never waits for the database. */
export interface OutcomeRecorder {
  record(event: OutcomeEvent): void;
}

/** For a bot built without reports (unit tests of other parts). */
export const NO_OUTCOMES: OutcomeRecorder = { record: () => undefined };
