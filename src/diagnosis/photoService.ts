import sharp from 'sharp';
import { BoundedQueue } from './boundedQueue';
import { OcrPool, type OcrPoolOptions } from './ocr/ocrPool';
import type { OcrSettings } from './ocr/ocrSettings';
import { createTextChecks } from './ocr/textChecks';
import { mrzDocument, type MrzDocument } from './info/mrzDocument';
import { diagnosePhoto, type PhotoDiagnosis } from './photo/diagnosePhoto';
import { PixelWorkerPool } from './photo/pixelWorkerPool';
import type { PhotoSettings } from './photo/photoSettings';

export interface PhotoServiceOptions {
  photo: PhotoSettings;
  ocr: OcrSettings;
  maxBytes: number;
  ocrWorkers: number;
  /** Photos decoded and checked at once; the rest wait in a bounded line (503 beyond it). */
  concurrency: number;
  maxWaiting: number;
  now?: () => Date;
}

function poolOptions(ocr: OcrSettings): OcrPoolOptions {
  return {
    model: ocr.model,
    jobsPerWorker: ocr.jobsPerWorker,
    maxQueue: ocr.maxQueue,
    retryAfterSeconds: ocr.retryAfterSeconds,
    jobTimeoutMs: ocr.jobTimeoutMs,
    maxWaitMs: ocr.maxWaitMs,
  };
}

/**
 * The whole photo diagnosis behind one bounded queue: decoding (libvips threads), the pixel
 * measures (worker threads) and OCR (tesseract workers) all stay off the event loop, and at most
 * `concurrency + maxWaiting` photos are held in memory at any time.
 */
export class PhotoService {
  /** The `chi_sim` worker, started on the first Chinese resident ID front (its model costs memory only then). */
  private chinesePool?: Promise<OcrPool>;

  private constructor(
    private readonly options: PhotoServiceOptions,
    private readonly ocr: OcrPool,
    private readonly pixels: PixelWorkerPool,
    private readonly queue: BoundedQueue,
  ) {}

  /** Starts the OCR workers (about half a second each) so the first user does not wait for them. */
  static async create(options: PhotoServiceOptions): Promise<PhotoService> {
    // Every image arrives as a buffer and is read once: libvips' operation cache only holds memory.
    sharp.cache(false);
    const ocr = await OcrPool.create({ ...poolOptions(options.ocr), size: options.ocrWorkers });
    const pixels = new PixelWorkerPool(options.photo.pixelWorkers);
    return new PhotoService(
      options,
      ocr,
      pixels,
      new BoundedQueue(options.concurrency, options.maxWaiting, options.ocr.retryAfterSeconds),
    );
  }

  /** The diagnosis, plus what the MRZ says about the document for a later information check. */
  async diagnose(bytes: Buffer): Promise<PhotoDiagnosis & { reading?: MrzDocument }> {
    const textChecks = createTextChecks(this.ocr, this.options.ocr, {
      findBands: (image) => this.pixels.mrzBands(image, this.options.ocr.mrz.bands),
      chinese: () => ({ recognize: async (job) => (await this.chinese()).recognize(job) }),
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    const diagnosis = await this.queue.run(() =>
      diagnosePhoto(bytes, {
        settings: this.options.photo,
        maxBytes: this.options.maxBytes,
        textChecks,
        pixelWorkers: this.pixels,
      }),
    );
    return diagnosis.mrz
      ? { ...diagnosis, reading: mrzDocument(diagnosis.mrz.format, diagnosis.mrz.lines, this.options.now?.()) }
      : diagnosis;
  }

  private chinese(): Promise<OcrPool> {
    this.chinesePool ??= OcrPool.create({ ...poolOptions(this.options.ocr), size: 1, language: 'chi_sim' }).catch(
      (error: unknown) => {
        this.chinesePool = undefined;
        throw error;
      },
    );
    return this.chinesePool;
  }

  /** For /readyz: the OCR workers are up. */
  ready(): Promise<void> {
    return this.ocr.ready() ? Promise.resolve() : Promise.reject(new Error('OCR workers are not running'));
  }

  async close(): Promise<void> {
    await this.ocr.close();
    await this.chinesePool?.then((pool) => pool.close()).catch(() => undefined);
    await this.pixels.close();
  }
}
