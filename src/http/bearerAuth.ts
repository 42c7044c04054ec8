import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';
import { HttpError } from './httpError';

/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Throws 401 unless the request carries `Authorization: Bearer <secret>`; no secret configured = open. */
export function assertBearer(req: Request, secret: string | undefined): void {
  if (!secret) return;
  const header = req.header('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match || !sameSecret(match[1], secret)) {
    throw new HttpError(401, 'unauthorized', 'A valid bearer token is required', { 'WWW-Authenticate': 'Bearer' });
  }
}
