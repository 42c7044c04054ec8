import { sql } from 'kysely';
import { runMigrations } from '../../src/storage/migration';
import { openSqliteDatabase } from '../../src/storage/sqliteDialect';
import { migrationRunnerContract } from './migrationRunnerContract';

migrationRunnerContract('SQLite', async () => {
  const database = openSqliteDatabase(':memory:');
  const tableNames = async (): Promise<string[]> =>
    (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(database.db)).rows.map(
      (row) => row.name,
    );
  return {
    run: (component, migrations) => runMigrations(database, component, migrations),
    tableNames,
    recordedVersions: async (component) =>
      (await tableNames()).includes('schema_migrations')
        ? (
            await database.db
              .selectFrom('schema_migrations')
              .select('version')
              .where('component', '=', component)
              .orderBy('version')
              .execute()
          ).map((row) => row.version)
        : [],
    close: () => database.close(),
  };
});
