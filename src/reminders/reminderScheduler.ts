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

export interface ReminderRound {
  readonly sent: number;
  readonly retried: number;
  readonly gaveUp: number;
}

/** Doubling from the first delay, capped: 1, 2, 4, 8 ... minutes with the defaults. */
export function retryDelayMs(failures: number, retry: ReminderSettings['retry']): number {
  const step = retry.firstDelaySeconds * 2 ** Math.min(Math.max(0, failures - 1), 40);
  return Math.min(retry.maxDelaySeconds, step) * 1000;
}

/**
 * Fires due reminders: polls the store, claims what is due (each row goes to one scheduler, also
 * across processes), sends it, and deletes it once sent. A failed send is retried with backoff and
 * dropped after `retry.maxAttempts`. Reminders live in the database, so one that fell due while
 * no bot ran fires at the first poll after the start.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: ReminderSchedulerOptions) {}

  /** Polls every `pollSeconds` until stop(), starting now; the timer does not keep the process alive. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over every due reminder (what the timer runs). */
  async runDue(): Promise<ReminderRound> {
    const { batchSize, leaseSeconds } = this.options.settings;
    let sent = 0;
    let retried = 0;
    let gaveUp = 0;
    for (;;) {
      const due = await this.options.store.claimDue(new Date(this.options.now()), batchSize, leaseSeconds * 1000);
      for (const reminder of due) {
        const outcome = await this.fire(reminder);
        if (outcome === 'sent') sent += 1;
        else if (outcome === 'retry') retried += 1;
        else gaveUp += 1;
      }
      if (due.length < batchSize) return { sent, retried, gaveUp };
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runDue()
        .then(() => undefined)
        .catch((error: unknown) => this.options.onError?.(error, {}))
        .finally(() => {
          if (!this.stopped) this.schedule(this.options.settings.pollSeconds * 1000);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async fire(reminder: DueReminder): Promise<'sent' | 'retry' | 'gaveUp'> {
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
    return 'retry';
  }
}
