import { describePostgresUrl, parseDatabaseUrl } from './databaseUrl';
import { runMigrations, type Migration } from './migration';
import { createPostgresPool, openPostgresDatabase } from './postgresDialect';
import type { SqlDatabase } from './sqlDatabase';
import { openSqliteDatabase } from './sqliteDialect';

export interface OpenDatabaseOptions {
  /** Errors that happen outside any call (an idle PostgreSQL connection dropping); for logging. */
  readonly onBackgroundError?: (error: Error) => void;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens the database DATABASE_URL names (see parseDatabaseUrl) with the component's migrations
 * applied. Errors name DATABASE_URL and never echo credentials.
 */
export async function openDatabase(
  databaseUrl: string,
  component: string,
  migrations: readonly Migration[],
  options: OpenDatabaseOptions = {},
): Promise<SqlDatabase> {
  const location = parseDatabaseUrl(databaseUrl);
  let database: SqlDatabase | undefined;
  try {
    database =
      location.kind === 'sqlite'
        ? openSqliteDatabase(location.filePath)
        : openPostgresDatabase(
            createPostgresPool(location.connectionString, { onIdleClientError: options.onBackgroundError }),
          );
    await runMigrations(database, component, migrations);
    return database;
  } catch (error) {
    await database?.close().catch(() => undefined);
    const where =
      location.kind === 'sqlite'
        ? `SQLite database ${location.filePath}`
        : `PostgreSQL at ${describePostgresUrl(location.connectionString)}`;
    throw new Error(`DATABASE_URL: cannot open ${where}: ${errorMessage(error)}`, { cause: error });
  }
}
