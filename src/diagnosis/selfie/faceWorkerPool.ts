import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FaceMeasures } from './faceMeasures';
import { FaceMeasuresSchema, FaceReply } from './faceWorkerMessages';
import type { FaceAnalysisSettings } from './selfieSettings';

interface Job {
  id: number;
  rgb: Uint8Array<ArrayBuffer>;
  width: number;
  height: number;
  resolve: (value: FaceMeasures) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
}

/** Under tsx (tests, benches) the worker must load TypeScript too; built code runs the .js file. */
function startWorker(settings: FaceAnalysisSettings): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `faceWorker${extension}`);
  const workerData = { settings };
  if (extension !== '.ts') return new Worker(entry, { workerData });
  return new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`, {
    eval: true,
    workerData,
  });
}

/**
 * A fixed number of worker threads, each holding the face model (a few hundred milliseconds per
 * selfie on the CPU), so the event loop never waits for the model. Workers start at once so the
 * first selfie does not pay for loading, are unref'd so they never keep the process alive, and a
 * worker that dies or overruns its job is replaced.
 */
export class FaceWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly settings: FaceAnalysisSettings,
    private readonly jobTimeoutMs: number,
  ) {
    for (let i = 0; i < size; i++) this.addSlot();
  }

  /** Resolves once every worker has loaded the model (for /readyz and for benches). */
  async warm(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ready()) {
      if (Date.now() > deadline) throw new Error('face model did not load in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  ready(): boolean {
    return !this.closed && this.slots.length === this.size && this.slots.every((slot) => slot.ready);
  }

  measure(rgb: Uint8Array, width: number, height: number): Promise<FaceMeasures> {
    if (this.closed) return Promise.reject(new Error('face worker pool closed'));
    return new Promise((resolve, reject) => {
      // An own copy, so its buffer can move to the worker without touching the caller's (maybe pooled) memory.
      this.queue.push({ id: this.nextId++, rgb: new Uint8Array(rgb), width, height, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const job of this.queue.splice(0)) job.reject(new Error('face worker pool closed'));
    for (const slot of slots) if (slot.job) this.finish(slot, new Error('face worker pool closed'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((candidate) => candidate.ready && !candidate.job);
      if (!slot) return;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.ref();
      job.timer = setTimeout(() => this.replace(slot, new Error('face check timed out')), this.jobTimeoutMs);
      slot.worker.postMessage({ id: job.id, rgb: job.rgb, width: job.width, height: job.height }, [job.rgb.buffer]);
    }
  }

  private finish(slot: Slot, outcome: FaceMeasures | Error): void {
    const job = slot.job;
    slot.job = undefined;
    slot.worker.unref();
    if (!job) return;
    clearTimeout(job.timer);
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }

  private addSlot(): void {
    const slot: Slot = { worker: startWorker(this.settings), ready: false };
    slot.worker.unref();
    slot.worker.on('message', (message: unknown) => {
      const reply = FaceReply.safeParse(message);
      if (!reply.success) {
        this.finish(slot, new Error('unexpected face worker reply'));
        return;
      }
      const data = reply.data;
      if ('ready' in data) slot.ready = true;
      else if (data.id !== slot.job?.id) this.finish(slot, new Error('unexpected face worker reply'));
      else if (!data.ok) this.finish(slot, new Error(data.error));
      else {
        const measures = FaceMeasuresSchema.safeParse(data.result);
        this.finish(slot, measures.success ? measures.data : new Error('malformed face measures'));
      }
      this.pump();
    });
    slot.worker.on('error', (error) => this.replace(slot, error));
    slot.worker.on('exit', (code) => this.replace(slot, new Error(`face worker exited with ${code}`)));
    this.slots.push(slot);
  }

  private replace(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.finish(slot, error);
    void slot.worker.terminate();
    if (!this.closed) this.addSlot();
    this.pump();
  }
}
