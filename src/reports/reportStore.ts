import { openDatabase, type OpenDatabaseOptions } from '../storage/openDatabase';
import type { SqlDatabase } from '../storage/sqlDatabase';
import { sql } from 'kysely';
import { METRIC, type Increment } from './reportMetrics';
import { REPORT_MIGRATIONS } from './reportMigrations';
import { withReportCounts } from './reportRow';

export interface CounterRow extends Increment {
  readonly count: number;
}

/** A counter summed over the days of a range. */
export type TotalRow = Omit<CounterRow, 'day'>;

/** What a report reads: day by day where the report goes by day, summed over the range otherwise. */
export interface RangeCounts {
  readonly daily: readonly CounterRow[];
  readonly totals: readonly TotalRow[];
}

/** The metrics a report shows per day or needs per day (a walk-through's outcome counts on its start day). */
const DAILY_METRICS = [METRIC.conversation, METRIC.started, METRIC.resolved, METRIC.escalated];

/** 4 parameters a row: far below SQLite's and PostgreSQL's limits per statement. */
const ROWS_PER_STATEMENT = 500;

/**
 * report_counts on SQLite or PostgreSQL through one Kysely implementation. Adding is an upsert
 * that sums, so any number of processes write to the same rows and a report reads their total.
 */
export class ReportStore {
  constructor(private readonly database: SqlDatabase) {}

  /** Adds each row's count to its counter, in one transaction. */
  async add(rows: readonly CounterRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.database.write(async (connection) => {
      const db = withReportCounts(connection);
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        await db
          .insertInto('report_counts')
          .values(rows.slice(start, start + ROWS_PER_STATEMENT))
          .onConflict((conflict) =>
            conflict
              .columns(['day', 'metric', 'subject'])
              .doUpdateSet((eb) => ({ count: eb('report_counts.count', '+', eb.ref('excluded.count')) })),
          )
          .execute();
      }
    });
  }

  /**
   * The counters of the days from `from` to `to` (inclusive, `YYYY-MM-DD`), from one snapshot. The
   * database sums what a report needs only in total, so few rows leave it however many days there are.
   */
  async counts(from: string, to: string): Promise<RangeCounts> {
    return this.database.read(async (connection) => {
      const db = withReportCounts(connection);
      const inRange = db.selectFrom('report_counts').where('day', '>=', from).where('day', '<=', to);
      const daily = await inRange
        .select(['day', 'metric', 'subject', 'count'])
        .where('metric', 'in', DAILY_METRICS)
        .execute();
      const totals = await inRange
        .select(['metric', 'subject', sql<number>`CAST(SUM(count) AS BIGINT)`.as('count')])
        .where('metric', 'not in', DAILY_METRICS)
        .groupBy(['metric', 'subject'])
        .execute();
      return { daily, totals };
    });
  }

  ping(): Promise<void> {
    return this.database.ping();
  }

  close(): Promise<void> {
    return this.database.close();
  }
}

/** Opens report_counts in the database DATABASE_URL names, with the `reports` migrations applied. */
export async function openReportStore(databaseUrl: string, options: OpenDatabaseOptions = {}): Promise<ReportStore> {
  return new ReportStore(await openDatabase(databaseUrl, 'reports', REPORT_MIGRATIONS, options));
}
