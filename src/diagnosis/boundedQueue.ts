import { OverloadedError } from './overloadedError';

/**
 * Runs at most `concurrency` tasks at once and lets at most `maxWaiting` wait; one more is
 * refused at once with OverloadedError. A backlog of 12 MP photos would only grow memory and
 * make every user wait longer, so back-pressure goes to the client instead.
 */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly retryAfterSeconds = 2,
  ) {}

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new OverloadedError(this.retryAfterSeconds);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next task, so `running` only drops when nobody waits.
      if (next) next();
      else this.running -= 1;
    }
  }
}
