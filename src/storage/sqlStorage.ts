import type { StoreItems } from 'botbuilder';
import type { ClosableStorage } from './closableStorage';
import { ETagConflictError } from './eTagConflictError';
import type { Db, SqlDatabase } from './sqlDatabase';
import { encodeStorageKey, storageKeyHash } from './storageKeyEncoding';
import { assertKeys, toStoreItem, toStoreItemWrites, type StoreItemWrite } from './storeItemRow';

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
    const writes = toStoreItemWrites(changes).map((item) => ({ item, hash: storageKeyHash(item.storedKey) }));
    if (writes.length === 0) return;
    // Rows locked in one global order, so two overlapping batches cannot deadlock.
    writes.sort((a, b) => Buffer.compare(a.hash, b.hash));
    await this.database.write(async (db) => {
      for (const { item, hash } of writes) await writeOne(db, item, hash);
    });
  }

  async delete(keys: string[]): Promise<void> {
    assertKeys(keys, 'deleting');
    if (keys.length === 0) return;
    await this.database.db
      .deleteFrom('bot_state')
      .where(
        'key_hash',
        'in',
        keys.map((key) => storageKeyHash(encodeStorageKey(key))),
      )
      .execute();
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

async function writeOne(db: Db, item: StoreItemWrite, hash: Buffer): Promise<void> {
  const row = { etag: item.newETag, value: item.json, updated_at: new Date().toISOString() };
  const insert = db.insertInto('bot_state').values({ key_hash: hash, key: item.storedKey, ...row });
  if (item.expectedETag === undefined) {
    await insert.onConflict((conflict) => conflict.column('key_hash').doUpdateSet(row)).execute();
    return;
  }
  const updated = await db
    .updateTable('bot_state')
    .set(row)
    .where('key_hash', '=', hash)
    .where('etag', '=', item.expectedETag)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 1n) return;
  // Like MemoryStorage, an eTag only guards an item that exists: a deleted key is written anew, but
  // a key that another writer created meanwhile is a conflict.
  const inserted = await insert.onConflict((conflict) => conflict.column('key_hash').doNothing()).executeTakeFirst();
  if (inserted.numInsertedOrUpdatedRows !== 1n) throw new ETagConflictError(item.key);
}
