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

/** Column types as each database spells them. */
export interface ColumnTypes {
  readonly text: string;
  readonly integer: string;
  /** ISO-8601 UTC text on SQLite, which sorts and compares like time. */
  readonly time: string;
  /** `json` rather than `jsonb` on PostgreSQL: jsonb rejects "\u0000" in strings and reorders object keys. */
  json(column: string): string;
  readonly serialKey: string;
  /** SQLite leaves foreign keys unenforced, so the stores delete a ticket's rows themselves. */
  readonly ticketReference: string;
  readonly now: string;
}

const COLUMN_TYPES: { readonly sqlite: ColumnTypes; readonly postgres: ColumnTypes } = {
  sqlite: {
    text: 'TEXT',
    integer: 'INTEGER',
    time: 'TEXT',
    json: (column) => `TEXT CHECK (json_valid(${column}))`,
    serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
    ticketReference: '',
    now: "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
  },
  postgres: {
    text: 'text',
    integer: 'integer',
    time: 'timestamptz',
    json: () => 'json',
    serialKey: 'bigserial PRIMARY KEY',
    ticketReference: 'REFERENCES tickets (number) ON DELETE CASCADE',
    now: 'now()',
  },
};

/** A migration written once, in the column types of each database. */
export function bothDialects(ddl: (types: ColumnTypes) => string): { sqlite: string; postgres: string } {
  return { sqlite: ddl(COLUMN_TYPES.sqlite), postgres: ddl(COLUMN_TYPES.postgres) };
}

const MIGRATIONS_TABLE = bothDialects(
  (t) => `CREATE TABLE IF NOT EXISTS schema_migrations (
    component ${t.text} NOT NULL, version ${t.integer} NOT NULL, name ${t.text} NOT NULL,
    applied_at ${t.time} NOT NULL DEFAULT ${t.now}, PRIMARY KEY (component, version)
  )`,
);

/** The migrations still to apply, in order; throws on a malformed list or a database from a newer build. */
export function planMigrations(
  component: string,
  migrations: readonly Migration[],
  appliedVersions: readonly number[],
): Migration[] {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations of "${component}" must be numbered 1, 2, 3, ... in order; position ${index + 1} has version ${migration.version}.`,
      );
    }
  });
  const newestApplied = Math.max(0, ...appliedVersions);
  if (newestApplied > migrations.length) {
    throw new Error(
      `The database schema of "${component}" is at version ${newestApplied}, newer than this build knows (${migrations.length}).`,
    );
  }
  const applied = new Set(appliedVersions);
  return migrations.filter((migration) => !applied.has(migration.version));
}

/**
 * Applies the component's pending migrations in one write transaction, so processes opening the
 * database together apply each exactly once, and a failing step leaves nothing. Returns the versions applied.
 */
export function runMigrations(
  database: SqlDatabase,
  component: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  return database.write(async (db) => {
    await database.lockMigrations(db);
    await database.runScript(db, MIGRATIONS_TABLE[database.kind]);
    const applied = await db
      .selectFrom('schema_migrations')
      .select('version')
      .where('component', '=', component)
      .execute();
    const pending = planMigrations(
      component,
      migrations,
      applied.map((row) => row.version),
    );
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
