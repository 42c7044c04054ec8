import { describePostgresUrl, parseDatabaseUrl } from '../storage/databaseUrl';
import { createPostgresPool } from '../storage/postgresPool';
import { PostgresTicketStore } from './postgresTicketStore';
import { SqliteTicketStore } from './sqliteTicketStore';
import type { TicketStore, TicketStoreOptions } from './ticketStore';

export interface OpenTicketStoreOptions extends TicketStoreOptions {
  /** Errors outside any call (an idle PostgreSQL connection dropping); for logging. */
  readonly onBackgroundError?: (error: Error) => void;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens the ticket store named by DATABASE_URL (`sqlite:<path>` or `postgres://...`) on its own
 * connection, with the `tickets` migrations applied. Errors never echo credentials.
 */
export async function openTicketStore(databaseUrl: string, options: OpenTicketStoreOptions): Promise<TicketStore> {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === 'sqlite') {
    try {
      return SqliteTicketStore.open(location.filePath, options);
    } catch (error) {
      throw new Error(`DATABASE_URL: cannot open the ticket store in ${location.filePath}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }
  const pool = createPostgresPool(location.connectionString, { onIdleClientError: options.onBackgroundError });
  try {
    return await PostgresTicketStore.open(pool, options);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `DATABASE_URL: cannot open the ticket store at ${describePostgresUrl(location.connectionString)}: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}
