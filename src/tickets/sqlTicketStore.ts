import { randomUUID } from 'node:crypto';
import { sql, type Expression } from 'kysely';
import type { Db, SqlDatabase, SqlDialect } from '../storage/sqlDatabase';
import { TICKET_ANONYMISED_EVENT, TICKET_CREATED_EVENT, type TicketOutbox } from './outbox';
import { SqlOutbox } from './sqlOutbox';
import {
  agentNameSchema,
  detailsOf,
  ticketDetailsSchema,
  TICKET_LIMITS,
  type NewTicket,
  type Ticket,
  type TicketAction,
  type TicketActivity,
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
import {
  anonymisedDetails,
  assembleTicket,
  assigneeValue,
  cutoffFor,
  decodeTicketCursor,
  encodeTicketCursor,
  groupByTicket,
  listLimit,
  noteOf,
  noteText,
  parseTicketRow,
  replyOf,
  replyText,
  validateNewTicket,
  type ParsedTicketRow,
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
    const ticket = validateNewTicket(input);
    for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
      const number = this.generateNumber();
      const at = this.at();
      try {
        return await this.write(async (db) => {
          await db
            .insertInto('tickets')
            .values({
              number,
              status: 'open',
              priority: ticket.priority,
              user_key: ticket.userKey,
              details: JSON.stringify(detailsOf(ticket)),
              version: 1,
              created_at: at,
              updated_at: at,
            })
            .execute();
          await this.queueWebhook(db, number, TICKET_CREATED_EVENT, at);
          return mustRead(db, number);
        });
      } catch (error) {
        if (this.database.dialect.isPrimaryKeyViolation(error)) continue;
        throw error;
      }
    }
    throw new Error(`No free ticket number after ${MAX_NUMBER_ATTEMPTS} attempts.`);
  }

  async get(number: string): Promise<Ticket | undefined> {
    return this.database.dialect.read((db) => read(db, number));
  }

  async list(filter: TicketListFilter): Promise<TicketPage> {
    const limit = listLimit(filter.limit);
    const cursor = filter.cursor === undefined ? undefined : decodeTicketCursor(filter.cursor);
    if (filter.cursor !== undefined && cursor === undefined) {
      throw new InvalidTicketError('The cursor is not one this list handed out.');
    }
    return this.database.dialect.read(async (db): Promise<TicketPage> => {
      let query = db.selectFrom('tickets').selectAll();
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter.priority !== undefined) query = query.where('priority', '=', filter.priority);
      if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
      const { cause } = filter;
      if (cause !== undefined) {
        const causeId = causeIdOf(this.database.dialect);
        query = query.where((eb) => (cause === null ? eb(causeId, 'is', null) : eb(causeId, '=', cause)));
      }
      if (cursor !== undefined) {
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', cursor.createdAt),
            eb.and([eb('created_at', '=', cursor.createdAt), eb('number', '<', cursor.number)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('number', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit).map(parseTicketRow);
      const tickets = await withChildren(db, page);
      const last = page[page.length - 1];
      return rows.length > limit && last !== undefined
        ? { tickets, nextCursor: encodeTicketCursor({ createdAt: last.created_at, number: last.number }) }
        : { tickets };
    });
  }

  async listChanged(filter: TicketChangesFilter): Promise<Ticket[]> {
    const limit = listLimit(filter.limit);
    return this.database.dialect.read(async (db) => {
      const rows = await db
        .selectFrom('tickets')
        .selectAll()
        .where('updated_at', '>=', filter.since)
        .orderBy('updated_at')
        .orderBy('number')
        .limit(limit)
        .execute();
      return withChildren(db, rows.map(parseTicketRow));
    });
  }

  async update(number: string, expectedVersion: number, change: TicketChange): Promise<Ticket> {
    const note = change.note === undefined ? undefined : noteText(change.note);
    const assignee = change.assignee === undefined ? undefined : assigneeValue(change.assignee);
    const agent = agentOf(change.agent);
    return this.write(async (db) => {
      const current = await this.lockTicket(db, number);
      if (current.version !== expectedVersion) throw new VersionConflictError(number, expectedVersion, current.version);
      const at = this.at();
      const noteId = note === undefined ? undefined : await insertNote(db, number, note, at);
      if (agent !== undefined) {
        await appendActivity(db, number, [
          ...(change.status === undefined ? [] : [activity(at, agent, 'status', change.status)]),
          ...(assignee === undefined ? [] : [activity(at, agent, 'assignee', assignee)]),
          ...(noteId === undefined ? [] : [activity(at, agent, 'note', noteId)]),
        ]);
      }
      await db
        .updateTable('tickets')
        .set((eb) => ({
          ...(change.status === undefined ? {} : { status: change.status }),
          ...(assignee === undefined ? {} : { assignee }),
          version: eb('version', '+', 1),
          updated_at: at,
        }))
        .where('number', '=', number)
        .execute();
      return mustRead(db, number);
    });
  }

  async addNote(number: string, text: string, agent?: string): Promise<Ticket> {
    const note = noteText(text);
    const by = agentOf(agent);
    return this.write(async (db) => {
      await this.lockTicket(db, number);
      const at = this.at();
      const noteId = await insertNote(db, number, note, at);
      if (by !== undefined) await appendActivity(db, number, [activity(at, by, 'note', noteId)]);
      await touch(db, number, at);
      return mustRead(db, number);
    });
  }

  async addReply(number: string, text: string, agent?: string): Promise<{ ticket: Ticket; reply: TicketReply }> {
    const body = replyText(text);
    const by = agentOf(agent);
    return this.write(async (db) => {
      const current = await this.lockTicket(db, number);
      if (current.user_key === null) throw new TicketAnonymisedError(number);
      const count = await countChildren(db, 'ticket_replies', number);
      if (count >= TICKET_LIMITS.replies) {
        throw new TicketLimitError('replies', `A ticket holds at most ${TICKET_LIMITS.replies} replies.`);
      }
      const at = this.at();
      const reply: TicketReply = { id: randomUUID(), text: body, createdAt: at, deliveredAt: null };
      await db
        .insertInto('ticket_replies')
        .values({ ticket_number: number, position: count + 1, id: reply.id, text: body, created_at: at })
        .execute();
      if (by !== undefined) await appendActivity(db, number, [activity(at, by, 'reply', reply.id)]);
      await touch(db, number, at);
      return { ticket: await mustRead(db, number), reply };
    });
  }

  async markReplyDelivered(number: string, replyId: string): Promise<boolean> {
    return this.write(async (db) => {
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
    const { dialect } = this.database;
    const count = await this.write(async (db) => {
      // Locked in number order, so two overlapping requests cannot deadlock.
      const rows = await db
        .selectFrom('tickets')
        .selectAll()
        .where('user_key', '=', userKey)
        .orderBy('number')
        .$if(dialect.rowLocks, (query) => query.forUpdate())
        .execute();
      const at = this.at();
      for (const row of rows.map(parseTicketRow)) {
        await db.deleteFrom('ticket_notes').where('ticket_number', '=', row.number).execute();
        await db.deleteFrom('ticket_replies').where('ticket_number', '=', row.number).execute();
        await db
          .updateTable('tickets')
          .set((eb) => ({
            details: JSON.stringify(anonymisedDetails(row.details)),
            user_key: null,
            anonymised_at: at,
            updated_at: at,
            version: eb('version', '+', 1),
          }))
          .where('number', '=', row.number)
          .execute();
        await this.queueWebhook(db, row.number, TICKET_ANONYMISED_EVENT, at);
      }
      return rows.length;
    });
    await dialect.afterErase(this.database.db);
    return count;
  }

  async purgeOlderThan(days: number): Promise<number> {
    const cutoff = cutoffFor(this.now(), days).toISOString();
    return this.write(async (db) => {
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

  private write<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return this.database.dialect.write(work);
  }

  /** The ticket's version and user key; on PostgreSQL concurrent writers to one ticket queue up on its row lock. */
  private async lockTicket(db: Db, number: string): Promise<{ version: number; user_key: string | null }> {
    const row = await db
      .selectFrom('tickets')
      .select(['version', 'user_key'])
      .where('number', '=', number)
      .$if(this.database.dialect.rowLocks, (query) => query.forUpdate())
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
  const [ticket] = await withChildren(db, [parseTicketRow(row)]);
  return ticket;
}

async function mustRead(db: Db, number: string): Promise<Ticket> {
  const ticket = await read(db, number);
  if (ticket === undefined) throw new TicketNotFoundError(number);
  return ticket;
}

async function withChildren(db: Db, rows: readonly ParsedTicketRow[]): Promise<Ticket[]> {
  if (rows.length === 0) return [];
  const numbers = rows.map((row) => row.number);
  const noteRows = await db
    .selectFrom('ticket_notes')
    .selectAll()
    .where('ticket_number', 'in', numbers)
    .orderBy('ticket_number')
    .orderBy('position')
    .execute();
  const replyRows = await db
    .selectFrom('ticket_replies')
    .selectAll()
    .where('ticket_number', 'in', numbers)
    .orderBy('ticket_number')
    .orderBy('position')
    .execute();
  const notes = groupByTicket(noteRows, noteOf);
  const replies = groupByTicket(replyRows, replyOf);
  return rows.map((row) => assembleTicket(row, notes.get(row.number) ?? [], replies.get(row.number) ?? []));
}

async function countChildren(db: Db, table: 'ticket_notes' | 'ticket_replies', number: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ticket_number', '=', number)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Returns the new note's id. */
async function insertNote(db: Db, number: string, text: string, at: string): Promise<string> {
  const count = await countChildren(db, 'ticket_notes', number);
  if (count >= TICKET_LIMITS.notes) {
    throw new TicketLimitError('notes', `A ticket holds at most ${TICKET_LIMITS.notes} notes.`);
  }
  const id = randomUUID();
  await db
    .insertInto('ticket_notes')
    .values({ ticket_number: number, position: count + 1, id, text, created_at: at })
    .execute();
  return id;
}

/**
 * `details.cause.id` as SQL. The cause lives in the details document, so its path is the one
 * piece of JSON syntax the two databases spell differently (a `cause_id` column would remove it).
 */
function causeIdOf(dialect: SqlDialect): Expression<string | null> {
  return dialect.kind === 'sqlite'
    ? sql<string | null>`json_extract(details, '$.cause.id')`
    : sql<string | null>`(details -> 'cause' ->> 'id')`;
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
  const details = ticketDetailsSchema.parse(JSON.parse(row.details));
  const kept = [...details.activity, ...entries].slice(-TICKET_LIMITS.activity);
  await db
    .updateTable('tickets')
    .set({ details: JSON.stringify({ ...details, activity: kept }) })
    .where('number', '=', number)
    .execute();
}

async function touch(db: Db, number: string, at: string): Promise<void> {
  await db
    .updateTable('tickets')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('number', '=', number)
    .execute();
}
