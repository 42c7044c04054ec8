import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { CompiledQuery, type Compilable } from 'kysely';
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

  ping(): Promise<void> {
    return this.database.ping();
  }

  close(): Promise<void> {
    return this.database.close();
  }
}

/** Keys whose hash is kept; past this the cache starts over. A turn reads and then writes the same few keys. */
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
    newETag: randomUUID(),
    /** The eTag the stored row must still carry; undefined writes unconditionally (no eTag or '*'). */
    expectedETag: eTag === undefined || eTag === '' || eTag === '*' ? undefined : eTag,
  };
}

async function writeOne(db: Db, queries: BotStateQueries, item: ReturnType<typeof storeItemWrite>): Promise<void> {
  const row = {
    key_hash: item.hash,
    key: item.storedKey,
    etag: item.newETag,
    value: item.json,
    updated_at: new Date().toISOString(),
  };
  if (item.expectedETag === undefined) {
    await db.executeQuery(queries.upsert({ ...row, expected_etag: '' }));
    return;
  }
  const updated = await db.executeQuery(queries.updateIfETag({ ...row, expected_etag: item.expectedETag }));
  if (updated.numAffectedRows === 1n) return;
  // Like MemoryStorage, an eTag only guards an item that exists: a deleted key is written anew, but
  // a key that another writer created meanwhile is a conflict.
  const inserted = await db.executeQuery(queries.insertNew({ ...row, expected_etag: '' }));
  if (inserted.numAffectedRows !== 1n) throw new ETagConflictError(item.key);
}

/** The values of one bot_state row write, and the eTag an update expects. */
interface RowValues {
  key_hash: Buffer;
  key: string;
  etag: string;
  value: string;
  updated_at: string;
  expected_etag: string;
}

const ROW_FIELDS = ['key_hash', 'key', 'etag', 'value', 'updated_at', 'expected_etag'] as const;

/** Every marker is a distinct value: strings by their text, the hash by its identity. */
const ROW_MARKERS: RowValues = {
  key_hash: Buffer.from('key_hash'),
  key: '\u0000key',
  etag: '\u0000etag',
  value: '\u0000value',
  updated_at: '\u0000updated_at',
  expected_etag: '\u0000expected_etag',
};

/** A query compiled once, run with the values of each call in the places the compiler gave them. */
type PreparedQuery<Values, Row = unknown> = (values: Values) => CompiledQuery<Row>;

/**
 * Compiles a query once with markers for its values and notes where each marker ended up among
 * the parameters. Kysely would otherwise build and compile the same few statements anew for every
 * read and write of every turn, a good part of the storage cost of a turn.
 */
function prepareRowQuery(build: (row: RowValues) => Compilable): PreparedQuery<RowValues> {
  const compiled = build(ROW_MARKERS).compile();
  const order = compiled.parameters.map((parameter) => {
    const field = ROW_FIELDS.find((name) => ROW_MARKERS[name] === parameter);
    if (field === undefined) throw new Error('Storage: a bot_state query has a parameter that is not a row value.');
    return field;
  });
  return (row) =>
    CompiledQuery.raw(
      compiled.sql,
      order.map((field) => row[field]),
    );
}

interface StoredRow {
  key: string;
  etag: string;
  value: string;
}

/** The read of `size` keys; its only parameters are the key hashes, in the order given. */
function prepareRead(db: Db, size: number): PreparedQuery<readonly Buffer[], StoredRow> {
  const markers = Array.from({ length: size }, (_, i) => Buffer.from([i]));
  const compiled = db
    .selectFrom('bot_state')
    .select(['key', 'etag', 'value'])
    .where('key_hash', 'in', markers)
    .compile();
  if (compiled.parameters.length !== size || markers.some((marker, i) => compiled.parameters[i] !== marker))
    throw new Error('Storage: the bot_state read has parameters besides its keys.');
  return (hashes) => CompiledQuery.raw(compiled.sql, [...hashes]);
}

/** Reads of up to this many keys at once keep their compiled query (botbuilder reads one or two). */
const PREPARED_READ_SIZES = 8;

function botStateQueries(db: Db) {
  const insert = ({ key_hash, key, etag, value, updated_at }: RowValues) =>
    db.insertInto('bot_state').values({ key_hash, key, etag, value, updated_at });
  const reads = Array.from({ length: PREPARED_READ_SIZES }, (_, i) => prepareRead(db, i + 1));
  return {
    read: (hashes: readonly Buffer[]) => (reads[hashes.length - 1] ?? prepareRead(db, hashes.length))(hashes),
    upsert: prepareRowQuery((row) =>
      insert(row).onConflict((conflict) =>
        conflict.column('key_hash').doUpdateSet({ etag: row.etag, value: row.value, updated_at: row.updated_at }),
      ),
    ),
    updateIfETag: prepareRowQuery((row) =>
      db
        .updateTable('bot_state')
        .set({ etag: row.etag, value: row.value, updated_at: row.updated_at })
        .where('key_hash', '=', row.key_hash)
        .where('etag', '=', row.expected_etag),
    ),
    insertNew: prepareRowQuery((row) => insert(row).onConflict((conflict) => conflict.column('key_hash').doNothing())),
  };
}

type BotStateQueries = ReturnType<typeof botStateQueries>;

/** Rebuilds the item a `Storage.read` returns from a stored value and its current eTag. */
function toStoreItem(key: string, value: unknown, eTag: string): StoreItem {
  if (!isRecord(value)) {
    throw new Error(`Storage: the stored value of "${key}" is not a JSON object.`);
  }
  return { ...value, eTag };
}
