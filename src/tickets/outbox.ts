/** What the helpdesk is told; a field so it can tell the events apart. */
export const TICKET_CREATED_EVENT = 'ticket.created';
/** The user asked to be forgotten: the helpdesk should drop its copies of what the ticket no longer holds. */
export const TICKET_ANONYMISED_EVENT = 'ticket.anonymised';

/** One queued webhook call, claimed by one dispatcher until `lockedUntil`. */
export interface OutboxEntry {
  readonly id: string;
  readonly ticketNumber: string;
  readonly event: string;
  /** Failed attempts so far. */
  readonly attempts: number;
  /** Proves the claim on completion: a dispatcher whose lease ran out cannot overwrite a newer claim. */
  readonly lockToken: string;
}

export interface OutboxRow extends Omit<OutboxEntry, 'lockToken'> {
  readonly nextAttemptAt: string;
  readonly deliveredAt: string | null;
  readonly lastError: string | null;
}

/**
 * The helpdesk webhook queue, rows written in the ticket's own transaction. Claims are leases:
 * a dispatcher that dies mid-call leaves rows that another one takes after `leaseMs`, so every
 * ticket goes out at least once.
 */
export interface TicketOutbox {
  /** Due, unclaimed rows (oldest first), now leased to the caller. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** False when the lease was lost (another dispatcher took the row). */
  markDelivered(entry: OutboxEntry, now: Date): Promise<boolean>;
  markFailed(entry: OutboxEntry, nextAttemptAt: Date, error: string): Promise<boolean>;
  /** Every row of a ticket, or of all tickets; for operators and tests. */
  rows(ticketNumber?: string): Promise<OutboxRow[]>;
}
