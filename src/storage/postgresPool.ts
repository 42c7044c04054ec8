import { Pool } from 'pg';

export interface PostgresPoolOptions {
  /** Told about errors on idle connections (server restart, failover); the pool already dropped them. */
  readonly onIdleClientError?: (error: Error) => void;
  /** Connections at most (pg's default is 10). */
  readonly max?: number;
}

/** A pg Pool for the bot's stores: bounded connect wait, and idle-connection errors never crash the process. */
export function createPostgresPool(connectionString: string, options: PostgresPoolOptions = {}): Pool {
  // Without a timeout a query waits forever for an unreachable server, and so would /readyz.
  const pool = new Pool({ connectionString, connectionTimeoutMillis: 5000, max: options.max ?? 10 });
  // An unhandled 'error' event would end the process.
  pool.on('error', options.onIdleClientError ?? (() => undefined));
  return pool;
}
