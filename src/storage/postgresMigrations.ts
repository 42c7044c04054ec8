import type { Pool } from 'pg';
import { planMigrations, type Migration } from './migration';
import { withPostgresTransaction } from './postgresTransaction';

const createMigrationsTable = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    component  text        NOT NULL,
    version    integer     NOT NULL,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (component, version)
  )`;

/**
 * Applies the component's pending migrations in one transaction in the connection's current
 * schema. An advisory lock serialises bot processes that start together against one database
 * (even CREATE TABLE IF NOT EXISTS races without it). Returns the versions applied.
 */
export async function runPostgresMigrations(
  pool: Pool,
  component: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  return withPostgresTransaction(pool, async (client) => {
    await client.query(
      "SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || '.schema_migrations'))",
    );
    await client.query(createMigrationsTable);
    const { rows } = await client.query<{ version: unknown }>(
      'SELECT version FROM schema_migrations WHERE component = $1',
      [component],
    );
    const applied = rows.map((row) => row.version).filter((version): version is number => typeof version === 'number');
    const pending = planMigrations(component, migrations, applied);
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
        component,
        migration.version,
        migration.name,
      ]);
    }
    return pending.map((migration) => migration.version);
  });
}
