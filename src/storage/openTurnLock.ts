import { parseDatabaseUrl } from './databaseUrl';
import { createPostgresPool } from './postgresDialect';
import { PostgresTurnLock } from './postgresTurnLock';
import { InProcessTurnLock, type TurnLock } from './turnLock';

export interface ClosableTurnLock extends TurnLock {
  close(): Promise<void>;
}

/** Conversations with a turn in flight at once in one process: each such turn holds one connection. */
const LOCK_CONNECTIONS = 20;

/**
 * The TurnLock that fits DATABASE_URL: PostgreSQL may be shared by several bot processes, so its
 * lock spans them; a SQLite file serves one process, so an in-process lock is enough.
 */
export function openTurnLock(
  databaseUrl: string,
  options: { readonly onBackgroundError?: (error: Error) => void } = {},
): ClosableTurnLock {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === 'sqlite') {
    const lock = new InProcessTurnLock();
    return { run: (keys, work) => lock.run(keys, work), close: async () => undefined };
  }
  const pool = createPostgresPool(location.connectionString, {
    max: LOCK_CONNECTIONS,
    onIdleClientError: options.onBackgroundError,
  });
  const lock = new PostgresTurnLock(pool);
  return { run: (keys, work) => lock.run(keys, work), close: () => pool.end() };
}
