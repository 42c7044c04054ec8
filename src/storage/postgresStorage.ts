import { createHash } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import type { Pool, PoolClient } from 'pg';
import type { ClosableStorage } from './closableStorage';
import { ETagConflictError } from './eTagConflictError';
import type { Migration } from './migration';
import { runPostgresMigrations } from './postgresMigrations';
import { withPostgresTransaction } from './postgresTransaction';
import { encodeStorageKey } from './storageKeyEncoding';
import { assertKeys, toStoreItem, toStoreItemWrites, type StoreItemWrite } from './storeItemRow';

/**
 * The primary key is a SHA-256 of the key: a btree entry cannot exceed ~2.7 kB, and a 1,000
 * character Chinese key is already 3 kB of UTF-8. `json` rather than `jsonb` because jsonb
 * rejects "\u0000" in strings and reorders object keys.
 */
export const postgresBotStateMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create bot_state',
    sql: `
      CREATE TABLE bot_state (
        key_hash   bytea       NOT NULL PRIMARY KEY,
        key        text        NOT NULL,
        etag       text        NOT NULL,
        value      json        NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
  },
];

const upsert = `
  INSERT INTO bot_state (key_hash, key, etag, value, updated_at) VALUES ($1, $2, $3, $4, now())
  ON CONFLICT (key_hash) DO UPDATE
    SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`;

// One statement, so the eTag check and the write cannot be split by another process's write.
// Like MemoryStorage, an eTag only guards an item that exists: a deleted key is written anew, but
// a key that another writer created meanwhile is a conflict (ON CONFLICT DO NOTHING).
const writeIfETag = `
  WITH updated AS (
    UPDATE bot_state SET etag = $3::text, value = $4::json, updated_at = now()
    WHERE key_hash = $1::bytea AND etag = $5::text
    RETURNING 1
  ), inserted AS (
    INSERT INTO bot_state (key_hash, key, etag, value, updated_at)
    SELECT $1::bytea, $2::text, $3::text, $4::json, now()
    WHERE NOT EXISTS (SELECT 1 FROM updated)
    ON CONFLICT (key_hash) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted) AS written`;

function keyHash(storedKey: string): Buffer {
  return createHash('sha256').update(storedKey, 'utf8').digest();
}

type Queryable = Pool | PoolClient;

/** botbuilder Storage on PostgreSQL (pg), safe for several bot processes sharing one database. */
export class PostgresStorage implements ClosableStorage {
  private closed = false;

  /**
   * Applies the bot_state migrations in the connection's current schema, then serves from
   * `pool`. close() ends the pool unless `ownsPool` is false (a pool shared with other stores).
   */
  static async open(pool: Pool, options: { readonly ownsPool?: boolean } = {}): Promise<PostgresStorage> {
    await runPostgresMigrations(pool, 'bot_state', postgresBotStateMigrations);
    return new PostgresStorage(pool, options.ownsPool ?? true);
  }

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    assertKeys(keys, 'reading');
    if (keys.length === 0) {
      return {};
    }
    const keysByStoredKey = new Map(keys.map((key) => [encodeStorageKey(key), key]));
    const { rows } = await this.pool.query<{ key: unknown; etag: unknown; value: unknown }>(
      'SELECT key, etag, value FROM bot_state WHERE key_hash = ANY($1::bytea[])',
      [[...keysByStoredKey.keys()].map(keyHash)],
    );
    const items: StoreItems = {};
    for (const row of rows) {
      const key = typeof row.key === 'string' ? keysByStoredKey.get(row.key) : undefined;
      if (key !== undefined && typeof row.etag === 'string') {
        items[key] = toStoreItem(key, row.value, row.etag);
      }
    }
    return items;
  }

  /** All or nothing: a stale eTag on any item rejects the whole batch with ETagConflictError. */
  async write(changes: StoreItems): Promise<void> {
    const writes = toStoreItemWrites(changes).map((item) => ({ item, hash: keyHash(item.storedKey) }));
    if (writes.length === 0) {
      return;
    }
    const [only] = writes;
    if (writes.length === 1 && only !== undefined) {
      await this.writeOne(this.pool, only.item, only.hash);
      return;
    }
    // Rows locked in one global order, so two overlapping batches cannot deadlock.
    writes.sort((a, b) => Buffer.compare(a.hash, b.hash));
    await withPostgresTransaction(this.pool, async (client) => {
      for (const { item, hash } of writes) {
        await this.writeOne(client, item, hash);
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    assertKeys(keys, 'deleting');
    if (keys.length === 0) {
      return;
    }
    await this.pool.query('DELETE FROM bot_state WHERE key_hash = ANY($1::bytea[])', [
      keys.map((key) => keyHash(encodeStorageKey(key))),
    ]);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.ownsPool && !this.closed) {
      this.closed = true;
      await this.pool.end();
    }
  }

  private async writeOne(db: Queryable, item: StoreItemWrite, hash: Buffer): Promise<void> {
    if (item.expectedETag === undefined) {
      await db.query(upsert, [hash, item.storedKey, item.newETag, item.json]);
      return;
    }
    const { rows } = await db.query<{ written: unknown }>(writeIfETag, [
      hash,
      item.storedKey,
      item.newETag,
      item.json,
      item.expectedETag,
    ]);
    // count(*) is bigint, which pg returns as a string.
    if (String(rows[0]?.written) !== '1') {
      throw new ETagConflictError(item.key);
    }
  }
}
