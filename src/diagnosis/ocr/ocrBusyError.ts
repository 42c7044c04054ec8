/** Thrown at once when the OCR queue is full, so the caller can answer 503 with Retry-After. */
export class OcrBusyError extends Error {
  readonly code = 'OCR_BUSY';

  constructor(readonly retryAfterSeconds: number) {
    super('OCR is busy: the job queue is full');
    this.name = 'OcrBusyError';
  }
}
