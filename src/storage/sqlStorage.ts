import { createHash, randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { ETagConflictError } from './eTagConflictError';
import type { BotStateTable } from './schema';
import type { Db, SqlDatabase } from './sqlDatabase';

/**
 * botbuilder Storage on SQLite or PostgreSQL, honouring eTags like MemoryStorage, safe for several
 * bot processes sharing one database.
 */
export class SqlStorage implements Storage {
  private readonly queries: BotStateQueries;

  constructor(private readonly database: SqlDatabase) {
    this.queries = botStateQueries(database.db);
  }

  async read(keys: string[]): Promise<StoreItems> {
    assertKeys(keys, 'reading');
    if (keys.length === 0) return {};
    const keysByStoredKey = new Map(keys.map((key) => [encodeStorageKey(key), key]));
    const hashes = [...keysByStoredKey.keys()].map(hashOf);
    const { rows } = await this.database.db.executeQuery(this.queries.read(hashes));
    const items: StoreItems = {};
    for (const row of rows) {
      const key = keysByStoredKey.get(row.key);
      if (key === undefined) continue;
      // Both databases hand back the JSON text (postgresDialect reads json columns as text).
      const value: unknown = JSON.parse(row.value);
      if (!isRecord(value)) throw new Error(`Storage: the stored value of "${key}" is not a JSON object.`);
      items[key] = { ...value, eTag: row.etag };
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
      for (const item of writes) await writeOne(db, this.queries, item);
    });
  }

  async delete(keys: string[]): Promise<void> {
    assertKeys(keys, 'deleting');
    if (keys.length === 0) return;
    const hashes = keys.map((key) => hashOf(encodeStorageKey(key)));
    await this.database.db.deleteFrom('bot_state').where('key_hash', 'in', hashes).execute();
    // Only "forget me" deletes bot state.
    await this.database.afterErase();
  }

  /** Resolves when the backing database answers a trivial query; rejects otherwise. */
  ping(): Promise<void> {
    return this.database.ping();
  }

  close(): Promise<void> {
    return this.database.close();
  }
}

// Keys are JavaScript strings, key columns are UTF-8 text. PostgreSQL rejects U+0000, and the
// pg driver turns a lone UTF-16 surrogate into U+FFFD, so two different keys would share a row
// (SQLite keeps them apart but stores bytes that are not valid UTF-8). Escaping those characters
// and the escape character itself keeps every string a distinct, valid key in both databases,
// while ordinary keys are stored unchanged.
// eslint-disable-next-line no-control-regex -- U+0000 is one of the characters escaped
const needsEscape = /[%\u0000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text stored in the key column for a botbuilder storage key. Injective over all strings. */
export function encodeStorageKey(key: string): string {
  return key.replace(needsEscape, (char) => `%${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What a bot_state row is found by: a fixed-size index entry for keys of any length. */
export function storageKeyHash(storedKey: string): Buffer {
  return createHash('sha256').update(storedKey, 'utf8').digest();
}

/** Keys whose hash is kept (a turn reads and then writes the same few); past this the cache starts over. */
const HASH_CACHE_LIMIT = 10_000;
const hashes = new Map<string, Buffer>();

/** storageKeyHash, remembered: a SHA-256 per key read and again per key written was a visible part of a turn. */
function hashOf(storedKey: string): Buffer {
  let hash = hashes.get(storedKey);
  if (hash === undefined) {
    if (hashes.size >= HASH_CACHE_LIMIT) hashes.clear();
    hash = storageKeyHash(storedKey);
    hashes.set(storedKey, hash);
  }
  return hash;
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
    hash: hashOf(storedKey),
    /** The item without its eTag, as JSON text. */
    json: JSON.stringify(value),
    /** The eTag the stored row must still carry; undefined writes unconditionally (no eTag or '*'). */
    expectedETag: eTag === undefined || eTag === '' || eTag === '*' ? undefined : eTag,
  };
}

async function writeOne(db: Db, queries: BotStateQueries, item: ReturnType<typeof storeItemWrite>): Promise<void> {
  const etag = randomUUID();
  const updatedAt = new Date().toISOString();
  const row: RowValues = [item.hash, item.storedKey, etag, item.json, updatedAt];
  if (item.expectedETag === undefined) {
    await db.executeQuery(queries.upsert(row));
    return;
  }
  const updated = await db.executeQuery(
    queries.updateIfETag([etag, item.json, updatedAt, item.hash, item.expectedETag]),
  );
  if (updated.numAffectedRows === 1n) return;
  // Like MemoryStorage, an eTag only guards an item that exists: a deleted key is written anew, but
  // a key that another writer created meanwhile is a conflict.
  const inserted = await db.executeQuery(queries.insertNew(row));
  if (inserted.numAffectedRows !== 1n) throw new ETagConflictError(item.key);
}

/** A bot_state row in the order the insert names its columns. */
type RowValues = readonly [keyHash: Buffer, key: string, etag: string, value: string, updatedAt: string];

/** Stands for a parameter in a statement compiled once; each call supplies the value. */
const PARAMETER = null;
const parameters = (count: number) => sql.join(Array.from({ length: count }, () => PARAMETER));

/** Reads of up to this many keys at once keep their compiled query (botbuilder reads one or two). */
const PREPARED_READ_SIZES = 8;

/**
 * The bot_state statements, compiled once per database: Kysely would build and compile the same few
 * statements anew for every read and write of every turn, a good part of a turn's storage cost.
 * Each takes its parameters in the order they are written here.
 */
function botStateQueries(db: Db) {
  const prepare = <Row>(query: RawBuilder<Row>) => {
    const { sql: text } = query.compile(db);
    return (values: readonly unknown[]): CompiledQuery<Row> => CompiledQuery.raw(text, [...values]);
  };
  const read = (size: number) =>
    prepare(sql<StoredRow>`SELECT key, etag, value FROM bot_state WHERE key_hash IN (${parameters(size)})`);
  const reads = Array.from({ length: PREPARED_READ_SIZES }, (_, i) => read(i + 1));
  const insert = sql`INSERT INTO bot_state (key_hash, key, etag, value, updated_at) VALUES (${parameters(5)})`;
  return {
    read: (hashes: readonly Buffer[]) => (reads[hashes.length - 1] ?? read(hashes.length))(hashes),
    upsert: prepare(
      sql`${insert} ON CONFLICT (key_hash) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
    ),
    insertNew: prepare(sql`${insert} ON CONFLICT (key_hash) DO NOTHING`),
    /** etag, value, updated_at, key_hash, the expected etag. */
    updateIfETag: prepare(
      sql`UPDATE bot_state SET etag = ${PARAMETER}, value = ${PARAMETER}, updated_at = ${PARAMETER} WHERE key_hash = ${PARAMETER} AND etag = ${PARAMETER}`,
    ),
  };
}

type BotStateQueries = ReturnType<typeof botStateQueries>;
type StoredRow = Pick<BotStateTable, 'key' | 'etag' | 'value'>;
