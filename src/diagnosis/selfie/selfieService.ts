import { BoundedQueue } from '../boundedQueue';
import { diagnoseSelfie, type SelfieDiagnosis } from './diagnoseSelfie';
import { FaceWorkerPool } from './faceWorkerPool';
import type { SelfieSettings } from './selfieSettings';

export interface SelfieServiceOptions {
  settings: SelfieSettings;
  maxBytes: number;
  maxPixels: number;
  heicConcurrency: number;
}

/** Runs the selfie checks on bytes in memory; throws PhotoInputError or OverloadedError. */
export interface SelfieDiagnoser {
  diagnose(bytes: Buffer): Promise<SelfieDiagnosis>;
}

/**
 * The selfie checks behind one bounded queue: decoding in libvips threads, the face model and
 * pixel measures in worker threads; at most `concurrency + maxWaiting` selfies in memory, one
 * more is refused at once (503 + Retry-After at the HTTP edge, "busy" in the chat).
 */
export class SelfieService implements SelfieDiagnoser {
  private readonly pool: FaceWorkerPool;
  private readonly queue: BoundedQueue;

  constructor(private readonly options: SelfieServiceOptions) {
    const { settings } = options;
    this.pool = new FaceWorkerPool(settings.workers, settings.analysis, settings.jobTimeoutMs);
    this.queue = new BoundedQueue(settings.concurrency, settings.maxWaiting, settings.retryAfterSeconds);
  }

  diagnose(bytes: Buffer): Promise<SelfieDiagnosis> {
    return this.queue.run(() =>
      diagnoseSelfie(bytes, {
        settings: this.options.settings,
        maxBytes: this.options.maxBytes,
        maxPixels: this.options.maxPixels,
        heicConcurrency: this.options.heicConcurrency,
        measure: (rgb, width, height) => this.pool.measure(rgb, width, height),
      }),
    );
  }

  /** Resolves once the face model is loaded in every worker. */
  warm(): Promise<void> {
    return this.pool.warm();
  }

  /** For /readyz. */
  ready(): Promise<void> {
    return this.pool.ready() ? Promise.resolve() : Promise.reject(new Error('face model is not loaded'));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
