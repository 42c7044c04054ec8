import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { z } from 'zod';
import { skipOrFail } from '../support/optionalSuite';

/**
 * Runs in a child process: lowering is one-way, and the test process must keep its own threads
 * (later suites run OCR in them) at their priority.
 */
const CHILD = `
const os = require('node:os');
const { Worker } = require('node:worker_threads');
const { BACKGROUND_NICE, lowerBackgroundThreads } = require(${JSON.stringify(require.resolve('../../src/diagnosis/backgroundThreads'))});
const worker = new Worker(
  "require('node:worker_threads').parentPort.postMessage(require('node:fs').readlinkSync('/proc/thread-self')); setInterval(() => undefined, 1000);",
  { eval: true },
);
worker.once('message', async (self) => {
  const tid = Number(String(self).split('/').at(-1));
  const lowered = lowerBackgroundThreads();
  console.log(JSON.stringify({ lowered, nice: BACKGROUND_NICE, worker: os.getPriority(tid), main: os.getPriority(process.pid) }));
  await worker.terminate();
});
`;

describe('background threads', () => {
  before(function () {
    if (process.platform !== 'linux') skipOrFail(this, 'per-thread priorities (Linux)');
  });

  it('lowers a worker thread below the event loop, which keeps its priority', () => {
    const output = execFileSync(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', CHILD], {
      encoding: 'utf8',
    });
    const { lowered, nice, worker, main } = z
      .object({ lowered: z.number(), nice: z.number(), worker: z.number(), main: z.number() })
      .parse(JSON.parse(output.trim().split('\n').at(-1) ?? '{}'));
    assert.ok(lowered >= 1);
    assert.equal(worker, nice);
    assert.ok(main < nice, 'the main thread is left alone');
  });
});
