import type { OutcomeReport } from './outcomeReport';

type Cell = string | number | null;

/** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. */
function cell(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as one long table (`section,key,measure,value`, a header row first), so a
 * spreadsheet can pivot any section; an empty value is "none yet" (a rate or average of nothing).
 */
export function reportCsv(report: OutcomeReport): string {
  const rows: Cell[][] = [['section', 'key', 'measure', 'value']];
  const push = (section: string, key: string, values: Record<string, Cell>): void => {
    for (const [measure, value] of Object.entries(values)) rows.push([section, key, measure, value]);
  };
  for (const { day, count } of report.conversations.perDay) push('conversations', day, { count });
  push('containment', 'all', { ...report.containment.overall });
  for (const { cause, ...counts } of report.containment.perCause) push('containment', cause, counts);
  for (const [section, checks] of [
    ['photo_checks', report.photoChecks],
    ['selfie_checks', report.selfieChecks],
  ] as const) {
    push(section, 'verdict', checks.verdicts);
    for (const { check, ...counts } of checks.checks) push(section, check, counts);
  }
  push('info_checks', 'result', { match: report.infoChecks.match, mismatch: report.infoChecks.mismatch });
  for (const { rule, count } of report.infoChecks.rules) push('info_rules', rule, { count });
  push('satisfaction', 'all', { ...report.satisfaction.overall });
  for (const { cause, ...rating } of report.satisfaction.perCause) push('satisfaction', cause, rating);
  for (const { source, ...rating } of report.satisfaction.perSource) push('satisfaction_source', source, rating);
  push('first_agent_reply', 'all', { ...report.firstAgentReply });
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
