import type { Server } from 'restify';
import type { CheckResult } from '../diagnosis/photo/checkResult';
import type { DocumentFacts } from '../diagnosis/photo/documentImage';
import { maskDocumentNumber } from '../diagnosis/documentNumberMask';
import type { PhotoDiagnoser } from '../diagnosis/photoDiagnoser';
import { checkOutcome, type OutcomeRecorder } from '../reports/outcomes';
import { registerImageRoute, type ImageRouteDeps } from './imageRoute';

export interface PhotoRouteDeps extends ImageRouteDeps {
  /** Counts each verdict and check status for the reports (ids only). */
  outcomes?: OutcomeRecorder;
  diagnoser: PhotoDiagnoser;
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

/** `POST /api/diagnose/photo`: the bot's photo checks for a KYC front end, before the user submits. */
export function registerPhotoRoute(server: Server, deps: PhotoRouteDeps): void {
  registerImageRoute(server, deps, {
    path: '/api/diagnose/photo',
    tooMany: 'Too many photos; try again shortly.',
    busyKey: 'photoChat:busy',
    answer: async (bytes, t) => {
      const diagnosis = await deps.diagnoser.diagnose(bytes);
      deps.outcomes?.record(checkOutcome('photoChecked', diagnosis));
      const checks = diagnosis.checks.map((check: CheckResult) => ({
        id: check.id,
        status: check.status,
        measured: check.measured,
        threshold: check.threshold,
        message: t(`photo:${check.messageKey}`, check.messageParams),
      }));
      return {
        verdict: diagnosis.verdict,
        checks,
        ...(diagnosis.document ? { document: publicDocument(diagnosis.document) } : {}),
        timingsMs: diagnosis.timingsMs,
      };
    },
  });
}
