import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { PhotoInputError } from './photoInputError';

export interface RgbaImage {
  data: Buffer;
  width: number;
  height: number;
}

/*
 * libheif-js is WASM and decodes synchronously for a second or more on a 12 MP photo, so it runs
 * in a worker thread. The worker is plain JavaScript given as source so that it runs the same
 * under tsx and from dist/ without a loader; it checks the pixel count before decoding.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const decode = require(workerData.heicDecodePath);
(async () => {
  let images;
  try {
    images = await decode.all({ buffer: workerData.bytes });
    const first = images[0];
    if (first.width * first.height > workerData.maxPixels) {
      parentPort.postMessage({ ok: false, code: 'too_many_pixels', width: first.width, height: first.height });
      return;
    }
    const { width, height, data } = await first.decode();
    parentPort.postMessage({ ok: true, width, height, data }, [data.buffer]);
  } catch (error) {
    parentPort.postMessage({ ok: false, code: 'corrupt', detail: String(error && error.message || error) });
  } finally {
    if (images) images.dispose();
  }
})();
`;

const WorkerReply = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    data: z.instanceof(Uint8ClampedArray),
  }),
  z.object({ ok: z.literal(false), code: z.enum(['too_many_pixels', 'corrupt']), detail: z.string().optional() }),
]);

let running = 0;
const waiting: (() => void)[] = [];

async function acquire(limit: number): Promise<void> {
  if (running < limit) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function decodeInWorker(bytes: Buffer, maxPixels: number): Promise<RgbaImage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bytes, maxPixels, heicDecodePath: require.resolve('heic-decode') },
      resourceLimits: { maxOldGenerationSizeMb: 256 },
      // libheif prints parse errors to stdout; they are reported through the reply instead.
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.once('message', (message: unknown) => {
      const reply = WorkerReply.safeParse(message);
      if (!reply.success) {
        settle(() => reject(new PhotoInputError('corrupt', 'unexpected HEIC decoder reply')));
        return;
      }
      const value = reply.data;
      if (value.ok) {
        const data = Buffer.from(value.data.buffer, value.data.byteOffset, value.data.byteLength);
        settle(() => resolve({ data, width: value.width, height: value.height }));
        return;
      }
      settle(() => reject(new PhotoInputError(value.code, value.detail ?? 'HEIC image too large')));
    });
    worker.once('error', (error) =>
      settle(() => reject(new PhotoInputError('corrupt', `HEIC decoder failed: ${error.message}`))),
    );
    worker.once('exit', (exitCode) =>
      settle(() => reject(new PhotoInputError('corrupt', `HEIC decoder exited with ${exitCode}`))),
    );
  });
}

/** Decodes the primary HEIC/HEIF image (transforms applied) to RGBA, at most `concurrency` at a time. */
export async function decodeHeic(bytes: Buffer, maxPixels: number, concurrency: number): Promise<RgbaImage> {
  await acquire(Math.max(1, concurrency));
  try {
    return await decodeInWorker(bytes, maxPixels);
  } finally {
    release();
  }
}
