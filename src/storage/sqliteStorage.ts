import type { StoreItems } from 'botbuilder';
import type { Database, Statement } from 'better-sqlite3';
import type { ClosableStorage } from './closableStorage';
import { ETagConflictError } from './eTagConflictError';
import type { Migration } from './migration';
import { checkpointAfterErase, openSqliteDatabase } from './sqliteDatabase';
import { runSqliteMigrations } from './sqliteMigrations';
import { encodeStorageKey } from './storageKeyEncoding';
import { assertKeys, toStoreItem, toStoreItemWrites, type StoreItemWrite } from './storeItemRow';

const now = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** Keys are stored through encodeStorageKey; value is the item without its eTag. */
export const sqliteBotStateMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create bot_state',
    sql: `
      CREATE TABLE bot_state (
        key        TEXT NOT NULL PRIMARY KEY,
        etag       TEXT NOT NULL,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      )`,
  },
];

interface BotStateRow {
  etag: string;
  value: string;
}

function isBotStateRow(row: unknown): row is BotStateRow {
  return (
    typeof row === 'object' &&
    row !== null &&
    'etag' in row &&
    typeof row.etag === 'string' &&
    'value' in row &&
    typeof row.value === 'string'
  );
}

/** botbuilder Storage on one SQLite file (better-sqlite3), honouring eTags like MemoryStorage. */
export class SqliteStorage implements ClosableStorage {
  private readonly selectRow: Statement<[string]>;
  private readonly upsert: Statement<[string, string, string]>;
  private readonly updateIfETag: Statement<[string, string, string, string]>;
  private readonly insertIfAbsent: Statement<[string, string, string]>;
  private readonly deleteRow: Statement<[string]>;

  /** Opens the file at `filePath` (':memory:' for a private in-memory database); close() closes it. */
  static open(filePath: string): SqliteStorage {
    const db = openSqliteDatabase(filePath);
    try {
      return new SqliteStorage(db, true);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Uses a database opened elsewhere (e.g. shared with the ticket store); close() leaves it open. */
  static attach(db: Database): SqliteStorage {
    return new SqliteStorage(db, false);
  }

  private constructor(
    private readonly db: Database,
    private readonly ownsDatabase: boolean,
  ) {
    runSqliteMigrations(db, 'bot_state', sqliteBotStateMigrations);
    this.selectRow = db.prepare('SELECT etag, value FROM bot_state WHERE key = ?');
    this.upsert = db.prepare(
      `INSERT INTO bot_state (key, etag, value, updated_at) VALUES (?, ?, ?, ${now})
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.updateIfETag = db.prepare(
      `UPDATE bot_state SET etag = ?, value = ?, updated_at = ${now} WHERE key = ? AND etag = ?`,
    );
    this.insertIfAbsent = db.prepare(
      `INSERT INTO bot_state (key, etag, value, updated_at) VALUES (?, ?, ?, ${now}) ON CONFLICT (key) DO NOTHING`,
    );
    this.deleteRow = db.prepare('DELETE FROM bot_state WHERE key = ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    assertKeys(keys, 'reading');
    // One transaction so a multi-key read sees a single snapshot.
    return this.db.transaction((): StoreItems => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row: unknown = this.selectRow.get(encodeStorageKey(key));
        if (isBotStateRow(row)) {
          items[key] = toStoreItem(key, JSON.parse(row.value), row.etag);
        }
      }
      return items;
    })();
  }

  /** All or nothing: a stale eTag on any item rejects the whole batch with ETagConflictError. */
  async write(changes: StoreItems): Promise<void> {
    const writes = toStoreItemWrites(changes);
    if (writes.length === 0) {
      return;
    }
    // IMMEDIATE takes the write lock up front; a deferred upgrade could fail with SQLITE_BUSY.
    this.db.transaction((): void => writes.forEach((item) => this.writeOne(item))).immediate();
  }

  async delete(keys: string[]): Promise<void> {
    assertKeys(keys, 'deleting');
    this.db.transaction((): void => keys.forEach((key) => this.deleteRow.run(encodeStorageKey(key)))).immediate();
    checkpointAfterErase(this.db);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) {
      this.db.close();
    }
  }

  private writeOne(item: StoreItemWrite): void {
    if (item.expectedETag === undefined) {
      this.upsert.run(item.storedKey, item.newETag, item.json);
      return;
    }
    // Like MemoryStorage, an eTag only guards an item that exists; a deleted key is written anew.
    const written =
      this.updateIfETag.run(item.newETag, item.json, item.storedKey, item.expectedETag).changes === 1 ||
      this.insertIfAbsent.run(item.storedKey, item.newETag, item.json).changes === 1;
    if (!written) {
      throw new ETagConflictError(item.key);
    }
  }
}
