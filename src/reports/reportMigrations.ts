import type { Migration } from '../storage/migration';

/** The `reports` component's schema (see storage/migrations.ts for the rules). */
export const REPORT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create report_counts',
    // A day is 'YYYY-MM-DD' (UTC), so ranges compare as text on both databases.
    sql: `CREATE TABLE report_counts (
      day     TEXT NOT NULL,
      metric  TEXT NOT NULL,
      subject TEXT NOT NULL,
      count   BIGINT NOT NULL CHECK (count >= 0),
      PRIMARY KEY (day, metric, subject)
    )`,
  },
];
