import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import type { SmallLocation } from './documentLocator';
import type { DocumentMeasures } from './documentMeasures';
import type { GreyImage } from './greyImage';
import type { PhotoSettings } from './photoSettings';
import type { FoundMrzBand, MrzBandSettings } from '../mrz/mrzBands';
import { DocumentMeasuresSchema, MrzBandsSchema, PixelReply, SmallLocationSchema } from './pixelWorkerMessages';

type Request =
  | { task: 'locate'; small: GreyImage; settings: PhotoSettings['framing'] }
  | { task: 'measure'; sharpness: GreyImage; glare: GreyImage; settings: PhotoSettings['glare'] }
  | { task: 'mrzBands'; image: GreyImage; settings: MrzBandSettings };

interface Job {
  request: Request & { id: number };
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

/** Under tsx (tests, benches) the worker must load TypeScript too; built code runs the .js file. */
function startWorker(): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `pixelWorker${extension}`);
  if (extension !== '.ts') return new Worker(entry);
  return new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`, {
    eval: true,
  });
}

/**
 * A fixed number of worker threads for the JavaScript pixel loops (a few to tens of milliseconds
 * each), so that text turns are never stuck behind an image. Workers start on first use, are
 * unref'd so they never keep the process alive, and are replaced if one dies.
 */
export class PixelWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly size: number) {}

  locate(small: GreyImage, settings: PhotoSettings['framing']): Promise<SmallLocation> {
    return this.run({ task: 'locate', small, settings }, SmallLocationSchema);
  }

  measure(sharpness: GreyImage, glare: GreyImage, settings: PhotoSettings['glare']): Promise<DocumentMeasures> {
    return this.run({ task: 'measure', sharpness, glare, settings }, DocumentMeasuresSchema);
  }

  /** Candidate MRZ bands, each cut out upright and binarised (see mrzBands.ts). */
  mrzBands(image: GreyImage, settings: MrzBandSettings): Promise<FoundMrzBand[]> {
    return this.run({ task: 'mrzBands', image, settings }, MrzBandsSchema);
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const job of this.queue.splice(0)) job.reject(new Error('pixel worker pool closed'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private async run<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
    const result = await new Promise<unknown>((resolve, reject) => {
      this.queue.push({ request: { ...request, id: this.nextId++ }, resolve, reject });
      this.pump();
    });
    return schema.parse(result);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => !candidate.job);
      if (!slot && this.slots.length < this.size) slot = this.addSlot();
      if (!slot) return;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      // Busy workers keep the process alive until they answer; idle ones never do.
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  }

  private addSlot(): Slot {
    const slot: Slot = { worker: startWorker() };
    slot.worker.on('message', (message: unknown) => {
      const job = slot.job;
      slot.job = undefined;
      slot.worker.unref();
      const reply = PixelReply.safeParse(message);
      if (job) {
        if (!reply.success || reply.data.id !== job.request.id) job.reject(new Error('unexpected pixel worker reply'));
        else if (!reply.data.ok) job.reject(new Error(reply.data.error ?? 'pixel worker failed'));
        else job.resolve(reply.data.result);
      }
      this.pump();
    });
    const fail = (error: Error): void => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      slot.job?.reject(error);
      slot.job = undefined;
      this.pump();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`pixel worker exited with ${code}`)));
    this.slots.push(slot);
    return slot;
  }
}

const shared = new Map<number, PixelWorkerPool>();

/** One pool per size for the process, for callers that do not bring their own. */
export function sharedPixelWorkerPool(size: number): PixelWorkerPool {
  let pool = shared.get(size);
  if (!pool) {
    pool = new PixelWorkerPool(size);
    shared.set(size, pool);
  }
  return pool;
}
