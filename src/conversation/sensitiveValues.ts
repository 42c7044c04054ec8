/**
 * Personal values (what the user typed, what was read from their document) for the check that
 * needs them, in this process's memory only, gone after `ttlMs` (DESIGN.md, Privacy: kept only
 * while the check runs, at most 15 minutes). Deliberately not in conversation state: that is
 * persisted to the database, and a value there would outlive the check if the user walked away.
 * The cost: after a restart, or on another process, the bot asks again.
 */
export class SensitiveValues<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores or replaces; the 15 minutes run from the first store, so answering slowly cannot extend them. */
  set(key: string, value: T): void {
    const existing = this.entries.get(key);
    const expiresAt = existing && existing.expiresAt > this.now() ? existing.expiresAt : this.now() + this.ttlMs;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    this.sweep();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops expired values, and the oldest ones past `maxEntries`, so nothing lingers unread. */
  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now || this.entries.size > this.maxEntries) this.entries.delete(key);
    }
  }
}
