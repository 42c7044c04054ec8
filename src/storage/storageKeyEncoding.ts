import { createHash } from 'node:crypto';

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
