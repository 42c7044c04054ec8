import type { Kysely } from 'kysely';
import type { Schema } from './schema';

export type Db = Kysely<Schema>;

/**
 * One open database: the typed queries, its connection's lifetime, and what truly differs between
 * SQLite and PostgreSQL once Kysely has compiled a query: locking, transactions, scripts and the
 * WAL. The stores hold no other dialect knowledge.
 */
export interface SqlDatabase {
  readonly db: Db;
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
  afterErase(): Promise<void>;
  /** Resolves when the database answers; rejects once this handle is closed. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
