import type { ClosableStorage } from './closableStorage';
import { describePostgresUrl, parseDatabaseUrl } from './databaseUrl';
import { createPostgresPool } from './postgresPool';
import { PostgresStorage } from './postgresStorage';
import { SqliteStorage } from './sqliteStorage';

export type { ClosableStorage } from './closableStorage';

export interface OpenStorageOptions {
  /** Errors that happen outside any call (an idle PostgreSQL connection dropping); for logging. */
  readonly onBackgroundError?: (error: Error) => void;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens the bot-state storage named by DATABASE_URL (see parseDatabaseUrl), with its schema
 * migrations applied. Errors name DATABASE_URL and never echo credentials.
 */
export async function openStorage(databaseUrl: string, options: OpenStorageOptions = {}): Promise<ClosableStorage> {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === 'sqlite') {
    try {
      return SqliteStorage.open(location.filePath);
    } catch (error) {
      throw new Error(`DATABASE_URL: cannot open SQLite database ${location.filePath}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }
  const pool = createPostgresPool(location.connectionString, { onIdleClientError: options.onBackgroundError });
  try {
    return await PostgresStorage.open(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `DATABASE_URL: cannot open PostgreSQL at ${describePostgresUrl(location.connectionString)}: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}
