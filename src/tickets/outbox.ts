import { claimDue } from '../storage/claimDue';
import type { SqlDatabase } from '../storage/sqlDatabase';

/** What the helpdesk is told; a field so it can tell the events apart. */
export const TICKET_CREATED_EVENT = 'ticket.created';
/** The user asked to be forgotten: the helpdesk should drop its copies of what the ticket no longer holds. */
export const TICKET_ANONYMISED_EVENT = 'ticket.anonymised';

/**
 * One queued webhook call, claimed by one dispatcher until its lease ends; `attempts` counts the failed ones,
 * and `lockToken` proves the claim on completion: a dispatcher whose lease ran out cannot overwrite a newer claim.
 */
export type OutboxEntry = Awaited<ReturnType<TicketOutbox['claimDue']>>[number];

/**
 * The helpdesk webhook queue in the ticket database, rows written in the ticket's own transaction.
 * Claims are leases: a dispatcher that dies mid-call leaves rows that another one takes after
 * `leaseMs`, so every ticket goes out at least once.
 */
export class TicketOutbox {
  constructor(private readonly database: SqlDatabase) {}

  /** Due, unclaimed rows (oldest first), now leased to the caller. */
  claimDue(now: Date, limit: number, leaseMs: number) {
    const claim = { table: 'ticket_outbox', waitingWhileNull: 'delivered_at', now, limit, leaseMs };
    return claimDue(this.database, claim, async (db, lockToken) => {
      const rows = await db
        .selectFrom('ticket_outbox')
        .select(['id', 'ticket_number as ticketNumber', 'event', 'attempts'])
        .where('lock_token', '=', lockToken)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ ...row, id: String(row.id), lockToken }));
    });
  }

  /** False when the lease was lost (another dispatcher took the row). */
  markDelivered(entry: OutboxEntry, now: Date): Promise<boolean> {
    return this.complete(entry, { delivered_at: now.toISOString(), last_error: null });
  }

  markFailed(entry: OutboxEntry, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.complete(entry, { next_attempt_at: nextAttemptAt.toISOString(), last_error: error.slice(0, 500) }, 1);
  }

  /** Every row of a ticket, or of all tickets; for operators and tests. */
  async rows(ticketNumber?: string) {
    let query = this.database.db
      .selectFrom('ticket_outbox')
      .select(['id', 'ticket_number as ticketNumber', 'event', 'attempts', 'next_attempt_at as nextAttemptAt'])
      .select(['delivered_at as deliveredAt', 'last_error as lastError']);
    if (ticketNumber !== undefined) query = query.where('ticket_number', '=', ticketNumber);
    const rows = await query.orderBy('id').execute();
    return rows.map((row) => ({ ...row, id: String(row.id) }));
  }

  /** Ends the lease; false when it was lost (another dispatcher took the row meanwhile). */
  private async complete(
    entry: OutboxEntry,
    change: { delivered_at?: string; next_attempt_at?: string; last_error: string | null },
    failed = 0,
  ): Promise<boolean> {
    const { numUpdatedRows } = await this.database.db
      .updateTable('ticket_outbox')
      .set((eb) => ({ ...change, attempts: eb('attempts', '+', failed), locked_until: null, lock_token: null }))
      .where('id', '=', Number(entry.id))
      .where('lock_token', '=', entry.lockToken)
      .executeTakeFirst();
    return numUpdatedRows === 1n;
  }
}
