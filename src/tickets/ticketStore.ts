import { randomUUID } from 'node:crypto';
import type { SelectQueryBuilder, Updateable } from 'kysely';
import { z } from 'zod';
import { TICKET_MIGRATIONS } from '../storage/migrations';
import { openDatabase, type OpenDatabaseOptions } from '../storage/openDatabase';
import type { Schema, TicketsTable } from '../storage/schema';
import type { Db, SqlDatabase } from '../storage/sqlDatabase';
import { TICKET_ANONYMISED_EVENT, TICKET_CREATED_EVENT, TicketOutbox } from './outbox';
import {
  anonymisedDetails,
  TICKET_ACTIONS,
  TICKET_LIMITS,
  ticketDetailsSchema,
  validateNewTicket,
  validTicketChange,
  type NewTicket,
  type Ticket,
  type TicketChange,
  type TicketReply,
} from './ticket';
import {
  InvalidTicketError,
  TicketAnonymisedError,
  TicketLimitError,
  TicketNotFoundError,
  VersionConflictError,
} from './ticketErrors';
import { generateTicketNumber } from './ticketNumber';

export interface TicketStoreOptions {
  /** Queue a helpdesk webhook call with each new ticket (set when HELPDESK_WEBHOOK_URL is configured). */
  readonly webhookOutbox: boolean;
  /** The clock for timestamps and retention; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Tests force collisions with it; default generateTicketNumber. */
  readonly generateNumber?: () => string;
}

export interface TicketListFilter extends Partial<Pick<Ticket, 'status' | 'priority'>> {
  /** A topic id (`cause.id`), or null for tickets with no recognised cause. */
  readonly cause?: string | null;
  /** Only tickets created before this ISO time (the queue's age filter). */
  readonly createdBefore?: string;
  /** 1..100. */
  readonly limit: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** Where a page of the ticket list ends, in its (created_at, number) order. */
const cursorSchema = z.tuple([z.iso.datetime(), z.string().max(64)]);

function encodeTicketCursor(last: Ticket): string {
  return Buffer.from(JSON.stringify([last.createdAt, last.number]), 'utf8').toString('base64url');
}

/** The (createdAt, number) a page ended at; undefined for anything that is not a cursor the store handed out. */
export function decodeTicketCursor(text: string): z.infer<typeof cursorSchema> | undefined {
  if (text.length > 256 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens the ticket store named by DATABASE_URL (`sqlite:<path>` or `postgres://...`), with the
 * `tickets` migrations applied. Errors name DATABASE_URL and never echo credentials.
 */
export async function openTicketStore(
  databaseUrl: string,
  options: TicketStoreOptions & OpenDatabaseOptions,
): Promise<TicketStore> {
  return new TicketStore(await openDatabase(databaseUrl, 'tickets', TICKET_MIGRATIONS, options), options);
}

const MAX_NUMBER_ATTEMPTS = 8;

/**
 * Tickets in SQLite or PostgreSQL. Every write is one transaction that locks what it reads (the
 * ticket row on PostgreSQL, the file on SQLite), so several bot processes may share the database.
 * Errors: VersionConflictError, TicketNotFoundError, TicketLimitError, InvalidTicketError,
 * TicketAnonymisedError (ticketErrors.ts).
 */
export class TicketStore {
  readonly outbox: TicketOutbox;

  constructor(
    private readonly database: SqlDatabase,
    private readonly options: TicketStoreOptions,
  ) {
    this.outbox = new TicketOutbox(database);
  }

  /** Numbers the ticket (retrying on a collision) and, when the outbox is on, queues the webhook in the same transaction. */
  async create(input: NewTicket): Promise<Ticket> {
    const { userKey, priority, ...details } = validateNewTicket(input);
    return this.database.write(async (db) => {
      const at = this.at();
      const row = { status: 'open', priority, user_key: userKey, cause_id: details.cause.id, version: 1 } as const;
      for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
        const number = (this.options.generateNumber ?? generateTicketNumber)();
        // A taken number inserts nothing rather than failing, which would abort the PostgreSQL transaction.
        const { numInsertedOrUpdatedRows } = await db
          .insertInto('tickets')
          .values({ ...row, number, details: JSON.stringify(details), created_at: at, updated_at: at })
          .onConflict((conflict) => conflict.column('number').doNothing())
          .executeTakeFirst();
        if (numInsertedOrUpdatedRows !== 1n) continue;
        await this.queueWebhook(db, number, TICKET_CREATED_EVENT, at);
        return mustRead(db, number);
      }
      throw new Error(`No free ticket number after ${MAX_NUMBER_ATTEMPTS} attempts.`);
    });
  }

  /** `number` in canonical form (parseTicketNumber). */
  async get(number: string): Promise<Ticket | undefined> {
    const [ticket] = await this.database.read((db) => selectTickets(db, (query) => query.where('number', '=', number)));
    return ticket;
  }

  /** Newest first; `nextCursor` is there when more tickets follow. */
  async list(filter: TicketListFilter): Promise<{ tickets: Ticket[]; nextCursor?: string }> {
    const limit = listLimit(filter.limit);
    const cursor = filter.cursor === undefined ? undefined : decodeTicketCursor(filter.cursor);
    if (filter.cursor !== undefined && cursor === undefined) {
      throw new InvalidTicketError('The cursor is not one this list handed out.');
    }
    return this.database.read(async (db) => {
      const tickets = await selectTickets(db, (all) => {
        // Kysely leaves out the filters that are undefined and compares a null cause with IS.
        let query = all.where((eb) =>
          eb.and({ status: filter.status, priority: filter.priority, cause_id: filter.cause }),
        );
        if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
        // A row-value comparison: strictly after the cursor in (created_at, number) order, newest first.
        if (cursor !== undefined) {
          query = query.where((eb) => eb(eb.refTuple('created_at', 'number'), '<', eb.tuple(...cursor)));
        }
        return newestFirst(query).limit(limit + 1);
      });
      const last = tickets[limit - 1];
      return tickets.length > limit && last !== undefined
        ? { tickets: tickets.slice(0, limit), nextCursor: encodeTicketCursor(last) }
        : { tickets };
    });
  }

  /** Tickets changed at or after `since`, oldest change first: the feed behind the agent console's live queue. */
  async listChanged(filter: { readonly since: string; readonly limit: number }): Promise<Ticket[]> {
    const limit = listLimit(filter.limit);
    return this.database.read((db) =>
      selectTickets(db, (query) =>
        query.where('updated_at', '>=', filter.since).orderBy('updated_at').orderBy('number').limit(limit),
      ),
    );
  }

  /** Applies the change only while the ticket is still at `expectedVersion`; a note counts against the limits. */
  async update(number: string, expectedVersion: number, change: TicketChange): Promise<Ticket> {
    return this.edit(number, expectedVersion, change);
  }

  /** `agent` (when given) is recorded in the ticket's activity, as for update() and addReply(). */
  async addNote(number: string, text: string, agent?: string): Promise<Ticket> {
    return this.edit(number, undefined, { note: text, agent });
  }

  async addReply(number: string, text: string, agent?: string): Promise<{ ticket: Ticket; reply: TicketReply }> {
    const ticket = await this.edit(number, undefined, { reply: text, agent });
    // Read in the order they were added, under the lock that added this one: it is the last.
    return { ticket, reply: ticket.replies[ticket.replies.length - 1] };
  }

  /** True when this call marked it (false: unknown, or someone marked it first), so a reply is shown once. */
  async markReplyDelivered(number: string, replyId: string): Promise<boolean> {
    return this.database.write(async (db) => {
      const at = this.at();
      const { numUpdatedRows } = await db
        .updateTable('ticket_replies')
        .set({ delivered_at: at })
        .where('ticket_number', '=', number)
        .where('id', '=', replyId)
        .where('delivered_at', 'is', null)
        .executeTakeFirst();
      if (numUpdatedRows === 1n) await touch(db, number, at);
      return numUpdatedRows === 1n;
    });
  }

  /** Undelivered replies on the user's tickets, oldest first: shown the next time the user writes. */
  async pendingReplies(userKey: string): Promise<{ ticketNumber: string; reply: TicketReply }[]> {
    const db = this.database.db;
    const rows = await db
      .selectFrom('ticket_replies')
      .select(REPLY_COLUMNS)
      .where('ticket_number', 'in', db.selectFrom('tickets').select('number').where('user_key', '=', userKey))
      .where('delivered_at', 'is', null)
      .orderBy('created_at')
      .orderBy('ticket_number')
      .orderBy('position')
      .execute();
    return rows.map(({ ticket_number, ...reply }) => ({ ticketNumber: ticket_number, reply }));
  }

  async findLatestByUserKey(userKey: string): Promise<Ticket | undefined> {
    const latest = (db: Db) =>
      selectTickets(db, (query) => newestFirst(query.where('user_key', '=', userKey)).limit(1));
    return (await this.database.read(latest))[0];
  }

  /**
   * "Forget me": the user's tickets stay for the agents (cause, checks, status) but lose the user
   * key, conversation reference, prompt text, application reference, notes and replies.
   * Returns how many tickets were anonymised.
   */
  async anonymiseByUserKey(userKey: string): Promise<number> {
    const count = await this.database.write(async (db) => {
      // Locked in number order, so two overlapping requests cannot deadlock.
      const rows = await db
        .selectFrom('tickets')
        .select(['number', 'details'])
        .where('user_key', '=', userKey)
        .orderBy('number')
        .$if(this.database.rowLocks, (query) => query.forUpdate())
        .execute();
      const at = this.at();
      for (const row of rows) {
        for (const table of ['ticket_notes', 'ticket_replies'] as const) {
          await db.deleteFrom(table).where('ticket_number', '=', row.number).execute();
        }
        const details = JSON.stringify(anonymisedDetails(detailsOfRow(row)));
        await touch(db, row.number, at, { details, user_key: null, anonymised_at: at });
        await this.queueWebhook(db, row.number, TICKET_ANONYMISED_EVENT, at);
      }
      return rows.length;
    });
    await this.database.afterErase();
    return count;
  }

  /** Deletes tickets (with notes, replies, webhook rows) untouched for more than `days` days; returns how many. */
  async purgeOlderThan(days: number): Promise<number> {
    if (!Number.isFinite(days) || days < 0) throw new RangeError('The retention period must be zero or more days.');
    const cutoff = new Date(this.now().getTime() - days * 86_400_000).toISOString();
    return this.database.write(async (db) => {
      const expired = db.selectFrom('tickets').select('number').where('updated_at', '<', cutoff);
      for (const table of ['ticket_notes', 'ticket_replies', 'ticket_outbox'] as const) {
        await db.deleteFrom(table).where('ticket_number', 'in', expired).execute();
      }
      const { numDeletedRows } = await db.deleteFrom('tickets').where('updated_at', '<', cutoff).executeTakeFirst();
      return Number(numDeletedRows);
    });
  }

  /** Resolves when the database answers; for /readyz. */
  ping(): Promise<void> {
    return this.database.ping();
  }

  close(): Promise<void> {
    return this.database.close();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private at(): string {
    return this.now().toISOString();
  }

  /** update(), addNote() and addReply(): one new version, checked against `expectedVersion` when there is one. */
  private async edit(
    number: string,
    expectedVersion: number | undefined,
    change: TicketChange & { readonly reply?: string },
  ): Promise<Ticket> {
    const { note, reply, agent, ...columns } = validTicketChange(change);
    return this.database.write(async (db) => {
      // On PostgreSQL concurrent writers to one ticket queue up on its row lock.
      const current = await db
        .selectFrom('tickets')
        .select(['version', 'user_key', 'details'])
        .where('number', '=', number)
        .$if(this.database.rowLocks, (query) => query.forUpdate())
        .executeTakeFirst();
      if (current === undefined) throw new TicketNotFoundError(number);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new VersionConflictError(number, expectedVersion, current.version);
      }
      if (reply !== undefined && current.user_key === null) throw new TicketAnonymisedError(number);
      const at = this.at();
      const done = {
        ...columns,
        note: note === undefined ? undefined : await addChild(db, 'notes', number, note, at),
        reply: reply === undefined ? undefined : await addChild(db, 'replies', number, reply, at),
      };
      const entries = TICKET_ACTIONS.flatMap((action) => {
        const value = done[action];
        return agent === undefined || value === undefined ? [] : [{ at, agent, action, value }];
      });
      // What `agent` did goes into the version's one UPDATE, which leaves the details alone when no agent acted.
      const details = entries.length === 0 ? undefined : detailsOfRow(current);
      const activity = details && [...details.activity, ...entries].slice(-TICKET_LIMITS.activity);
      await touch(db, number, at, { ...columns, details: details && JSON.stringify({ ...details, activity }) });
      return mustRead(db, number);
    });
  }

  private async queueWebhook(db: Db, number: string, event: string, at: string): Promise<void> {
    if (!this.options.webhookOutbox) return;
    await db
      .insertInto('ticket_outbox')
      .values({ ticket_number: number, event, next_attempt_at: at, created_at: at })
      .execute();
  }
}

const NOTE_COLUMNS = ['ticket_number', 'id', 'text', 'created_at as createdAt'] as const;
const REPLY_COLUMNS = [...NOTE_COLUMNS, 'delivered_at as deliveredAt'] as const;

type TicketQuery = SelectQueryBuilder<Schema, 'tickets', object>;

function newestFirst(query: TicketQuery): TicketQuery {
  return query.orderBy('created_at', 'desc').orderBy('number', 'desc');
}

/** The tickets `narrow` picks out of all, with their notes and replies in one query each. */
async function selectTickets(db: Db, narrow: (query: TicketQuery) => TicketQuery): Promise<Ticket[]> {
  // Columns named as the Ticket fields they become; details is checked and spread into them below.
  const rows = await narrow(db.selectFrom('tickets'))
    .select(['number', 'status', 'priority', 'assignee', 'user_key as userKey', 'details', 'version'])
    .select(['created_at as createdAt', 'updated_at as updatedAt', 'anonymised_at as anonymisedAt'])
    .execute();
  if (rows.length === 0) return [];
  const numbers = rows.map((row) => row.number);
  const children = (table: 'ticket_notes' | 'ticket_replies') =>
    db.selectFrom(table).where('ticket_number', 'in', numbers).orderBy('ticket_number').orderBy('position');
  const notes = byTicket(await children('ticket_notes').select(NOTE_COLUMNS).execute());
  const replies = byTicket(await children('ticket_replies').select(REPLY_COLUMNS).execute());
  return rows.map(({ details, ...row }) => ({
    ...row,
    ...detailsOfRow({ details }),
    notes: notes.get(row.number) ?? [],
    replies: replies.get(row.number) ?? [],
  }));
}

async function mustRead(db: Db, number: string): Promise<Ticket> {
  const [ticket] = await selectTickets(db, (query) => query.where('number', '=', number));
  if (ticket === undefined) throw new TicketNotFoundError(number);
  return ticket;
}

/** The details document, checked: the column only promises JSON. */
function detailsOfRow(row: Pick<TicketsTable, 'details'>) {
  return ticketDetailsSchema.parse(JSON.parse(row.details));
}

/** Child rows grouped by ticket, in the query's order. */
function byTicket<R extends { ticket_number: string }>(rows: readonly R[]): Map<string, Omit<R, 'ticket_number'>[]> {
  const groups = new Map<string, Omit<R, 'ticket_number'>[]>();
  for (const { ticket_number: number, ...child } of rows) {
    const group = groups.get(number);
    if (group === undefined) groups.set(number, [child]);
    else group.push(child);
  }
  return groups;
}

/** Appends a note or reply within the ticket's limit; returns its id. */
async function addChild(db: Db, kind: 'notes' | 'replies', number: string, text: string, at: string): Promise<string> {
  const table = kind === 'notes' ? 'ticket_notes' : 'ticket_replies';
  const { count } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ticket_number', '=', number)
    .executeTakeFirstOrThrow();
  if (count >= TICKET_LIMITS[kind]) {
    throw new TicketLimitError(kind, `A ticket holds at most ${TICKET_LIMITS[kind]} ${kind}.`);
  }
  const id = randomUUID();
  await db
    .insertInto(table)
    .values({ ticket_number: number, position: count + 1, id, text, created_at: at })
    .execute();
  return id;
}

/** A new version of the ticket, with `change` applied (Kysely leaves out the fields that are undefined). */
async function touch(db: Db, number: string, at: string, change: Updateable<TicketsTable> = {}): Promise<void> {
  await db
    .updateTable('tickets')
    .set((eb) => ({ ...change, version: eb('version', '+', 1), updated_at: at }))
    .where('number', '=', number)
    .execute();
}

function listLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('A page holds 1-100 tickets.');
  return limit;
}
