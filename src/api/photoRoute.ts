import type { Request, Server } from 'restify';
import type { CheckResult } from '../diagnosis/photo/checkResult';
import type { DocumentFacts } from '../diagnosis/photo/documentImage';
import { maskDocumentNumber } from '../diagnosis/ocr/textChecks';
import { isPhotoInputError } from '../diagnosis/photo/photoInputError';
import type { PhotoDiagnoser } from '../conversation/photoCheckDialog';
import type { Locale } from '../i18n/locales';
import { OverloadedError } from '../diagnosis/overloadedError';
import { assertBearer } from '../http/bearerAuth';
import { HttpError } from '../http/httpError';
import type { RateLimiter } from '../http/rateLimiter';
import { route } from '../http/route';
import type { Localizer } from '../i18n/localizer';
import { resolveAcceptLanguage, resolveLocale } from '../i18n/resolveLocale';
import { readPhotoUpload } from './photoUpload';

export interface PhotoRouteDeps {
  diagnoser: PhotoDiagnoser;
  localizer: Localizer;
  apiKey: string | undefined;
  maxBytes: number;
  limiter: RateLimiter;
  onUnexpected: (error: unknown) => void;
}

/** Document numbers leave the server as their last 4 characters only (DESIGN.md, Privacy), whoever produced them. */
function publicDocument(document: DocumentFacts): Record<string, unknown> {
  const mrz = document.mrz
    ? Object.fromEntries(
        Object.entries(document.mrz).map(([k, v]) => [
          k,
          /documentnumber/i.test(k) && v ? maskDocumentNumber(v.replace(/</g, '')) : v,
        ]),
      )
    : undefined;
  return {
    type: document.type ?? 'unknown',
    issuer: document.issuer,
    accepted: document.accepted,
    notAcceptedReason: document.notAcceptedReason,
    mrz,
    expiryDate: document.expiryDate,
    expired: document.expired,
  };
}

function requestLocale(req: Request, fallback: Locale): Locale {
  const query = new URL(req.url ?? '/', 'http://local').searchParams.get('locale');
  return query ? resolveLocale(query, fallback) : resolveAcceptLanguage(req.header('accept-language'), fallback);
}

/** Rate-limit key: the API key holder when keys are on, else the remote address. */
function clientKey(req: Request): string {
  return req.header('authorization') || req.socket.remoteAddress || 'unknown';
}

/** `POST /api/diagnose/photo`: the bot's photo checks for a KYC front end, before the user submits. */
export function registerPhotoRoute(server: Server, deps: PhotoRouteDeps): void {
  server.post(
    '/api/diagnose/photo',
    route(
      async (req, res) => {
        assertBearer(req, deps.apiKey);
        const decision = deps.limiter.take(clientKey(req));
        if (!decision.allowed) {
          req.resume();
          throw new HttpError(429, 'rate_limited', 'Too many photos; try again shortly.', {
            'Retry-After': String(decision.retryAfterSeconds),
          });
        }
        const locale = requestLocale(req, deps.localizer.defaultLocale);
        const t = deps.localizer.t(locale);
        const bytes = await readPhotoUpload(req, deps.maxBytes);
        try {
          const diagnosis = await deps.diagnoser.diagnose(bytes);
          const checks = diagnosis.checks.map((check: CheckResult) => ({
            id: check.id,
            status: check.status,
            measured: check.measured,
            threshold: check.threshold,
            message: t(`photo:${check.messageKey}`, check.messageParams),
          }));
          res.json({
            verdict: diagnosis.verdict,
            checks,
            ...(diagnosis.document ? { document: publicDocument(diagnosis.document) } : {}),
            timingsMs: diagnosis.timingsMs,
          });
        } catch (error) {
          if (isPhotoInputError(error))
            throw new HttpError(error.httpStatus, error.code, t(`photo:${error.messageKey}`));
          if (error instanceof OverloadedError) {
            throw new HttpError(503, 'overloaded', t('photoChat:busy'), {
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
