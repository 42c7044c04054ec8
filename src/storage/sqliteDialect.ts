import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Schema } from './schema';
import { sqlDatabase, type Db, type Dialect, type SqlDatabase } from './sqlDatabase';
import { storageKeyHash } from './sqlStorage';

/**
 * One connection per file and process. better-sqlite3 is synchronous: a second connection that
 * waited for the file's write lock would block the event loop the holder needs to finish, so all
 * stores on a file share one connection, and Kysely queues its users.
 */
const sharedFiles = new Map<string, ReturnType<typeof openFile>>();

function openFile(filePath: string) {
  if (filePath !== ':memory:') mkdirSync(dirname(resolve(filePath)), { recursive: true });
  const database = new BetterSqlite3(filePath, { timeout: 5000 });
  // WAL lets readers and a writer (another bot process, a backup) work at once; NORMAL sync is
  // still durable across a process crash or SIGKILL, only an OS crash can lose the last commits.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // Deleted and overwritten content is zeroed rather than left readable in free pages ("forget me").
  database.pragma('secure_delete = ON');
  // PostgreSQL has sha256() built in; bot_state migration 2 needs it here too.
  database.function('sha256', { deterministic: true }, (text: unknown) => storageKeyHash(String(text)));
  const db: Db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { database, db, handles: 0 };
}

/** Distinct SQL texts kept prepared; past this the cache starts over (IN lists of many lengths). */
const STATEMENT_CACHE_LIMIT = 500;

/**
 * The database as Kysely sees it, with its statements prepared once per SQL text: Kysely prepares
 * every query anew, which is a good part of a small query's cost and of every bot turn. Reusing a
 * statement is safe because the one connection runs one query at a time.
 */
function withStatementCache(database: Database): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => database.close(),
    prepare: (text) => {
      let statement = statements.get(text);
      if (statement === undefined) {
        if (statements.size >= STATEMENT_CACHE_LIMIT) statements.clear();
        statement = database.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** Opens (creating file and folders) `filePath`, relative to the cwd; ':memory:' is a private database. */
export function openSqliteDatabase(filePath: string): SqlDatabase {
  const key = filePath === ':memory:' ? undefined : resolve(filePath);
  const shared = (key === undefined ? undefined : sharedFiles.get(key)) ?? openFile(filePath);
  if (key !== undefined) sharedFiles.set(key, shared);
  const { database, db } = shared;
  shared.handles += 1;
  const dialect: Dialect = {
    kind: 'sqlite',
    rowLocks: false,
    // IMMEDIATE takes the write lock up front; a deferred upgrade could fail with SQLITE_BUSY.
    write: (work) =>
      db.connection().execute(async (connection) => {
        await sql`BEGIN IMMEDIATE`.execute(connection);
        try {
          const result = await work(connection);
          await sql`COMMIT`.execute(connection);
          return result;
        } catch (error) {
          if (database.inTransaction) await sql`ROLLBACK`.execute(connection);
          throw error;
        }
      }),
    // better-sqlite3 prepares one statement at a time; exec runs a script on the same connection.
    runScript: (_db, script) => {
      database.exec(script);
      return Promise.resolve();
    },
    // The IMMEDIATE transaction already excludes every other writer of the file.
    lockMigrations: () => Promise.resolve(),
    // Copies the WAL into the secure-deleted file and empties it, so no older page image survives.
    afterErase: async () => {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },
  };
  return sqlDatabase(db, dialect, () => {
    shared.handles -= 1;
    if (shared.handles === 0) {
      if (key !== undefined) sharedFiles.delete(key);
      database.close();
    }
    return Promise.resolve();
  });
}
