import type { Database } from 'better-sqlite3';
import { planMigrations, type Migration } from './migration';

const createMigrationsTable = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    component  TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (component, version)
  )`;

/**
 * Applies the component's pending migrations in one IMMEDIATE transaction, so two processes
 * opening the same file at once apply each migration exactly once. Returns the versions applied.
 */
export function runSqliteMigrations(db: Database, component: string, migrations: readonly Migration[]): number[] {
  const migrate = db.transaction((): number[] => {
    db.exec(createMigrationsTable);
    const applied = db
      .prepare('SELECT version FROM schema_migrations WHERE component = ?')
      .pluck()
      .all(component)
      .filter((version): version is number => typeof version === 'number');
    const pending = planMigrations(component, migrations, applied);
    const record = db.prepare('INSERT INTO schema_migrations (component, version, name) VALUES (?, ?, ?)');
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(component, migration.version, migration.name);
    }
    return pending.map((migration) => migration.version);
  });
  return migrate.immediate();
}
