import type { InfoCheckResult, InfoField } from './infoFinding';
import type { InfoRuleId } from './infoRuleIds';

/** One finding as `POST /api/diagnose/info` returns it: the message rendered, keys dropped. */
export interface InfoResponseFinding {
  field: InfoField;
  rule: InfoRuleId;
  entered: string;
  document?: string;
  positions: number[];
  suggestion?: string;
  message: string;
}

export interface InfoResponse {
  match: boolean;
  findings: InfoResponseFinding[];
}

/**
 * Shapes a check result for the HTTP API. `translate` is the request locale's translator bound
 * to namespace `info` (e.g. `i18next.getFixedT(locale, 'info')`), passed in so this module
 * stays free of i18n.
 */
export function toInfoResponse(
  result: InfoCheckResult,
  translate: (key: string, params: Record<string, string | number>) => string,
): InfoResponse {
  return {
    match: result.match,
    findings: result.findings.map((finding) => {
      const out: InfoResponseFinding = {
        field: finding.field,
        rule: finding.rule,
        entered: finding.entered,
        positions: finding.positions,
        message: translate(finding.messageKey, finding.messageParams),
      };
      if (finding.document !== undefined) out.document = finding.document;
      if (finding.suggestion !== undefined) out.suggestion = finding.suggestion;
      return out;
    }),
  };
}
