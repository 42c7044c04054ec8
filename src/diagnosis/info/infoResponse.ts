import { maskDocumentNumber } from '../documentNumberMask';
import type { InfoCheckResult, InfoField, InfoFinding } from './infoFinding';
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

/** Message parameters that carry a document number, whatever the finding's field. */
const NUMBER_PARAMS = new Set(['mrzNumber']);
/** ...and those that carry the finding's own value, a document number on a documentNumber finding. */
const VALUE_PARAMS = new Set(['entered', 'document', 'suggestion']);

/**
 * A document number leaves the API masked to its last 4 characters, as from the photo API
 * (DESIGN.md, Privacy): the caller already has what the user typed, and `positions` still point
 * at the right character because the mask keeps the length.
 */
function masked(finding: InfoFinding): InfoFinding {
  const isNumber = finding.field === 'documentNumber';
  const mask = (value: string | undefined): string | undefined =>
    value === undefined || !isNumber ? value : maskDocumentNumber(value);
  const messageParams = Object.fromEntries(
    Object.entries(finding.messageParams).map(([name, value]) => [
      name,
      typeof value === 'string' && (NUMBER_PARAMS.has(name) || (isNumber && VALUE_PARAMS.has(name)))
        ? maskDocumentNumber(value)
        : value,
    ]),
  );
  return {
    ...finding,
    entered: mask(finding.entered) ?? '',
    document: mask(finding.document),
    suggestion: mask(finding.suggestion),
    messageParams,
  };
}

/**
 * Shapes a check result for the HTTP API, document numbers masked. `translate` is the request locale's translator bound
 * to namespace `info` (e.g. `i18next.getFixedT(locale, 'info')`), passed in so this module
 * stays free of i18n.
 */
export function toInfoResponse(
  result: InfoCheckResult,
  translate: (key: string, params: Record<string, string | number>) => string,
): InfoResponse {
  return {
    match: result.match,
    findings: result.findings.map(masked).map((finding) => {
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
