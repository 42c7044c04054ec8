import { sql } from 'kysely';
import { runMigrations } from '../../src/storage/migration';
import { createPostgresPool, openPostgresDatabase } from '../../src/storage/postgresDialect';
import { migrationRunnerContract } from './migrationRunnerContract';
import { usePostgresTestSchema } from './postgresTestSchema';

describe('PostgreSQL migrations', function () {
  const schema = usePostgresTestSchema();

  migrationRunnerContract('PostgreSQL', async () => {
    const database = openPostgresDatabase(createPostgresPool(schema().url));
    return {
      run: (component, migrations) => runMigrations(database, component, migrations),
      tableNames: async () =>
        (
          await sql<{
            name: string;
          }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(
            database.db,
          )
        ).rows.map((row) => row.name),
      recordedVersions: async (component) => {
        const exists = await sql`SELECT 1 WHERE to_regclass('schema_migrations') IS NOT NULL`.execute(database.db);
        if (exists.rows.length === 0) return [];
        const rows = await database.db
          .selectFrom('schema_migrations')
          .select('version')
          .where('component', '=', component)
          .orderBy('version')
          .execute();
        return rows.map((row) => row.version);
      },
      close: () => database.close(),
    };
  });
});
