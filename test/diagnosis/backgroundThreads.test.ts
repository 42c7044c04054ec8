import assert from 'node:assert/strict';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_NICE, lowerBackgroundThreads } from '../../src/diagnosis/backgroundThreads';
import { skipOrFail } from '../support/optionalSuite';

/** A worker thread that reports its own thread id (Linux) and stays up until terminated. */
async function startWorker(): Promise<{ worker: Worker; tid: number }> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.postMessage(require('node:fs').readlinkSync('/proc/thread-self'));
     setInterval(() => undefined, 1000);`,
    { eval: true },
  );
  const self = await new Promise<string>((resolve, reject) => {
    worker.once('message', (message: unknown) => resolve(String(message)));
    worker.once('error', reject);
  });
  return { worker, tid: Number(self.split('/').at(-1)) };
}

describe('background threads', () => {
  before(function () {
    if (process.platform !== 'linux') skipOrFail(this, 'per-thread priorities (Linux)');
  });

  it('lowers a worker thread below the event loop, which keeps its priority', async () => {
    const { worker, tid } = await startWorker();
    try {
      assert.ok(lowerBackgroundThreads() >= 1);
      assert.equal(os.getPriority(tid), BACKGROUND_NICE);
      assert.equal(os.getPriority(process.pid), os.getPriority(), 'the main thread is left alone');
      assert.ok(os.getPriority(process.pid) < BACKGROUND_NICE);
    } finally {
      await worker.terminate();
    }
  });
});
