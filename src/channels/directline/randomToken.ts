import { randomBytes } from 'node:crypto';

/** An unguessable URL-safe string: 32 bytes of entropy unless told otherwise. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
