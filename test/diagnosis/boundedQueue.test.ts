import assert from 'node:assert/strict';
import { BoundedQueue } from '../../src/diagnosis/boundedQueue';
import { OverloadedError } from '../../src/diagnosis/overloadedError';

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('BoundedQueue', () => {
  it('runs at most `concurrency` tasks at once and queues the next ones', async () => {
    const queue = new BoundedQueue(2, 5);
    const g = gate();
    let active = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      active += 1;
      peak = Math.max(peak, active);
      await g.promise;
      active -= 1;
    };
    const all = Promise.all([1, 2, 3, 4].map(() => queue.run(task)));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(queue.size, { running: 2, waiting: 2 });
    g.open();
    await all;
    assert.equal(peak, 2);
    assert.deepEqual(queue.size, { running: 0, waiting: 0 });
  });

  it('refuses at once with OverloadedError when the waiting line is full', async () => {
    const queue = new BoundedQueue(1, 1, 3);
    const g = gate();
    const first = queue.run(() => g.promise);
    const second = queue.run(() => Promise.resolve());
    await assert.rejects(
      queue.run(() => Promise.resolve()),
      (e: unknown) => e instanceof OverloadedError && e.retryAfterSeconds === 3,
    );
    g.open();
    await Promise.all([first, second]);
  });

  it('frees the slot when a task fails', async () => {
    const queue = new BoundedQueue(1, 0);
    await assert.rejects(
      queue.run(() => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await queue.run(() => Promise.resolve(42)), 42);
  });
});
