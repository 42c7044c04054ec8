import type { SqlDatabase } from './sqlDatabase';

/**
 * One step of a component's schema. Each component (bot state, tickets, ...) numbers its own
 * migrations 1, 2, 3, ... so components can evolve without coordinating version numbers.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements for both databases, or each its own; run in the transaction of the bookkeeping row. */
  readonly sql: string | { readonly sqlite: string; readonly postgres: string };
}

/** Column types where the databases spell them differently (TEXT and INTEGER they share). */
const COLUMN_TYPES = {
  sqlite: {
    /** ISO-8601 UTC text on SQLite, which sorts and compares like time. */
    time: 'TEXT',
    json: (column: string) => `TEXT CHECK (json_valid(${column}))`,
    serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
    /** SQLite leaves foreign keys unenforced, so the stores delete a ticket's rows themselves. */
    ticketReference: '',
    now: "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
  },
  postgres: {
    time: 'timestamptz',
    /** `json` rather than `jsonb`: jsonb rejects "\u0000" in strings and reorders object keys. */
    json: () => 'json',
    serialKey: 'bigserial PRIMARY KEY',
    ticketReference: 'REFERENCES tickets (number) ON DELETE CASCADE',
    now: 'now()',
  },
} as const;

export type ColumnTypes = (typeof COLUMN_TYPES)[keyof typeof COLUMN_TYPES];

/** A migration written once, in the column types of each database. */
export function bothDialects(ddl: (types: ColumnTypes) => string): { sqlite: string; postgres: string } {
  return { sqlite: ddl(COLUMN_TYPES.sqlite), postgres: ddl(COLUMN_TYPES.postgres) };
}

const MIGRATIONS_TABLE = bothDialects(
  (t) => `CREATE TABLE IF NOT EXISTS schema_migrations (
    component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,
    applied_at ${t.time} NOT NULL DEFAULT ${t.now}, PRIMARY KEY (component, version)
  )`,
);

/**
 * Applies the component's pending migrations in one write transaction, so processes opening the
 * database together apply each exactly once, and a failing step leaves nothing. Returns the versions
 * applied; throws on a list not numbered 1, 2, 3, ... or a database from a newer build.
 */
export function runMigrations(
  database: SqlDatabase,
  component: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  const misnumbered = migrations.findIndex((migration, index) => migration.version !== index + 1);
  if (misnumbered !== -1) {
    const message = `Migrations of "${component}" must be numbered 1, 2, 3, ... in order; position ${misnumbered + 1} has version ${migrations[misnumbered]?.version}.`;
    return Promise.reject(new Error(message));
  }
  return database.write(async (db) => {
    await database.lockMigrations(db);
    await database.runScript(db, MIGRATIONS_TABLE[database.kind]);
    const rows = await db
      .selectFrom('schema_migrations')
      .select('version')
      .where('component', '=', component)
      .execute();
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length) {
      throw new Error(
        `The database schema of "${component}" is at version ${newest}, newer than this build knows (${migrations.length}).`,
      );
    }
    const pending = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      const script = typeof migration.sql === 'string' ? migration.sql : migration.sql[database.kind];
      if (script !== '') await database.runScript(db, script);
      await db
        .insertInto('schema_migrations')
        .values({ component, version: migration.version, name: migration.name })
        .execute();
    }
    return pending.map((migration) => migration.version);
  });
}
