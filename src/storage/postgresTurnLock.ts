import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { InProcessTurnLock, type TurnLock } from './turnLock';

/** A signed 64-bit advisory lock id per key; a rare collision only serialises two unrelated turns. */
function advisoryLockIds(keys: readonly string[]): string[] {
  const ids = keys.map((key) => createHash('sha256').update(key, 'utf8').digest().readBigInt64BE(0));
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}

/**
 * A TurnLock across every bot process on one PostgreSQL: session advisory locks, taken in one
 * global order, held on a connection of `pool` for the whole turn. The pool must be the lock's own,
 * or turns holding its connections would starve the state reads they are waiting to make.
 * Within the process an in-process lock comes first, so each process holds one connection per key.
 */
export class PostgresTurnLock implements TurnLock {
  private readonly local = new InProcessTurnLock();

  constructor(private readonly pool: Pool) {}

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
}
