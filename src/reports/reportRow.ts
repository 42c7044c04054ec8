import type { Kysely } from 'kysely';
import type { Schema } from '../storage/schema';
import type { Db } from '../storage/sqlDatabase';

/**
 * Outcome counters (src/reports/): one row per UTC day, metric and subject (a cause, check or rule
 * id, never anything about a person); processes add to a row with ON CONFLICT, so they aggregate.
 */
export interface ReportCountsTable {
  day: string;
  metric: string;
  subject: string;
  count: number;
}

export type ReportsDb = Kysely<Schema & { report_counts: ReportCountsTable }>;

/** The bot's database seen with the report_counts table, which lives in this folder rather than storage/schema.ts. */
export function withReportCounts(db: Db): ReportsDb {
  return db.withTables<{ report_counts: ReportCountsTable }>();
}
