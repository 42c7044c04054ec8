import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * Opens (creating file and parent folder when needed) a SQLite database for the bot's stores;
 * ':memory:' gives a private in-memory database. Relative paths resolve against the cwd.
 */
export function openSqliteDatabase(filePath: string): Database {
  if (filePath !== ':memory:') {
    mkdirSync(dirname(resolve(filePath)), { recursive: true });
  }
  const db = new BetterSqlite3(filePath, { timeout: 5000 });
  // WAL lets readers and a writer (another bot process, a backup) work at once; NORMAL sync is
  // still durable across a process crash or SIGKILL, only an OS crash can lose the last commits.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Deleted and overwritten content is zeroed rather than left readable in free pages ("forget me").
  db.pragma('secure_delete = ON');
  return db;
}

/**
 * After an erase: copies the WAL into the (secure-deleted) file and empties it, so the WAL keeps
 * no older page images holding the erased values either.
 */
export function checkpointAfterErase(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
