import { REPORT_MIGRATIONS } from '../storage/migrations';
import { openDatabase, type OpenDatabaseOptions } from '../storage/openDatabase';
import type { SqlDatabase } from '../storage/sqlDatabase';
import type { Increment } from './reportMetrics';

export interface CounterRow extends Increment {
  readonly count: number;
}

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
    await this.database.write(async (db) => {
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

  /** Every counter of the days from `from` to `to` (inclusive, `YYYY-MM-DD`). */
  async rows(from: string, to: string): Promise<CounterRow[]> {
    return this.database.db
      .selectFrom('report_counts')
      .select(['day', 'metric', 'subject', 'count'])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute();
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
