import assert from 'node:assert/strict';
import { OcrBusyError } from '../../../src/diagnosis/ocr/ocrBusyError';
import type { GreyImage } from '../../../src/diagnosis/ocr/ocrJob';
import { OcrPool } from '../../../src/diagnosis/ocr/ocrPool';

/** A small blank raster: enough for tesseract to run a job, quick to recognise. */
function blank(width = 120, height = 40): GreyImage {
  return { data: Buffer.alloc(width * height, 255), width, height };
}

/** Deterministic noise that keeps a worker busy for seconds. */
function noise(size = 800): GreyImage {
  return {
    data: Buffer.from(Array.from({ length: size * size }, (_, i) => ((i * 2654435761) >>> 24) & 255)),
    width: size,
    height: size,
  };
}

const base = { size: 1, jobsPerWorker: 100, maxQueue: 1, retryAfterSeconds: 3, jobTimeoutMs: 20000, maxWaitMs: 20000 };

describe('OcrPool', function () {
  this.timeout(60000);

  it('refuses a job at once with OcrBusyError when the queue is full, and runs the accepted ones', async () => {
    const pool = await OcrPool.create(base);
    try {
      const first = pool.recognize({ image: blank(), segmentation: 'block' });
      const second = pool.recognize({ image: blank(), segmentation: 'block' });
      const third = pool.recognize({ image: blank(), segmentation: 'block' });
      await assert.rejects(third, (error: unknown) => error instanceof OcrBusyError && error.retryAfterSeconds === 3);
      const results = await Promise.all([first, second]);
      assert.equal(results.length, 2);
      assert.equal(pool.health().queued, 0);
    } finally {
      await pool.close();
    }
  });

  it('refuses a queued job as busy when no worker takes it within the wait limit', async () => {
    const pool = await OcrPool.create({ ...base, maxWaitMs: 150 });
    try {
      const long = pool.recognize({ image: noise(), segmentation: 'auto' });
      long.catch(() => undefined);
      const waiting = pool.recognize({ image: blank(), segmentation: 'block' });
      await assert.rejects(waiting, OcrBusyError);
      assert.equal(pool.health().queued, 0);
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker after its allotted number of jobs and keeps serving', async () => {
    const pool = await OcrPool.create({ ...base, jobsPerWorker: 1, maxQueue: 4 });
    try {
      await pool.recognize({ image: blank(), segmentation: 'block' });
      await pool.recognize({ image: blank(), segmentation: 'block' });
      assert.equal(pool.health().recycled, 2);
      assert.equal(pool.ready(), true);
      const output = await pool.recognize({ image: blank(), segmentation: 'block' });
      assert.equal(output.lines.length, 0);
      assert.equal(pool.health().recycled, 3);
    } finally {
      await pool.close();
    }
  });

  it('fails a running job at once when the pool closes', async () => {
    const pool = await OcrPool.create(base);
    const running = pool.recognize({ image: noise(), segmentation: 'auto' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await pool.close();
    await assert.rejects(running, /closed/);
    assert.ok(performance.now() - started < 5000);
  });

  it('is not ready after close and refuses new jobs', async () => {
    const pool = await OcrPool.create(base);
    assert.equal(pool.ready(), true);
    await pool.close();
    assert.equal(pool.ready(), false);
    assert.equal(pool.health().workers, 0);
    await assert.rejects(pool.recognize({ image: blank(), segmentation: 'block' }), /closed/);
  });
});
