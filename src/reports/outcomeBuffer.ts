import type { OutcomeEvent, OutcomeRecorder } from './outcomes';
import { incrementsOf } from './reportMetrics';
import type { CounterRow, ReportStore } from './reportStore';

export interface OutcomeBufferOptions {
  readonly store: Pick<ReportStore, 'add'>;
  /** How often the counts are written; default one second. */
  readonly flushMs?: number;
  readonly now?: () => number;
  readonly onError: (error: unknown) => void;
}

const KEY_SEPARATOR = '\u0000';

/**
 * Counts outcomes in memory and adds them to the store in one batch a second (and on close), so
 * recording costs a turn a map update. A failed write keeps its counts for the next flush.
 */
export class OutcomeBuffer implements OutcomeRecorder {
  private pending = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: OutcomeBufferOptions) {
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 1000);
    this.timer.unref();
  }

  record(event: OutcomeEvent): void {
    for (const { day, metric, subject } of incrementsOf(event, this.now())) {
      const key = [day, metric, subject].join(KEY_SEPARATOR);
      this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    }
  }

  /** Writes what was counted so far; flushes run one after the other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  /** Stops the timer and writes the rest. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const rows: CounterRow[] = [...batch].map(([key, count]) => {
      const [day = '', metric = '', subject = ''] = key.split(KEY_SEPARATOR);
      return { day, metric, subject, count };
    });
    try {
      await this.options.store.add(rows);
    } catch (error) {
      for (const [key, count] of batch) this.pending.set(key, (this.pending.get(key) ?? 0) + count);
      this.options.onError(error);
    }
  }
}
