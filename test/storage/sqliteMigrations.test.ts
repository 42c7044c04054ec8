import BetterSqlite3 from 'better-sqlite3';
import { runSqliteMigrations } from '../../src/storage/sqliteMigrations';
import { migrationRunnerContract } from './migrationRunnerContract';

migrationRunnerContract('SQLite', async () => {
  const db = new BetterSqlite3(':memory:');
  const tableNames = (): string[] =>
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all()
      .filter((name): name is string => typeof name === 'string');
  return {
    run: async (component, migrations) => runSqliteMigrations(db, component, migrations),
    tableNames: async () => tableNames(),
    recordedVersions: async (component) =>
      tableNames().includes('schema_migrations')
        ? db
            .prepare('SELECT version FROM schema_migrations WHERE component = ? ORDER BY version')
            .pluck()
            .all(component)
            .filter((version): version is number => typeof version === 'number')
        : [],
    close: async () => {
      db.close();
    },
  };
});
