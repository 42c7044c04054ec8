import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Worker, type Block } from 'tesseract.js';
import { OcrBusyError } from './ocrBusyError';
import type { GreyImage, OcrEngine, OcrJob, OcrLine, OcrOutput, PageSegmentation } from './ocrJob';

/**
 * `best_int` is the 3 MB integer model: faster to load and about as accurate on document text
 * as the 11 MB float model (bench/ocrThroughput.ts measures both).
 */
export type OcrModel = 'best_int' | 'standard';

/** Languages whose trained data is installed as a package (nothing is downloaded at run time). */
export type OcrLanguage = 'eng' | 'chi_sim';

export interface OcrPoolOptions {
  /** Number of tesseract workers; defaults to the number of cores. */
  size?: number;
  /** A worker is replaced after this many jobs, which bounds the memory a long-lived WASM heap keeps. */
  jobsPerWorker: number;
  /** Jobs allowed to wait for a worker; one more is refused with OcrBusyError. */
  maxQueue: number;
  retryAfterSeconds: number;
  /** A job running longer is failed and its worker replaced (a stuck WASM call cannot be interrupted otherwise). */
  jobTimeoutMs: number;
  /** A job waiting longer for a worker is refused as busy, so no caller waits forever; defaults to jobTimeoutMs. */
  maxWaitMs?: number;
  model?: OcrModel;
  /** `eng` by default; `chi_sim` reads Chinese (and digits) for the Chinese resident ID front. */
  language?: OcrLanguage;
}

export interface OcrPoolHealth {
  ready: boolean;
  workers: number;
  starting: number;
  busy: number;
  queued: number;
  maxQueue: number;
  recycled: number;
  lastError: string | null;
}

interface PooledWorker {
  worker: Worker;
  jobs: number;
  parameters: string;
  /** Settles the running job early (its timeout, or close()). */
  abort?: (error: Error) => void;
}

interface QueuedJob {
  job: OcrJob;
  png: Promise<Buffer>;
  resolve: (output: OcrOutput) => void;
  reject: (error: unknown) => void;
  /** Fails the job if no worker takes it in time (all workers gone and failing to restart). */
  waitTimer: NodeJS.Timeout;
}

const PSM_BY_SEGMENTATION: Record<PageSegmentation, PSM> = {
  auto: PSM.AUTO,
  block: PSM.SINGLE_BLOCK,
  line: PSM.SINGLE_LINE,
  sparse: PSM.SPARSE_TEXT,
};

const RESPAWN_DELAY_MS = 1000;

function langPath(model: OcrModel, language: OcrLanguage): string {
  const dataPackage = path.dirname(
    require.resolve(
      language === 'eng' ? '@tesseract.js-data/eng/package.json' : '@tesseract.js-data/chi_sim/package.json',
    ),
  );
  return path.join(dataPackage, model === 'best_int' ? '4.0.0_best_int' : '4.0.0');
}

function encodePng(image: GreyImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

function toLines(blocks: Block[] | null): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        lines.push({
          text: line.text.replace(/\n$/, ''),
          confidence: line.confidence,
          box: {
            left: line.bbox.x0,
            top: line.bbox.y0,
            width: line.bbox.x1 - line.bbox.x0,
            height: line.bbox.y1 - line.bbox.y0,
          },
          words: line.words.map((word) => ({
            text: word.text,
            confidence: word.confidence,
            box: {
              left: word.bbox.x0,
              top: word.bbox.y0,
              width: word.bbox.x1 - word.bbox.x0,
              height: word.bbox.y1 - word.bbox.y0,
            },
          })),
        });
      }
    }
  }
  return lines;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A fixed set of tesseract.js workers fed from a bounded FIFO queue. */
export class OcrPool implements OcrEngine {
  private readonly idle: PooledWorker[] = [];
  private readonly busy = new Set<PooledWorker>();
  private readonly queue: QueuedJob[] = [];
  private readonly size: number;
  private readonly langPath: string;
  private readonly language: OcrLanguage;
  private starting = 0;
  private recycled = 0;
  private closed = false;
  private lastError: string | null = null;

  private constructor(private readonly options: OcrPoolOptions) {
    this.size = Math.max(1, options.size ?? os.availableParallelism());
    this.language = options.language ?? 'eng';
    this.langPath = langPath(options.model ?? 'best_int', this.language);
  }

  /** Starts every worker; resolves once all are loaded, rejects if none could start. */
  static async create(options: OcrPoolOptions): Promise<OcrPool> {
    const pool = new OcrPool(options);
    const started = await Promise.allSettled(Array.from({ length: pool.size }, () => pool.spawn()));
    if (!started.some((result) => result.status === 'fulfilled')) {
      await pool.close();
      throw new Error(`no OCR worker could start: ${pool.lastError ?? 'unknown error'}`);
    }
    return pool;
  }

  recognize(job: OcrJob): Promise<OcrOutput> {
    if (this.closed) return Promise.reject(new Error('OCR pool is closed'));
    if (this.idle.length === 0 && this.queue.length >= this.options.maxQueue) {
      return Promise.reject(new OcrBusyError(this.options.retryAfterSeconds));
    }
    return new Promise<OcrOutput>((resolve, reject) => {
      const png = encodePng(job.image);
      png.catch(() => undefined);
      const queued: QueuedJob = {
        job,
        png,
        resolve,
        reject,
        waitTimer: setTimeout(() => {
          const at = this.queue.indexOf(queued);
          if (at === -1) return;
          this.queue.splice(at, 1);
          reject(new OcrBusyError(this.options.retryAfterSeconds));
        }, this.options.maxWaitMs ?? this.options.jobTimeoutMs),
      };
      this.queue.push(queued);
      this.dispatch();
    });
  }

  /** True when at least one worker runs or is being replaced (jobs wait for it): what /readyz reports. */
  ready(): boolean {
    return !this.closed && this.idle.length + this.busy.size + this.starting > 0;
  }

  health(): OcrPoolHealth {
    return {
      ready: this.ready(),
      workers: this.idle.length + this.busy.size,
      starting: this.starting,
      busy: this.busy.size,
      queued: this.queue.length,
      maxQueue: this.options.maxQueue,
      recycled: this.recycled,
      lastError: this.lastError,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queued of this.queue.splice(0)) {
      clearTimeout(queued.waitTimer);
      queued.reject(new Error('OCR pool is closed'));
    }
    const workers = [...this.idle.splice(0), ...this.busy];
    for (const pooled of this.busy) pooled.abort?.(new Error('OCR pool is closed'));
    this.busy.clear();
    await Promise.allSettled(workers.map((pooled) => pooled.worker.terminate()));
  }

  private async spawn(): Promise<void> {
    this.starting++;
    try {
      const worker = await createWorker(this.language, OEM.LSTM_ONLY, {
        langPath: this.langPath,
        cacheMethod: 'none',
        gzip: true,
        // Without a handler tesseract.js rethrows job errors from its message listener,
        // which would crash the process; the failing job's promise rejects anyway.
        errorHandler: (error: unknown) => {
          this.lastError = describe(error);
        },
      });
      if (this.closed) {
        await worker.terminate();
        return;
      }
      this.idle.push({ worker, jobs: 0, parameters: '' });
      this.dispatch();
    } catch (error) {
      this.lastError = describe(error);
      if (!this.closed) setTimeout(() => void this.spawn().catch(() => undefined), RESPAWN_DELAY_MS).unref();
      throw error;
    } finally {
      this.starting--;
    }
  }

  private replace(pooled: PooledWorker): void {
    this.busy.delete(pooled);
    this.recycled++;
    void pooled.worker.terminate().catch(() => undefined);
    if (!this.closed) void this.spawn().catch(() => undefined);
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const pooled = this.idle.shift();
      const queued = this.queue.shift();
      if (!pooled || !queued) return;
      clearTimeout(queued.waitTimer);
      this.busy.add(pooled);
      void this.run(pooled, queued);
    }
  }

  private async run(pooled: PooledWorker, queued: QueuedJob): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let healthy = true;
    try {
      const aborted = new Promise<never>((_, reject) => {
        pooled.abort = reject;
        timer = setTimeout(() => reject(new Error('OCR job timed out')), this.options.jobTimeoutMs);
      });
      const output = await Promise.race([this.execute(pooled, queued), aborted]);
      queued.resolve(output);
    } catch (error) {
      healthy = false;
      this.lastError = describe(error);
      queued.reject(error);
    } finally {
      clearTimeout(timer);
      pooled.abort = undefined;
    }
    pooled.jobs++;
    if (this.closed) return;
    if (!healthy || pooled.jobs >= this.options.jobsPerWorker) {
      this.replace(pooled);
    } else {
      this.busy.delete(pooled);
      this.idle.push(pooled);
    }
    this.dispatch();
  }

  private async execute(pooled: PooledWorker, queued: QueuedJob): Promise<OcrOutput> {
    const png = await queued.png;
    const parameters = {
      tessedit_pageseg_mode: PSM_BY_SEGMENTATION[queued.job.segmentation],
      tessedit_char_whitelist: queued.job.whitelist ?? '',
      // Raw PNGs carry no resolution; without a value tesseract guesses one per image.
      user_defined_dpi: '300',
    };
    const key = JSON.stringify(parameters);
    if (pooled.parameters !== key) {
      await pooled.worker.setParameters(parameters);
      pooled.parameters = key;
    }
    const { data } = await pooled.worker.recognize(png, {}, { text: true, blocks: true });
    return { text: data.text, confidence: data.confidence, lines: toLines(data.blocks) };
  }
}
