import { OverloadedError } from '../overloadedError';

/** Thrown at once when the OCR queue is full; an OverloadedError, so every edge answers it as "busy". */
export class OcrBusyError extends OverloadedError {
  readonly code = 'OCR_BUSY';

  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds);
    this.message = 'OCR is busy: the job queue is full';
    this.name = 'OcrBusyError';
  }
}
