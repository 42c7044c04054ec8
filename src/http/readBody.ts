import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpError';

/**
 * The request body in memory, at most `maxBytes` (413 past it, as soon as the cap is crossed,
 * without keeping the excess). Nothing is written to disk.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.reject(new HttpError(413, 'payload_too_large', 'The request body is larger than allowed.'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        chunks.length = 0;
        reject(new HttpError(413, 'payload_too_large', 'The request body is larger than allowed.'));
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', () => reject(new HttpError(400, 'bad_request', 'The request body could not be read.')));
  });
}
