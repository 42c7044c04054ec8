import type { IncomingMessage } from 'node:http';
import { callerAddress } from './callerAddress';
import { HttpError } from './httpError';

export interface UploadGateLimits {
  /** Bytes all uploads in flight may hold together, process-wide. */
  readonly budgetBytes: number;
  /** Uploads one address may have in flight at once. */
  readonly perAddress: number;
}

/** Releases what `admit` reserved; calling it again does nothing. */
export type UploadLease = () => void;

/** A stalled upload is dropped after the body timeout, so trying again a few seconds later is reasonable. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Admits an upload before a byte of its body is read: its declared size (or the most it may be)
 * must fit in the process-wide budget and its address must have room, otherwise 503 or 429 at
 * once. Memory for bodies being received therefore stays under the budget whatever clients do.
 */
export class UploadGate {
  private reservedBytes = 0;
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly limits: UploadGateLimits) {}

  /**
   * `maxBytes`: the largest body the route accepts; a smaller Content-Length reserves only that.
   * A refused body is drained, not read, so the error reaches the client. `perAddress: false` for
   * a caller that proved who it is (the photo API's key holder, a front end serving many users).
   */
  admit(req: IncomingMessage, maxBytes: number, options: { perAddress: boolean } = { perAddress: true }): UploadLease {
    const declared = Number(req.headers['content-length']);
    const bytes = Number.isFinite(declared) && declared >= 0 ? Math.min(declared, maxBytes) : maxBytes;
    const address = options.perAddress ? callerAddress(req) : undefined;
    const uploads = address === undefined ? 0 : (this.perAddress.get(address) ?? 0);
    if (uploads >= this.limits.perAddress) {
      req.resume();
      throw new HttpError(429, 'rate_limited', 'Too many uploads from this address at once; try again shortly.', {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
    if (this.reservedBytes + bytes > this.limits.budgetBytes) {
      req.resume();
      throw new HttpError(503, 'overloaded', 'The server is receiving too many uploads right now; try again shortly.', {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
    this.reservedBytes += bytes;
    if (address !== undefined) this.perAddress.set(address, uploads + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reservedBytes -= bytes;
      if (address === undefined) return;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    };
  }
}
