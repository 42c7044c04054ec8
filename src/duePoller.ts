import { recordOf } from './recordOf';

export interface DuePollerSettings<Outcome extends string> {
  /** Between the end of one round and the start of the next. */
  readonly pollMs: number;
  /** Rows claimed at a time; a full batch means more may be due, so the round claims again. */
  readonly batchSize: number;
  /** Every outcome `handle` may report; a round counts each of them, zeros included. */
  readonly outcomes: readonly Outcome[];
  /** A round that failed (mostly the database); the next poll tries again. */
  readonly onRoundError?: (error: unknown) => void;
}

/** How many claimed rows ended each way in one round. */
export type DueRound<Outcome extends string> = Record<Outcome, number>;

/** Doubling from `baseDelayMs` after each failure, capped at `maxDelayMs`: the step before any jitter. */
export function backoffStepMs(failures: number, delays: { baseDelayMs: number; maxDelayMs: number }): number {
  const exponent = Math.min(Math.max(0, failures - 1), 40);
  return Math.min(delays.maxDelayMs, delays.baseDelayMs * 2 ** exponent);
}

/**
 * The loop of a database-backed sender (helpdesk webhooks, lockout-end reminders): claim what is
 * due in batches (the subclass's claim leases each row to this process), handle each row, and
 * poll again `pollMs` after a round ends. The timer never keeps the process alive, and `stop()`
 * ends the round in flight after its current batch and waits for it.
 */
export abstract class DuePoller<Item, Outcome extends string> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private stopRequested = false;

  protected constructor(private readonly polling: DuePollerSettings<Outcome>) {}

  /** Due rows, now leased to this process; fewer than `limit` when no more are due. */
  protected abstract claim(limit: number): Promise<readonly Item[]>;

  /** Sends one claimed row and settles it in the store (done, retry later, given up ...). */
  protected abstract handle(item: Item): Promise<Outcome>;

  /** Polls until stop(), starting now. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopRequested = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over everything due (what the timer runs); tests drive it directly with a fake clock. */
  async runDue(): Promise<DueRound<Outcome>> {
    const round = recordOf(this.polling.outcomes, () => 0);
    for (;;) {
      const items = await this.claim(this.polling.batchSize);
      for (const item of items) {
        const outcome = await this.handle(item);
        round[outcome] += 1;
      }
      if (items.length < this.polling.batchSize || this.stopRequested) return round;
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runDue()
        .then(() => undefined)
        .catch((error: unknown) => this.polling.onRoundError?.(error))
        .finally(() => {
          if (!this.stopped) this.schedule(this.polling.pollMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
