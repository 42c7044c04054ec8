import { randomUUID } from 'node:crypto';
import type { StoreItem, StoreItems } from 'botbuilder';
import { encodeStorageKey } from './storageKeyEncoding';

/** One item of a `Storage.write`, shaped for a (key, etag, value) table row. */
export interface StoreItemWrite {
  readonly key: string;
  readonly storedKey: string;
  /** The item without its eTag, as JSON text. */
  readonly json: string;
  readonly newETag: string;
  /** The eTag the stored row must still carry; undefined writes unconditionally (no eTag or '*'). */
  readonly expectedETag: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function assertKeys(keys: unknown, operation: 'reading' | 'deleting'): asserts keys is string[] {
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
    throw new ReferenceError(`Keys are required when ${operation}.`);
  }
}

export function toStoreItemWrites(changes: StoreItems): StoreItemWrite[] {
  // An empty array is accepted because botbuilder's own storage tests write `[]`.
  if (typeof changes !== 'object' || changes === null) {
    throw new ReferenceError('Changes are required when writing.');
  }
  return Object.entries(changes).map(([key, item]: [string, unknown]) => {
    if (!isRecord(item)) {
      throw new TypeError(`Storage: the item for "${key}" must be an object.`);
    }
    const { eTag, ...value } = item;
    if (eTag !== undefined && typeof eTag !== 'string') {
      throw new TypeError(`Storage: the eTag of "${key}" must be a string.`);
    }
    return {
      key,
      storedKey: encodeStorageKey(key),
      json: JSON.stringify(value),
      newETag: randomUUID(),
      expectedETag: eTag === undefined || eTag === '' || eTag === '*' ? undefined : eTag,
    };
  });
}

/** Rebuilds the item a `Storage.read` returns from a stored value and its current eTag. */
export function toStoreItem(key: string, value: unknown, eTag: string): StoreItem {
  if (!isRecord(value)) {
    throw new Error(`Storage: the stored value of "${key}" is not a JSON object.`);
  }
  return { ...value, eTag };
}
