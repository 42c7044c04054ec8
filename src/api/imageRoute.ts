import type { Request, Server } from 'restify';
import { OverloadedError } from '../diagnosis/overloadedError';
import { isPhotoInputError } from '../diagnosis/photo/photoInputError';
import { assertBearer } from '../http/bearerAuth';
import { callerAddress } from '../http/callerAddress';
import { HttpError } from '../http/httpError';
import type { RateLimiter } from '../http/rateLimiter';
import { route } from '../http/route';
import type { UploadGate } from '../http/uploadGate';
import type { Locale } from '../i18n/locales';
import type { Localizer, Translate } from '../i18n/localizer';
import { resolveAcceptLanguage, resolveLocale } from '../i18n/resolveLocale';
import { MULTIPART_OVERHEAD_BYTES, readPhotoUpload } from './photoUpload';

/** What every image-checking route needs: the same auth, limits and upload budget (DESIGN.md, HTTP surface). */
export interface ImageRouteDeps {
  localizer: Localizer;
  apiKey: string | undefined;
  maxBytes: number;
  limiter: RateLimiter;
  /** The process-wide upload budget, shared with the local Direct Line's uploads. */
  uploads: UploadGate;
  onUnexpected: (error: unknown) => void;
}

export interface ImageRoute {
  path: string;
  /** The 429 message (English: it answers a client, not a person). */
  tooMany: string;
  /** The localised 503 message when the worker queue is full. */
  busyKey: string;
  /** Checks the image and returns the JSON body; the bytes are never kept. */
  answer: (bytes: Buffer, t: Translate) => Promise<unknown>;
}

export function requestLocale(req: Request, fallback: Locale): Locale {
  const query = new URL(req.url ?? '/', 'http://local').searchParams.get('locale');
  return query ? resolveLocale(query, fallback) : resolveAcceptLanguage(req.header('accept-language'), fallback);
}

/**
 * Rate-limit key: the API key holder once the key was checked, else the address. Never a header
 * the caller makes up, or every new value would be a fresh bucket.
 */
function clientKey(req: Request, authenticated: boolean): string {
  return authenticated ? 'api-key' : `address:${callerAddress(req)}`;
}

/** Registers `POST <path>` taking an image body or multipart `photo`, answering with `route.answer`. */
export function registerImageRoute(server: Server, deps: ImageRouteDeps, image: ImageRoute): void {
  server.post(
    image.path,
    route(
      async (req, res) => {
        assertBearer(req, deps.apiKey);
        const decision = deps.limiter.take(clientKey(req, deps.apiKey !== undefined));
        if (!decision.allowed) {
          req.resume();
          throw new HttpError(429, 'rate_limited', image.tooMany, {
            'Retry-After': String(decision.retryAfterSeconds),
          });
        }
        const t = deps.localizer.t(requestLocale(req, deps.localizer.defaultLocale));
        // The budget covers bodies being received; once read, the worker queue bounds what waits.
        const release = deps.uploads.admit(req, deps.maxBytes + MULTIPART_OVERHEAD_BYTES, {
          perAddress: deps.apiKey === undefined,
        });
        try {
          const bytes = await readPhotoUpload(req, deps.maxBytes).finally(release);
          res.json(await image.answer(bytes, t));
        } catch (error) {
          if (isPhotoInputError(error))
            throw new HttpError(error.httpStatus, error.code, t(`photo:${error.messageKey}`));
          if (error instanceof OverloadedError) {
            throw new HttpError(503, 'overloaded', t(image.busyKey), {
              'Retry-After': String(error.retryAfterSeconds),
            });
          }
          throw error;
        }
      },
      (error) => deps.onUnexpected(error),
    ),
  );
}
