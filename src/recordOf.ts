/** A record with one entry per key, typed by its keys (Object.fromEntries alone widens them to string). */
export function recordOf<K extends string, T>(keys: readonly K[], make: (key: K) => T): Record<K, T> {
  // Sound: every key of K is set by the map below, and K is a union of literal strings.
  return Object.fromEntries(keys.map((key) => [key, make(key)])) as Record<K, T>;
}
