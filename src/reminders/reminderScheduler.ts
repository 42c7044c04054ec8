import { backoffStepMs, DuePoller, type DueRound } from '../duePoller';
import type { ReminderSettings } from './reminderSettings';
import type { DueReminder, ReminderStore } from './reminderStore';

/** Sends one reminder into its conversation; false (or a throw) when it cannot be delivered now. */
export type ReminderDelivery = (reminder: DueReminder) => Promise<boolean>;

export interface ReminderSchedulerOptions {
  readonly store: ReminderStore;
  readonly deliver: ReminderDelivery;
  readonly settings: Pick<ReminderSettings, 'pollSeconds' | 'leaseSeconds' | 'batchSize' | 'retry'>;
  /** The clock deciding what is due; tests pass a fake one and call runDue() themselves. */
  readonly now: () => number;
  /** A failed delivery or a database error; carries the reminder id, never its reference. */
  readonly onError?: (error: unknown, context: { readonly reminder?: string; readonly attempts?: number }) => void;
  /** Reminders dropped after the last allowed attempt. */
  readonly onGiveUp?: (reminder: DueReminder) => void;
}

const OUTCOMES = ['sent', 'retried', 'gaveUp'] as const;
export type ReminderRound = DueRound<(typeof OUTCOMES)[number]>;

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
 * dropped after `retry.maxAttempts`. Reminders live in the database, so one that fell due while
 * no bot ran fires at the first poll after the start.
 */
export class ReminderScheduler extends DuePoller<DueReminder, (typeof OUTCOMES)[number]> {
  constructor(private readonly options: ReminderSchedulerOptions) {
    super({
      pollMs: options.settings.pollSeconds * 1000,
      batchSize: options.settings.batchSize,
      outcomes: OUTCOMES,
      onRoundError: (error) => options.onError?.(error, {}),
    });
  }

  protected override claim(limit: number): Promise<DueReminder[]> {
    const { store, settings, now } = this.options;
    return store.claimDue(new Date(now()), limit, settings.leaseSeconds * 1000);
  }

  protected override async handle(reminder: DueReminder): Promise<(typeof OUTCOMES)[number]> {
    let delivered = false;
    try {
      delivered = await this.options.deliver(reminder);
    } catch (error) {
      this.options.onError?.(error, { reminder: reminder.id, attempts: reminder.attempts + 1 });
    }
    if (delivered) {
      await this.options.store.markSent(reminder);
      return 'sent';
    }
    const failures = reminder.attempts + 1;
    const { retry } = this.options.settings;
    if (failures >= retry.maxAttempts) {
      await this.options.store.giveUp(reminder);
      this.options.onGiveUp?.(reminder);
      return 'gaveUp';
    }
    await this.options.store.markFailed(reminder, new Date(this.options.now() + retryDelayMs(failures, retry)));
    return 'retried';
  }
}
