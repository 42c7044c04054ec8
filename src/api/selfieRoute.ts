import type { Server } from 'restify';
import type { SelfieDiagnoser } from '../diagnosis/selfie/selfieService';
import { checkOutcome, type OutcomeRecorder } from '../reports/outcomes';
import { registerImageRoute, type ImageRouteDeps } from './imageRoute';

export interface SelfieRouteDeps extends ImageRouteDeps {
  /** Counts each verdict and check status for the reports (ids only). */
  outcomes?: OutcomeRecorder;
  diagnoser: SelfieDiagnoser;
}

/**
 * `POST /api/diagnose/selfie`: the bot's selfie checks for a KYC front end, before the live face
 * check. Same body rules, limits, auth and errors as the photo API; the selfie is never kept.
 */
export function registerSelfieRoute(server: Server, deps: SelfieRouteDeps): void {
  registerImageRoute(server, deps, {
    path: '/api/diagnose/selfie',
    tooMany: 'Too many selfies; try again shortly.',
    busyKey: 'selfie:chat.busy',
    answer: async (bytes, t) => {
      const diagnosis = await deps.diagnoser.diagnose(bytes);
      deps.outcomes?.record(checkOutcome('selfieChecked', diagnosis));
      return {
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
      };
    },
  });
}
