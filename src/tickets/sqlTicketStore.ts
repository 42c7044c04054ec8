import { randomUUID } from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import { z } from 'zod';
import type { TicketChildTable, TicketRepliesTable, TicketsTable } from '../storage/schema';
import type { Db, SqlDatabase } from '../storage/sqlDatabase';
import { TICKET_ANONYMISED_EVENT, TICKET_CREATED_EVENT, type TicketOutbox } from './outbox';
import { SqlOutbox } from './sqlOutbox';
import { agentNameSchema, TICKET_LIMITS, TICKET_PRIORITIES, TICKET_STATUSES, ticketDetailsSchema } from './ticket';
import type {
  NewTicket,
  Ticket,
  TicketAction,
  TicketActivity,
  TicketChange,
  TicketDetails,
  TicketReply,
} from './ticket';
import {
  InvalidTicketError,
  TicketAnonymisedError,
  TicketLimitError,
  TicketNotFoundError,
  VersionConflictError,
} from './ticketErrors';
import { generateTicketNumber } from './ticketNumber';
import {
  anonymisedDetails,
  assigneeValue,
  cutoffFor,
  decodeTicketCursor,
  encodeTicketCursor,
  listLimit,
  noteText,
  replyText,
  validateNewTicket,
} from './ticketRow';
import type {
  PendingReply,
  TicketChangesFilter,
  TicketListFilter,
  TicketPage,
  TicketStore,
  TicketStoreOptions,
} from './ticketStore';

const MAX_NUMBER_ATTEMPTS = 8;
const statusSchema = z.enum(TICKET_STATUSES);
const prioritySchema = z.enum(TICKET_PRIORITIES);

/**
 * Tickets in SQLite or PostgreSQL. Every write is one transaction that locks what it reads (the
 * ticket row on PostgreSQL, the file on SQLite), so several bot processes may share the database.
 */
export class SqlTicketStore implements TicketStore {
  readonly outbox: TicketOutbox;
  private readonly now: () => Date;
  private readonly generateNumber: () => string;

  constructor(
    private readonly database: SqlDatabase,
    private readonly options: TicketStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.generateNumber = options.generateNumber ?? generateTicketNumber;
    this.outbox = new SqlOutbox(database);
  }

  async create(input: NewTicket): Promise<Ticket> {
    const { userKey, priority, ...details } = validateNewTicket(input);
    return this.database.write(async (db) => {
      const at = this.at();
      for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
        const number = this.generateNumber();
        // A taken number inserts nothing rather than failing, which would abort the PostgreSQL transaction.
        const { numInsertedOrUpdatedRows } = await db
          .insertInto('tickets')
          .values({
            number,
            status: 'open',
            priority,
            user_key: userKey,
            cause_id: details.cause.id,
            details: JSON.stringify(details),
            version: 1,
            created_at: at,
            updated_at: at,
          })
          .onConflict((conflict) => conflict.column('number').doNothing())
          .executeTakeFirst();
        if (numInsertedOrUpdatedRows !== 1n) continue;
        await this.queueWebhook(db, number, TICKET_CREATED_EVENT, at);
        return mustRead(db, number);
      }
      throw new Error(`No free ticket number after ${MAX_NUMBER_ATTEMPTS} attempts.`);
    });
  }

  async get(number: string): Promise<Ticket | undefined> {
    return this.database.read((db) => read(db, number));
  }

  async list(filter: TicketListFilter): Promise<TicketPage> {
    const limit = listLimit(filter.limit);
    const cursor = filter.cursor === undefined ? undefined : decodeTicketCursor(filter.cursor);
    if (filter.cursor !== undefined && cursor === undefined) {
      throw new InvalidTicketError('The cursor is not one this list handed out.');
    }
    return this.database.read(async (db): Promise<TicketPage> => {
      let query = db.selectFrom('tickets').selectAll();
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter.priority !== undefined) query = query.where('priority', '=', filter.priority);
      if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
      if (filter.cause !== undefined) query = query.where('cause_id', filter.cause === null ? 'is' : '=', filter.cause);
      if (cursor !== undefined) {
        // A row-value comparison: strictly after the cursor in (created_at, number) order, newest first.
        query = query.where((eb) =>
          eb(eb.refTuple('created_at', 'number'), '<', eb.tuple(cursor.createdAt, cursor.number)),
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('number', 'desc')
        .limit(limit + 1)
        .execute();
      const tickets = await withChildren(db, rows.slice(0, limit));
      const last = tickets[tickets.length - 1];
      return rows.length > limit && last !== undefined
        ? { tickets, nextCursor: encodeTicketCursor(last) }
        : { tickets };
    });
  }

  async listChanged(filter: TicketChangesFilter): Promise<Ticket[]> {
    const limit = listLimit(filter.limit);
    return this.database.read(async (db) => {
      const rows = await db
        .selectFrom('tickets')
        .selectAll()
        .where('updated_at', '>=', filter.since)
        .orderBy('updated_at')
        .orderBy('number')
        .limit(limit)
        .execute();
      return withChildren(db, rows);
    });
  }

  async update(number: string, expectedVersion: number, change: TicketChange): Promise<Ticket> {
    const note = change.note === undefined ? undefined : noteText(change.note);
    const assignee = change.assignee === undefined ? undefined : assigneeValue(change.assignee);
    const agent = agentOf(change.agent);
    return this.database.write(async (db) => {
      const current = await this.lockTicket(db, number);
      if (current.version !== expectedVersion) throw new VersionConflictError(number, expectedVersion, current.version);
      const at = this.at();
      const noteId = note === undefined ? undefined : await addChild(db, 'ticket_notes', number, note, at);
      if (agent !== undefined) {
        await appendActivity(db, number, [
          ...(change.status === undefined ? [] : [activity(at, agent, 'status', change.status)]),
          ...(assignee === undefined ? [] : [activity(at, agent, 'assignee', assignee)]),
          ...(noteId === undefined ? [] : [activity(at, agent, 'note', noteId)]),
        ]);
      }
      await touch(db, number, at, {
        ...(change.status === undefined ? {} : { status: change.status }),
        ...(assignee === undefined ? {} : { assignee }),
      });
      return mustRead(db, number);
    });
  }

  async addNote(number: string, text: string, agent?: string): Promise<Ticket> {
    const note = noteText(text);
    const by = agentOf(agent);
    return this.database.write(async (db) => {
      await this.lockTicket(db, number);
      const at = this.at();
      const noteId = await addChild(db, 'ticket_notes', number, note, at);
      if (by !== undefined) await appendActivity(db, number, [activity(at, by, 'note', noteId)]);
      await touch(db, number, at);
      return mustRead(db, number);
    });
  }

  async addReply(number: string, text: string, agent?: string): Promise<{ ticket: Ticket; reply: TicketReply }> {
    const body = replyText(text);
    const by = agentOf(agent);
    return this.database.write(async (db) => {
      const current = await this.lockTicket(db, number);
      if (current.user_key === null) throw new TicketAnonymisedError(number);
      const at = this.at();
      const reply: TicketReply = {
        id: await addChild(db, 'ticket_replies', number, body, at),
        text: body,
        createdAt: at,
        deliveredAt: null,
      };
      if (by !== undefined) await appendActivity(db, number, [activity(at, by, 'reply', reply.id)]);
      await touch(db, number, at);
      return { ticket: await mustRead(db, number), reply };
    });
  }

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

  async pendingReplies(userKey: string): Promise<PendingReply[]> {
    const rows = await this.database.db
      .selectFrom('ticket_replies as r')
      .innerJoin('tickets as t', 't.number', 'r.ticket_number')
      .selectAll('r')
      .where('t.user_key', '=', userKey)
      .where('r.delivered_at', 'is', null)
      .orderBy('r.created_at')
      .orderBy('r.ticket_number')
      .orderBy('r.position')
      .execute();
    return rows.map((row) => ({ ticketNumber: row.ticket_number, reply: replyOf(row) }));
  }

  async findLatestByUserKey(userKey: string): Promise<Ticket | undefined> {
    const row = await this.database.db
      .selectFrom('tickets')
      .select('number')
      .where('user_key', '=', userKey)
      .orderBy('created_at', 'desc')
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : this.get(row.number);
  }

  async anonymiseByUserKey(userKey: string): Promise<number> {
    const count = await this.database.write(async (db) => {
      // Locked in number order, so two overlapping requests cannot deadlock.
      const rows = await db
        .selectFrom('tickets')
        .selectAll()
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

  async purgeOlderThan(days: number): Promise<number> {
    const cutoff = cutoffFor(this.now(), days).toISOString();
    return this.database.write(async (db) => {
      const expired = db.selectFrom('tickets').select('number').where('updated_at', '<', cutoff);
      for (const table of ['ticket_notes', 'ticket_replies', 'ticket_outbox'] as const) {
        await db.deleteFrom(table).where('ticket_number', 'in', expired).execute();
      }
      const { numDeletedRows } = await db.deleteFrom('tickets').where('updated_at', '<', cutoff).executeTakeFirst();
      return Number(numDeletedRows);
    });
  }

  ping(): Promise<void> {
    return this.database.ping();
  }

  close(): Promise<void> {
    return this.database.close();
  }

  private at(): string {
    return this.now().toISOString();
  }

  /** The ticket's version and user key; on PostgreSQL concurrent writers to one ticket queue up on its row lock. */
  private async lockTicket(db: Db, number: string): Promise<{ version: number; user_key: string | null }> {
    const row = await db
      .selectFrom('tickets')
      .select(['version', 'user_key'])
      .where('number', '=', number)
      .$if(this.database.rowLocks, (query) => query.forUpdate())
      .executeTakeFirst();
    if (row === undefined) throw new TicketNotFoundError(number);
    return row;
  }

  private async queueWebhook(db: Db, number: string, event: string, at: string): Promise<void> {
    if (!this.options.webhookOutbox) return;
    await db
      .insertInto('ticket_outbox')
      .values({ ticket_number: number, event, next_attempt_at: at, created_at: at })
      .execute();
  }
}

async function read(db: Db, number: string): Promise<Ticket | undefined> {
  const row = await db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirst();
  if (row === undefined) return undefined;
  const [ticket] = await withChildren(db, [row]);
  return ticket;
}

async function mustRead(db: Db, number: string): Promise<Ticket> {
  const ticket = await read(db, number);
  if (ticket === undefined) throw new TicketNotFoundError(number);
  return ticket;
}

/** The rows as tickets, with their notes and replies in one query each. */
async function withChildren(db: Db, rows: readonly Selectable<TicketsTable>[]): Promise<Ticket[]> {
  if (rows.length === 0) return [];
  const numbers = rows.map((row) => row.number);
  const notes = byTicket(
    await db
      .selectFrom('ticket_notes')
      .selectAll()
      .where('ticket_number', 'in', numbers)
      .orderBy('ticket_number')
      .orderBy('position')
      .execute(),
    (row) => ({ id: row.id, text: row.text, createdAt: row.created_at }),
  );
  const replies = byTicket(
    await db
      .selectFrom('ticket_replies')
      .selectAll()
      .where('ticket_number', 'in', numbers)
      .orderBy('ticket_number')
      .orderBy('position')
      .execute(),
    replyOf,
  );
  return rows.map((row) => ({
    number: row.number,
    status: statusSchema.parse(row.status),
    priority: prioritySchema.parse(row.priority),
    assignee: row.assignee,
    userKey: row.user_key,
    ...detailsOfRow(row),
    notes: notes.get(row.number) ?? [],
    replies: replies.get(row.number) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    anonymisedAt: row.anonymised_at,
  }));
}

/** The details document, checked: the column only promises JSON. */
function detailsOfRow(row: Pick<Selectable<TicketsTable>, 'details'>): TicketDetails {
  return ticketDetailsSchema.parse(JSON.parse(row.details));
}

function replyOf(row: TicketRepliesTable): TicketReply {
  return { id: row.id, text: row.text, createdAt: row.created_at, deliveredAt: row.delivered_at };
}

/** Child rows grouped by ticket, in the query's order. */
function byTicket<R extends TicketChildTable, T>(rows: readonly R[], toValue: (row: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.ticket_number);
    if (group === undefined) groups.set(row.ticket_number, [toValue(row)]);
    else group.push(toValue(row));
  }
  return groups;
}

/** Appends a note or reply within the ticket's limit; returns its id. */
async function addChild(
  db: Db,
  table: 'ticket_notes' | 'ticket_replies',
  number: string,
  text: string,
  at: string,
): Promise<string> {
  const kind = table === 'ticket_notes' ? 'notes' : 'replies';
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

function agentOf(agent: string | undefined): string | undefined {
  if (agent === undefined) return undefined;
  if (!agentNameSchema.safeParse(agent).success) throw new InvalidTicketError('That is not an agent name.');
  return agent;
}

function activity(at: string, agent: string, action: TicketAction, value: string | null): TicketActivity {
  return { at, agent, action, value };
}

/** Adds to the ticket's activity, keeping the latest TICKET_LIMITS.activity entries; inside the ticket's write. */
async function appendActivity(db: Db, number: string, entries: readonly TicketActivity[]): Promise<void> {
  if (entries.length === 0) return;
  const row = await db.selectFrom('tickets').select('details').where('number', '=', number).executeTakeFirstOrThrow();
  const details = detailsOfRow(row);
  const kept = [...details.activity, ...entries].slice(-TICKET_LIMITS.activity);
  await db
    .updateTable('tickets')
    .set({ details: JSON.stringify({ ...details, activity: kept }) })
    .where('number', '=', number)
    .execute();
}

/** A new version of the ticket, with `change` applied. */
async function touch(db: Db, number: string, at: string, change: Updateable<TicketsTable> = {}): Promise<void> {
  await db
    .updateTable('tickets')
    .set((eb) => ({ ...change, version: eb('version', '+', 1), updated_at: at }))
    .where('number', '=', number)
    .execute();
}
