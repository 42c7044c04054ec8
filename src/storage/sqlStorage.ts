import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ETagConflictError } from './eTagConflictError';
import type { Db, SqlDatabase } from './sqlDatabase';
import { encodeStorageKey, storageKeyHash } from './storageKeyEncoding';

/** A botbuilder Storage that owns a connection: the server closes it on shutdown and pings it for /readyz. */
export interface ClosableStorage extends Storage {
  close(): Promise<void>;
  /** Resolves when the backing database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
}

/**
 * botbuilder Storage on SQLite or PostgreSQL, honouring eTags like MemoryStorage, safe for several
 * bot processes sharing one database.
 */
export class SqlStorage implements ClosableStorage {
  constructor(private readonly database: SqlDatabase) {}

  async read(keys: string[]): Promise<StoreItems> {
    assertKeys(keys, 'reading');
    if (keys.length === 0) return {};
    const keysByStoredKey = new Map(keys.map((key) => [encodeStorageKey(key), key]));
    const rows = await this.database.db
      .selectFrom('bot_state')
      .select(['key', 'etag', 'value'])
      .where('key_hash', 'in', [...keysByStoredKey.keys()].map(storageKeyHash))
      .execute();
    const items: StoreItems = {};
    for (const row of rows) {
      const key = keysByStoredKey.get(row.key);
      // Both databases hand back the JSON text (postgresDialect reads json columns as text).
      if (key !== undefined) items[key] = toStoreItem(key, JSON.parse(row.value), row.etag);
    }
    return items;
  }

  /** All or nothing: a stale eTag on any item rejects the whole batch with ETagConflictError. */
  async write(changes: StoreItems): Promise<void> {
    // An empty array is accepted because botbuilder's own storage tests write `[]`.
    if (typeof changes !== 'object' || changes === null) {
      throw new ReferenceError('Changes are required when writing.');
    }
    const writes = Object.entries(changes).map(([key, item]: [string, unknown]) => storeItemWrite(key, item));
    if (writes.length === 0) return;
    // Rows locked in one global order, so two overlapping batches cannot deadlock.
    writes.sort((a, b) => Buffer.compare(a.hash, b.hash));
    await this.database.write(async (db) => {
      for (const item of writes) await writeOne(db, item);
    });
  }

  async delete(keys: string[]): Promise<void> {
    assertKeys(keys, 'deleting');
    if (keys.length === 0) return;
    const hashes = keys.map((key) => storageKeyHash(encodeStorageKey(key)));
    await this.database.db.deleteFrom('bot_state').where('key_hash', 'in', hashes).execute();
    // Only "forget me" deletes bot state.
    await this.database.afterErase();
  }

  ping(): Promise<void> {
    return this.database.ping();
  }

  close(): Promise<void> {
    return this.database.close();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assertKeys(keys: unknown, operation: 'reading' | 'deleting'): asserts keys is string[] {
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
    throw new ReferenceError(`Keys are required when ${operation}.`);
  }
}

/** One item of a `Storage.write`, shaped for a bot_state row. */
function storeItemWrite(key: string, item: unknown) {
  if (!isRecord(item)) {
    throw new TypeError(`Storage: the item for "${key}" must be an object.`);
  }
  const { eTag, ...value } = item;
  if (eTag !== undefined && typeof eTag !== 'string') {
    throw new TypeError(`Storage: the eTag of "${key}" must be a string.`);
  }
  const storedKey = encodeStorageKey(key);
  return {
    key,
    storedKey,
    hash: storageKeyHash(storedKey),
    /** The item without its eTag, as JSON text. */
    json: JSON.stringify(value),
    newETag: randomUUID(),
    /** The eTag the stored row must still carry; undefined writes unconditionally (no eTag or '*'). */
    expectedETag: eTag === undefined || eTag === '' || eTag === '*' ? undefined : eTag,
  };
}

async function writeOne(db: Db, item: ReturnType<typeof storeItemWrite>): Promise<void> {
  const row = { etag: item.newETag, value: item.json, updated_at: new Date().toISOString() };
  const insert = db.insertInto('bot_state').values({ key_hash: item.hash, key: item.storedKey, ...row });
  if (item.expectedETag === undefined) {
    await insert.onConflict((conflict) => conflict.column('key_hash').doUpdateSet(row)).execute();
    return;
  }
  const updated = await db
    .updateTable('bot_state')
    .set(row)
    .where('key_hash', '=', item.hash)
    .where('etag', '=', item.expectedETag)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 1n) return;
  // Like MemoryStorage, an eTag only guards an item that exists: a deleted key is written anew, but
  // a key that another writer created meanwhile is a conflict.
  const inserted = await insert.onConflict((conflict) => conflict.column('key_hash').doNothing()).executeTakeFirst();
  if (inserted.numInsertedOrUpdatedRows !== 1n) throw new ETagConflictError(item.key);
}

/** Rebuilds the item a `Storage.read` returns from a stored value and its current eTag. */
function toStoreItem(key: string, value: unknown, eTag: string): StoreItem {
  if (!isRecord(value)) {
    throw new Error(`Storage: the stored value of "${key}" is not a JSON object.`);
  }
  return { ...value, eTag };
}
