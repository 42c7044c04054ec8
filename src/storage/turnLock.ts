import { createHash } from 'node:crypto';
import { parseDatabaseUrl, type OpenDatabaseOptions } from './openDatabase';
import { createPostgresPool } from './postgresDialect';

/** Serialises turns that share state keys (the bot's TurnLock). */
export interface ClosableTurnLock {
  /** Runs `work` once no other holder of any of `keys` is running, and holds them until it settles. */
  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A turn lock for one process: the turns holding a key run one after the other, in the order they came. */
export class InProcessTurnLock implements ClosableTurnLock {
  /** Per key, the settling of the last turn queued on it. */
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    // A turn queues on all its keys at once and only behind turns queued before it, so two turns
    // that share two keys can never wait on each other.
    const result = Promise.all(unique.flatMap((key) => this.tails.get(key) ?? [])).then(() => work());
    const tail = result.catch(() => undefined);
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) {
        if (this.tails.get(key) === tail) this.tails.delete(key);
      }
    });
    return result;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Conversations with a turn in flight at once in one process: each such turn holds one connection. */
const LOCK_CONNECTIONS = 20;

/** A signed 64-bit advisory lock id per key; a rare collision only serialises two unrelated turns. */
function advisoryLockIds(keys: readonly string[]): string[] {
  const ids = keys.map((key) => createHash('sha256').update(key, 'utf8').digest().readBigInt64BE(0));
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}

/**
 * A turn lock across every bot process on one PostgreSQL: session advisory locks, taken in one
 * global order and held for the whole turn on a connection of the lock's own pool (turns holding
 * connections of the stores' pool would starve the state reads they wait to make). Within the
 * process an in-process lock comes first, so each process holds one connection per key.
 */
export class PostgresTurnLock implements ClosableTurnLock {
  private readonly local = new InProcessTurnLock();
  private readonly pool;

  constructor(connectionString: string, onIdleClientError?: (error: Error) => void) {
    this.pool = createPostgresPool(connectionString, { max: LOCK_CONNECTIONS, onIdleClientError });
  }

  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.local.run(keys, async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        for (const id of advisoryLockIds(keys)) await client.query('SELECT pg_advisory_lock($1::bigint)', [id]);
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock_all()').catch((error: unknown) => {
          // A connection whose locks may still be held is closed, which releases them.
          broken = error instanceof Error ? error : new Error(String(error));
        });
        client.release(broken);
      }
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * The turn lock that fits DATABASE_URL: PostgreSQL may be shared by several bot processes, so its
 * lock spans them; a SQLite file serves one process, so an in-process lock is enough.
 */
export function openTurnLock(databaseUrl: string, options: OpenDatabaseOptions = {}): ClosableTurnLock {
  const location = parseDatabaseUrl(databaseUrl);
  return location.kind === 'sqlite'
    ? new InProcessTurnLock()
    : new PostgresTurnLock(location.connectionString, options.onBackgroundError);
}
