import type { Request, Response, Server } from 'restify';
import { AgentAuthenticator, type AgentCredential } from '../http/agentAuth';
import { HttpError } from '../http/httpError';
import { route } from '../http/route';
import { buildOutcomeReport } from '../reports/outcomeReport';
import { reportCsv } from '../reports/reportCsv';
import type { ReportStore } from '../reports/reportStore';

export interface ReportRouteDeps {
  readonly store: Pick<ReportStore, 'counts'>;
  /** The same tokens as the ticket API; with none the route is off (404). */
  readonly token: string | undefined;
  readonly agents?: readonly AgentCredential[];
  readonly now?: () => number;
  readonly onUnexpected: (error: unknown) => void;
}

/** A year and a day: a leap year's whole, with room to compare one year with the same day a year before. */
export const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day as `YYYY-MM-DD` (2026-02-30 is not one). */
function parseDay(name: string, value: string | undefined): number {
  if (value === undefined) throw new HttpError(400, 'bad_request', `Give "${name}" as YYYY-MM-DD.`);
  const time = DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new HttpError(400, 'bad_request', `"${name}" must be a date as YYYY-MM-DD, e.g. 2026-12-01.`);
  }
  return time;
}

interface ReportQuery {
  from: string;
  to: string;
  format: 'json' | 'csv';
}

function reportQuery(req: Request): ReportQuery {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const single = (name: string): string | undefined => {
    const values = query.getAll(name);
    if (values.length > 1) throw new HttpError(400, 'bad_request', `Give "${name}" once.`);
    return values[0];
  };
  const fromText = single('from');
  const toText = single('to');
  const from = parseDay('from', fromText);
  const to = parseDay('to', toText);
  if (to < from) throw new HttpError(400, 'bad_request', '"to" is before "from"; give the earlier day first.');
  if ((to - from) / DAY_MS + 1 > MAX_REPORT_DAYS) {
    throw new HttpError(
      400,
      'bad_request',
      `A report covers at most ${MAX_REPORT_DAYS} days; ask for a shorter range.`,
    );
  }
  const format = single('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'bad_request', 'format must be json or csv.');
  return { from: fromText ?? '', to: toText ?? '', format };
}

/** `GET /api/reports?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]`: the outcome counts of those UTC days. */
export function registerReportRoutes(server: Server, deps: ReportRouteDeps): void {
  const auth = new AgentAuthenticator(deps.token, deps.agents ?? []);
  const now = deps.now ?? Date.now;
  server.get(
    '/api/reports',
    route(
      async (req: Request, res: Response) => {
        if (!auth.enabled) throw new HttpError(404, 'not_found', 'Not found.');
        auth.authenticate(req);
        const { from, to, format } = reportQuery(req);
        const report = buildOutcomeReport(await deps.store.counts(from, to), from, to, now());
        if (format === 'json') {
          res.json(report);
          return;
        }
        res.sendRaw(200, reportCsv(report), {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="kyc-bot-report-${from}-${to}.csv"`,
          'Cache-Control': 'no-store',
        });
      },
      (error) => deps.onUnexpected(error),
    ),
  );
}
