import { backoffStepMs, DuePoller, type DueRound } from '../duePoller';
import type { ReminderSettings } from './reminderSettings';
import type { DueReminder, ReminderStore } from './reminderStore';

/**
 * How a send went: `sent`; `notNow` (no route leads there now: retried, as a throw is); or
 * `conversationGone` (the conversation no longer exists, so no retry can reach it).
 */
export type DeliveryResult = 'sent' | 'notNow' | 'conversationGone';

/** Sends one reminder into its conversation. */
export type ReminderDelivery = (reminder: DueReminder) => Promise<DeliveryResult>;

export interface ReminderSchedulerOptions {
  readonly store: ReminderStore;
  readonly deliver: ReminderDelivery;
  readonly settings: Pick<ReminderSettings, 'pollSeconds' | 'leaseSeconds' | 'batchSize' | 'retry' | 'heldDays'>;
  /** The clock deciding what is due; tests pass a fake one and call runDue() themselves. */
  readonly now: () => number;
  /** A failed delivery or a database error; carries the reminder id, never its reference. */
  readonly onError?: (error: unknown, context: { readonly reminder?: string; readonly attempts?: number }) => void;
  /** Reminders dropped after the last allowed attempt. */
  readonly onGiveUp?: (reminder: DueReminder) => void;
}

const OUTCOMES = ['sent', 'retried', 'gaveUp', 'held'] as const;
type ReminderOutcome = (typeof OUTCOMES)[number];
export type ReminderRound = DueRound<ReminderOutcome>;

const DAY_MS = 86_400_000;

/** Doubling from the first delay, capped: 1, 2, 4, 8 ... minutes with the defaults. */
export function retryDelayMs(failures: number, retry: ReminderSettings['retry']): number {
  return backoffStepMs(failures, {
    baseDelayMs: retry.firstDelaySeconds * 1000,
    maxDelayMs: retry.maxDelaySeconds * 1000,
  });
}

/**
 * Fires due reminders: polls the store, claims what is due (each row goes to one scheduler, also
 * across processes), sends it, and deletes it once sent. A failed send is retried with backoff and
 * dropped after `retry.maxAttempts`; one whose conversation no longer exists is held for the
 * user's next message instead (and dropped after `heldDays` if they never write). Reminders live
 * in the database, so one that fell due while no bot ran fires at the first poll after the start.
 */
export class ReminderScheduler extends DuePoller<DueReminder, ReminderOutcome> {
  constructor(private readonly options: ReminderSchedulerOptions) {
    super({
      pollMs: options.settings.pollSeconds * 1000,
      batchSize: options.settings.batchSize,
      outcomes: OUTCOMES,
      onRoundError: (error) => options.onError?.(error, {}),
    });
  }

  override async runDue(): Promise<ReminderRound> {
    await this.options.store.dropHeldBefore(new Date(this.options.now() - this.options.settings.heldDays * DAY_MS));
    return super.runDue();
  }

  protected override claim(limit: number): Promise<DueReminder[]> {
    const { store, settings, now } = this.options;
    return store.claimDue(new Date(now()), limit, settings.leaseSeconds * 1000);
  }

  protected override async handle(reminder: DueReminder): Promise<ReminderOutcome> {
    let result: DeliveryResult = 'notNow';
    try {
      result = await this.options.deliver(reminder);
    } catch (error) {
      this.options.onError?.(error, { reminder: reminder.id, attempts: reminder.attempts + 1 });
    }
    const { store, settings, now } = this.options;
    if (result === 'sent') {
      await store.markSent(reminder);
      return 'sent';
    }
    if (result === 'conversationGone') {
      await store.holdForUser(reminder, new Date(now()));
      return 'held';
    }
    const failures = reminder.attempts + 1;
    if (failures >= settings.retry.maxAttempts) {
      await store.giveUp(reminder);
      this.options.onGiveUp?.(reminder);
      return 'gaveUp';
    }
    await store.markFailed(reminder, new Date(now() + retryDelayMs(failures, settings.retry)));
    return 'retried';
  }
}
