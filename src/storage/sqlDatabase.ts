import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema';

export type Db = Kysely<Schema>;

/**
 * What truly differs between SQLite and PostgreSQL once Kysely has compiled a query: locking,
 * write transactions, scripts and the WAL. The stores hold no other dialect knowledge.
 */
export interface Dialect {
  readonly kind: 'sqlite' | 'postgres';
  /** Row locks (`FOR UPDATE`, `SKIP LOCKED`) exist; SQLite's write transaction locks the whole file instead. */
  readonly rowLocks: boolean;
  /** A write transaction that holds its locks from the start (SQLite BEGIN IMMEDIATE; PostgreSQL BEGIN). */
  write<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** One or more SQL statements, e.g. a migration. */
  runScript(db: Db, script: string): Promise<void>;
  /** Inside write(): serialises migration runs of processes that start together. */
  lockMigrations(db: Db): Promise<void>;
  /** After "forget me": leave no older copy of erased rows behind (SQLite's WAL). */
  afterErase(): Promise<void>;
}

/** One open database: the typed queries, its dialect, and its connection's lifetime. */
export interface SqlDatabase extends Dialect {
  readonly db: Db;
  /** Several reads from one snapshot. */
  read<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** Resolves when the database answers; rejects once this handle is closed. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A handle on `db`; `release` runs on the first close(). */
export function sqlDatabase(db: Db, dialect: Dialect, release: () => Promise<void>): SqlDatabase {
  let closed = false;
  return {
    ...dialect,
    db,
    // SQLite's driver ignores the settings: its transactions read one snapshot anyway.
    read: (work) => db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work),
    ping: async () => {
      if (closed) throw new Error('The database handle is closed.');
      await sql`SELECT 1`.execute(db);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await release();
    },
  };
}
