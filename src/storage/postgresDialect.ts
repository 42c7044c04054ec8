import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool, types, type CustomTypesConfig } from 'pg';
import type { Schema } from './schema';
import { sqlDatabase, type Dialect, type SqlDatabase } from './sqlDatabase';

export interface PostgresPoolOptions {
  /** Told about errors on idle connections (server restart, failover); the pool already dropped them. */
  readonly onIdleClientError?: (error: Error) => void;
  /** Connections at most (pg's default is 10). */
  readonly max?: number;
}

/** Values read back as SQLite hands them over, so the stores see one shape: ISO text, numbers, JSON text. */
const sqliteLikeTypes: CustomTypesConfig = {
  getTypeParser: (oid, format) => {
    if (oid === types.builtins.TIMESTAMPTZ) return (text: string) => new Date(text).toISOString();
    // bigserial ids and count(*); both stay far below 2^53.
    if (oid === types.builtins.INT8) return Number;
    if (oid === types.builtins.JSON) return (text: string) => text;
    const parser: unknown = types.getTypeParser(oid, format);
    return parser;
  },
};

/** A pg Pool for the bot's stores: bounded connect wait, and idle-connection errors never crash the process. */
export function createPostgresPool(connectionString: string, options: PostgresPoolOptions = {}): Pool {
  // Without a timeout a query waits forever for an unreachable server, and so would /readyz.
  const pool = new Pool({
    connectionString,
    connectionTimeoutMillis: 5000,
    max: options.max ?? 10,
    types: sqliteLikeTypes,
  });
  // An unhandled 'error' event would end the process.
  pool.on('error', options.onIdleClientError ?? (() => undefined));
  return pool;
}

/** A database on PostgreSQL through its own pool, in the connection's current schema; close() ends the pool. */
export function openPostgresDatabase(pool: Pool): SqlDatabase {
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const dialect: Dialect = {
    kind: 'postgres',
    rowLocks: true,
    write: (work) => db.transaction().execute(work),
    // Without parameters pg uses the simple query protocol, which runs several statements.
    runScript: async (connection, script) => {
      await sql.raw(script).execute(connection);
    },
    // Even CREATE TABLE IF NOT EXISTS races without it.
    lockMigrations: async (connection) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || '.schema_migrations'))`.execute(
        connection,
      );
    },
    // Deleted tuples leave the heap with VACUUM, which PostgreSQL schedules itself.
    afterErase: () => Promise.resolve(),
  };
  return sqlDatabase(db, dialect, () => pool.end());
}
