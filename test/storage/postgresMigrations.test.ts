import { createPostgresPool } from '../../src/storage/postgresPool';
import { runPostgresMigrations } from '../../src/storage/postgresMigrations';
import { migrationRunnerContract } from './migrationRunnerContract';
import { usePostgresTestSchema } from './postgresTestSchema';

describe('runPostgresMigrations', function () {
  const database = usePostgresTestSchema();

  migrationRunnerContract('PostgreSQL', async () => {
    const pool = createPostgresPool(database().url);
    return {
      run: (component, migrations) => runPostgresMigrations(pool, component, migrations),
      tableNames: async () => {
        const { rows } = await pool.query<{ name: unknown }>(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
        );
        return rows.map((row) => row.name).filter((name): name is string => typeof name === 'string');
      },
      recordedVersions: async (component) => {
        const exists = await pool.query("SELECT 1 WHERE to_regclass('schema_migrations') IS NOT NULL");
        if (exists.rowCount === 0) {
          return [];
        }
        const { rows } = await pool.query<{ version: unknown }>(
          'SELECT version FROM schema_migrations WHERE component = $1 ORDER BY version',
          [component],
        );
        return rows.map((row) => row.version).filter((version): version is number => typeof version === 'number');
      },
      close: () => pool.end(),
    };
  });
});
