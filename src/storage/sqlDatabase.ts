import type { Kysely } from 'kysely';
import type { Schema } from './schema';

export type Db = Kysely<Schema>;

/**
 * What truly differs between SQLite and PostgreSQL once Kysely has compiled a query: locking,
 * transactions, scripts, error codes and the WAL. The stores hold no other dialect knowledge.
 */
export interface SqlDialect {
  readonly kind: 'sqlite' | 'postgres';
  /** Row locks (`FOR UPDATE`, `SKIP LOCKED`) exist; SQLite's write transaction locks the whole file instead. */
  readonly rowLocks: boolean;
  /** A write transaction that holds its locks from the start (SQLite BEGIN IMMEDIATE; PostgreSQL BEGIN). */
  write<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** Several reads from one snapshot. */
  read<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** One or more SQL statements, e.g. a migration. */
  runScript(db: Db, script: string): Promise<void>;
  /** Inside write(): serialises migration runs of processes that start together. */
  lockMigrations(db: Db): Promise<void>;
  /** After "forget me": leave no older copy of erased rows behind (SQLite's WAL). */
  afterErase(db: Db): Promise<void>;
}

/** One open database: the typed queries, the dialect seam, and its connection's lifetime. */
export interface SqlDatabase {
  readonly db: Db;
  readonly dialect: SqlDialect;
  /** Resolves when the database answers; rejects once this handle is closed. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
