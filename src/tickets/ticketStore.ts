import { z } from 'zod';
import type { TicketOutbox } from './outbox';
import type { NewTicket, Ticket, TicketChange, TicketPriority, TicketReply, TicketStatus } from './ticket';

export interface TicketListFilter {
  readonly status?: TicketStatus;
  /** A topic id (`cause.id`), or null for tickets with no recognised cause. */
  readonly cause?: string | null;
  readonly priority?: TicketPriority;
  /** Only tickets created before this ISO time (the queue's age filter). */
  readonly createdBefore?: string;
  /** 1..100. */
  readonly limit: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export interface TicketPage {
  /** Newest first. */
  readonly tickets: Ticket[];
  /** Present when more tickets follow. */
  readonly nextCursor?: string;
}

export interface TicketChangesFilter extends Pick<TicketListFilter, 'limit'> {
  /** ISO time: tickets whose updatedAt is at or after it. */
  readonly since: string;
}

export interface PendingReply {
  readonly ticketNumber: string;
  readonly reply: TicketReply;
}

/**
 * Tickets in SQLite or PostgreSQL. Every method is atomic, so several bot processes may share one
 * database. Errors: VersionConflictError, TicketNotFoundError, TicketLimitError,
 * InvalidTicketError, TicketAnonymisedError (ticketErrors.ts).
 */
export interface TicketStore {
  /** Numbers the ticket (retrying on a collision) and, when the outbox is on, queues the webhook in the same transaction. */
  create(input: NewTicket): Promise<Ticket>;
  /** `number` in canonical form (parseTicketNumber). */
  get(number: string): Promise<Ticket | undefined>;
  list(filter: TicketListFilter): Promise<TicketPage>;
  /** Tickets changed at or after `since`, oldest change first: the feed behind the agent console's live queue. */
  listChanged(filter: TicketChangesFilter): Promise<Ticket[]>;
  /** Applies the change only while the ticket is still at `expectedVersion`; a note counts against the limits. */
  update(number: string, expectedVersion: number, change: TicketChange): Promise<Ticket>;
  /** `agent` (when given) is recorded in the ticket's activity, as for update() and addReply(). */
  addNote(number: string, text: string, agent?: string): Promise<Ticket>;
  addReply(number: string, text: string, agent?: string): Promise<{ ticket: Ticket; reply: TicketReply }>;
  /** True when this call marked it (false: unknown, or someone marked it first), so a reply is shown once. */
  markReplyDelivered(number: string, replyId: string): Promise<boolean>;
  /** Undelivered replies on the user's tickets, oldest first: shown the next time the user writes. */
  pendingReplies(userKey: string): Promise<PendingReply[]>;
  findLatestByUserKey(userKey: string): Promise<Ticket | undefined>;
  /**
   * "Forget me": the user's tickets stay for the agents (cause, checks, status) but lose the user
   * key, conversation reference, prompt text, application reference, notes and replies.
   * Returns how many tickets were anonymised.
   */
  anonymiseByUserKey(userKey: string): Promise<number>;
  /** Deletes tickets (with notes, replies, webhook rows) untouched for more than `days` days; returns how many. */
  purgeOlderThan(days: number): Promise<number>;
  readonly outbox: TicketOutbox;
  /** Resolves when the database answers; for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface TicketStoreOptions {
  /** Queue a helpdesk webhook call with each new ticket (set when HELPDESK_WEBHOOK_URL is configured). */
  readonly webhookOutbox: boolean;
  /** The clock for timestamps and retention; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Tests force collisions with it; default generateTicketNumber. */
  readonly generateNumber?: () => string;
}

const cursorSchema = z.tuple([z.iso.datetime(), z.string().max(64)]);

export interface TicketCursor {
  readonly createdAt: string;
  readonly number: string;
}

export function encodeTicketCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.number]), 'utf8').toString('base64url');
}

/** undefined for anything that is not a cursor this store handed out. */
export function decodeTicketCursor(text: string): TicketCursor | undefined {
  if (text.length > 256 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { createdAt: parsed.data[0], number: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

export function listLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('A page holds 1-100 tickets.');
  return limit;
}
