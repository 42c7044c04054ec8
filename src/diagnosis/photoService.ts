import { BoundedQueue } from './boundedQueue';
import { OcrPool } from './ocr/ocrPool';
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

/**
 * The whole photo diagnosis behind one bounded queue: decoding (libvips threads), the pixel
 * measures (worker threads) and OCR (tesseract workers) all stay off the event loop, and at most
 * `concurrency + maxWaiting` photos are held in memory at any time.
 */
export class PhotoService {
  private constructor(
    private readonly options: PhotoServiceOptions,
    private readonly ocr: OcrPool,
    private readonly pixels: PixelWorkerPool,
    private readonly queue: BoundedQueue,
  ) {}

  /** Starts the OCR workers (about half a second each) so the first user does not wait for them. */
  static async create(options: PhotoServiceOptions): Promise<PhotoService> {
    const ocr = await OcrPool.create({
      size: options.ocrWorkers,
      model: options.ocr.model,
      jobsPerWorker: options.ocr.jobsPerWorker,
      maxQueue: options.ocr.maxQueue,
      retryAfterSeconds: options.ocr.retryAfterSeconds,
      jobTimeoutMs: options.ocr.jobTimeoutMs,
      maxWaitMs: options.ocr.maxWaitMs,
    });
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

  /** For /readyz: the OCR workers are up. */
  ready(): Promise<void> {
    return this.ocr.ready() ? Promise.resolve() : Promise.reject(new Error('OCR workers are not running'));
  }

  async close(): Promise<void> {
    await this.ocr.close();
    await this.pixels.close();
  }
}
