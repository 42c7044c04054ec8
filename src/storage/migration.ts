import type { Db, SqlDatabase } from './sqlDatabase';

/** SQL statements, or code for what SQL cannot do (e.g. computing a hash per row). */
export type MigrationStep = string | ((db: Db) => Promise<void>);

/**
 * One step of a component's schema. Each component (bot state, tickets, ...) numbers its own
 * migrations 1, 2, 3, ... so components can evolve without coordinating version numbers.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The same for both databases, or each its own; run in the transaction of the bookkeeping row. */
  readonly sql: MigrationStep | { readonly sqlite: MigrationStep; readonly postgres: MigrationStep };
}

const MIGRATIONS_TABLE = {
  sqlite: `
    CREATE TABLE IF NOT EXISTS schema_migrations (
      component  TEXT    NOT NULL,
      version    INTEGER NOT NULL,
      name       TEXT    NOT NULL,
      applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      PRIMARY KEY (component, version)
    )`,
  postgres: `
    CREATE TABLE IF NOT EXISTS schema_migrations (
      component  text        NOT NULL,
      version    integer     NOT NULL,
      name       text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`,
} as const;

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
  const { dialect } = database;
  return dialect.write(async (db) => {
    await dialect.lockMigrations(db);
    await dialect.runScript(db, MIGRATIONS_TABLE[dialect.kind]);
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
      const step = typeof migration.sql === 'object' ? migration.sql[dialect.kind] : migration.sql;
      if (typeof step === 'string') await dialect.runScript(db, step);
      else await step(db);
      await db
        .insertInto('schema_migrations')
        .values({ component, version: migration.version, name: migration.name })
        .execute();
    }
    return pending.map((migration) => migration.version);
  });
}
