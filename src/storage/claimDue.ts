import { randomUUID } from 'node:crypto';
import type { Db, SqlDatabase } from './sqlDatabase';

/** The columns of a table whose due rows are handed out under leases (the webhook outbox, the reminders). */
interface LeasedRow {
  id: string | number;
  next_attempt_at: string;
  locked_until: string | null;
  lock_token: string | null;
}

export interface DueClaim {
  readonly table: string;
  /** The column that stays null while a row waits to be sent (`delivered_at`, `held_at`). */
  readonly waitingWhileNull: string;
  readonly now: Date;
  readonly limit: number;
  readonly leaseMs: number;
}

/**
 * Leases up to `limit` due rows without a live lease, oldest first, to a fresh lock token, and reads
 * them back with `read` in the same transaction (it selects `lock_token = lockToken`). With row
 * locks, claimers in other processes take other rows instead of waiting for these, and a row one of
 * them claimed meanwhile is re-checked against its new lease, so it is skipped; on SQLite the write
 * transaction has the file to itself.
 */
export function claimDue<Row>(
  database: SqlDatabase,
  claim: DueClaim,
  read: (db: Db, lockToken: string) => Promise<Row[]>,
): Promise<Row[]> {
  const at = claim.now.toISOString();
  const lockToken = randomUUID();
  return database.write(async (tx) => {
    // The table is named at run time; every column this query touches is a LeasedRow column.
    const db = tx.withTables<Record<string, LeasedRow>>();
    const queue = db.dynamic.table(claim.table).as('queue');
    const due = db
      .selectFrom(queue)
      .select('id')
      .where(db.dynamic.ref(claim.waitingWhileNull), 'is', null)
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(claim.limit)
      .$if(database.rowLocks, (query) => query.forUpdate().skipLocked());
    await db
      .updateTable(queue)
      .set({ locked_until: new Date(claim.now.getTime() + claim.leaseMs).toISOString(), lock_token: lockToken })
      .where('id', 'in', due)
      .execute();
    return read(tx, lockToken);
  });
}
