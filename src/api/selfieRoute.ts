import type { Server } from 'restify';
import { OverloadedError } from '../diagnosis/overloadedError';
import { isPhotoInputError } from '../diagnosis/photo/photoInputError';
import type { SelfieDiagnoser } from '../diagnosis/selfie/selfieService';
import { assertBearer } from '../http/bearerAuth';
import { HttpError } from '../http/httpError';
import type { RateLimiter } from '../http/rateLimiter';
import { route } from '../http/route';
import type { Localizer } from '../i18n/localizer';
import { clientKey, requestLocale } from './photoRoute';
import { readPhotoUpload } from './photoUpload';

export interface SelfieRouteDeps {
  diagnoser: SelfieDiagnoser;
  localizer: Localizer;
  apiKey: string | undefined;
  maxBytes: number;
  limiter: RateLimiter;
  onUnexpected: (error: unknown) => void;
}

/**
 * `POST /api/diagnose/selfie`: the bot's selfie checks for a KYC front end, before the live face
 * check. Same body rules, limits, auth and errors as the photo API; the selfie is never kept.
 */
export function registerSelfieRoute(server: Server, deps: SelfieRouteDeps): void {
  server.post(
    '/api/diagnose/selfie',
    route(
      async (req, res) => {
        assertBearer(req, deps.apiKey);
        const decision = deps.limiter.take(clientKey(req));
        if (!decision.allowed) {
          req.resume();
          throw new HttpError(429, 'rate_limited', 'Too many selfies; try again shortly.', {
            'Retry-After': String(decision.retryAfterSeconds),
          });
        }
        const t = deps.localizer.t(requestLocale(req, deps.localizer.defaultLocale));
        const bytes = await readPhotoUpload(req, deps.maxBytes);
        try {
          const diagnosis = await deps.diagnoser.diagnose(bytes);
          res.json({
            verdict: diagnosis.verdict,
            checks: diagnosis.checks.map((check) => ({
              id: check.id,
              status: check.status,
              measured: check.measured,
              threshold: check.threshold,
              message: t(`selfie:${check.messageKey}`, check.messageParams),
            })),
            confirm: diagnosis.confirm.map((id) => ({ id, message: t(`selfie:confirm.${id}`) })),
            timingsMs: diagnosis.timingsMs,
          });
        } catch (error) {
          if (isPhotoInputError(error))
            throw new HttpError(error.httpStatus, error.code, t(`photo:${error.messageKey}`));
          if (error instanceof OverloadedError) {
            throw new HttpError(503, 'overloaded', t('selfie:chat.busy'), {
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
