import assert from 'node:assert/strict';
import { backoffStepMs, DuePoller } from '../src/duePoller';

/** A queue of numbered rows; `handle` takes one tick, so a stop can land mid-round. */
class CountingPoller extends DuePoller<number, 'done' | 'skipped'> {
  readonly handled: number[] = [];
  claims = 0;
  private readonly down: boolean;

  constructor(
    private readonly due: number[],
    options: { batchSize: number; pollMs?: number; down?: boolean; onRoundError?: (error: unknown) => void },
  ) {
    super({ pollMs: options.pollMs ?? 5, outcomes: ['done', 'skipped'], ...options });
    this.down = options.down ?? false;
  }

  protected override async claim(limit: number): Promise<number[]> {
    this.claims += 1;
    if (this.down) throw new Error('database down');
    return this.due.splice(0, limit);
  }

  protected override async handle(item: number): Promise<'done' | 'skipped'> {
    await new Promise((resolve) => setImmediate(resolve));
    this.handled.push(item);
    return item % 2 === 0 ? 'done' : 'skipped';
  }
}

describe('due poller (the loop of the webhook dispatcher and the reminder scheduler)', () => {
  it('claims batch after batch until one comes back short, and counts every outcome', async () => {
    const poller = new CountingPoller([1, 2, 3, 4, 5, 6, 7], { batchSize: 3 });
    assert.deepEqual(await poller.runDue(), { done: 3, skipped: 4 });
    assert.equal(poller.claims, 3);
    assert.deepEqual(await poller.runDue(), { done: 0, skipped: 0 });
  });

  it('polls between start() and stop(), and a stop ends the round after its current batch', async () => {
    const poller = new CountingPoller(
      Array.from({ length: 1000 }, (_, i) => i),
      { batchSize: 2 },
    );
    poller.start();
    while (poller.handled.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await poller.stop();
    const handled = poller.handled.length;
    assert.ok(handled < 1000, `stopped mid-queue (${handled} handled)`);
    assert.equal(handled % 2, 0, 'whole batches only');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(poller.handled.length, handled, 'stopped means stopped');
  });

  it('reports a failed round and polls again', async () => {
    const errors: unknown[] = [];
    const poller = new CountingPoller([], {
      batchSize: 1,
      pollMs: 1,
      down: true,
      onRoundError: (error) => errors.push(error),
    });
    poller.start();
    while (errors.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    await poller.stop();
    assert.match(String(errors[0]), /database down/);
  });

  it('backs off by doubling from the base up to the cap', () => {
    const delays = { baseDelayMs: 1000, maxDelayMs: 5000 };
    assert.deepEqual(
      [0, 1, 2, 3, 4, 1000].map((failures) => backoffStepMs(failures, delays)),
      [1000, 1000, 2000, 4000, 5000, 5000],
    );
  });
});
