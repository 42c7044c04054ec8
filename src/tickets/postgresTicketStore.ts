import { randomUUID } from 'node:crypto';
import { DatabaseError, type Pool, type PoolClient } from 'pg';
import { z } from 'zod';
import type { Migration } from '../storage/migration';
import { runPostgresMigrations } from '../storage/postgresMigrations';
import { withPostgresTransaction } from '../storage/postgresTransaction';
import {
  TICKET_ANONYMISED_EVENT,
  TICKET_CREATED_EVENT,
  type OutboxEntry,
  type OutboxRow,
  type TicketOutbox,
} from './outbox';
import { detailsOf, TICKET_LIMITS, type NewTicket, type Ticket, type TicketChange, type TicketReply } from './ticket';
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
  noteText,
  parseNoteRow,
  parseReplyRow,
  parseTicketRow,
  replyText,
  validateNewTicket,
  type ParsedTicketRow,
} from './ticketRow';
import type { PendingReply, TicketListFilter, TicketPage, TicketStore, TicketStoreOptions } from './ticketStore';

/** `json` rather than `jsonb`: jsonb rejects "\u0000" inside strings of a stored conversation reference. */
export const postgresTicketMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create tickets, notes, replies and the webhook outbox',
    sql: `
      CREATE TABLE tickets (
        number        text        NOT NULL PRIMARY KEY,
        status        text        NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved')),
        priority      text        NOT NULL CHECK (priority IN ('normal', 'high')),
        assignee      text,
        user_key      text,
        details       json        NOT NULL,
        version       integer     NOT NULL,
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL,
        anonymised_at timestamptz
      );
      CREATE INDEX tickets_newest ON tickets (created_at DESC, number DESC);
      CREATE INDEX tickets_status_newest ON tickets (status, created_at DESC, number DESC);
      CREATE INDEX tickets_user_key ON tickets (user_key, created_at DESC) WHERE user_key IS NOT NULL;
      CREATE INDEX tickets_updated ON tickets (updated_at);
      CREATE TABLE ticket_notes (
        ticket_number text        NOT NULL REFERENCES tickets (number) ON DELETE CASCADE,
        position      integer     NOT NULL,
        id            text        NOT NULL,
        text          text        NOT NULL,
        created_at    timestamptz NOT NULL,
        PRIMARY KEY (ticket_number, position)
      );
      CREATE TABLE ticket_replies (
        ticket_number text        NOT NULL REFERENCES tickets (number) ON DELETE CASCADE,
        position      integer     NOT NULL,
        id            text        NOT NULL UNIQUE,
        text          text        NOT NULL,
        created_at    timestamptz NOT NULL,
        delivered_at  timestamptz,
        PRIMARY KEY (ticket_number, position)
      );
      CREATE TABLE ticket_outbox (
        id              bigserial   PRIMARY KEY,
        ticket_number   text        NOT NULL REFERENCES tickets (number) ON DELETE CASCADE,
        event           text        NOT NULL,
        attempts        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        locked_until    timestamptz,
        lock_token      text,
        last_error      text,
        delivered_at    timestamptz,
        created_at      timestamptz NOT NULL
      );
      CREATE INDEX ticket_outbox_due ON ticket_outbox (next_attempt_at) WHERE delivered_at IS NULL;
      CREATE INDEX ticket_outbox_ticket ON ticket_outbox (ticket_number);`,
  },
];

const MAX_NUMBER_ATTEMPTS = 8;
type Queryable = Pool | PoolClient;
const versionRow = z.object({ version: z.number().int(), user_key: z.string().nullable() });
const countRow = z.object({ count: z.number().int() });
/** bigserial arrives as a string. */
const bigintId = z.union([z.string(), z.number()]).transform(String);
const outboxClaimRow = z.object({
  id: bigintId,
  ticket_number: z.string(),
  event: z.string(),
  attempts: z.number().int(),
  lock_token: z.string(),
});
const outboxRow = z.object({
  event: z.string(),
  id: bigintId,
  ticket_number: z.string(),
  attempts: z.number().int(),
  next_attempt_at: z.date(),
  delivered_at: z.date().nullable(),
  last_error: z.string().nullable(),
});

function isNumberCollision(error: unknown): boolean {
  return error instanceof DatabaseError && error.code === '23505' && error.constraint === 'tickets_pkey';
}

/** Tickets in PostgreSQL, safe for several bot processes: row locks and conditional updates, no in-process state. */
export class PostgresTicketStore implements TicketStore {
  readonly outbox: TicketOutbox;
  private readonly now: () => Date;
  private readonly generateNumber: () => string;
  private closed = false;

  /** Applies the ticket migrations, then serves from `pool`; close() ends the pool unless `ownsPool` is false. */
  static async open(
    pool: Pool,
    options: TicketStoreOptions & { readonly ownsPool?: boolean },
  ): Promise<PostgresTicketStore> {
    await runPostgresMigrations(pool, 'tickets', postgresTicketMigrations);
    return new PostgresTicketStore(pool, options.ownsPool ?? true, options);
  }

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly options: TicketStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.generateNumber = options.generateNumber ?? generateTicketNumber;
    this.outbox = new PostgresOutbox(pool);
  }

  async create(input: NewTicket): Promise<Ticket> {
    const ticket = validateNewTicket(input);
    for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
      const number = this.generateNumber();
      const at = this.now();
      try {
        return await withPostgresTransaction(this.pool, async (client) => {
          await client.query(
            `INSERT INTO tickets (number, status, priority, assignee, user_key, details, version, created_at, updated_at, anonymised_at)
             VALUES ($1, 'open', $2, NULL, $3, $4, 1, $5, $5, NULL)`,
            [number, ticket.priority, ticket.userKey, JSON.stringify(detailsOf(ticket)), at],
          );
          await this.queueWebhook(client, number, TICKET_CREATED_EVENT, at);
          return this.mustRead(client, number);
        });
      } catch (error) {
        if (isNumberCollision(error)) continue;
        throw error;
      }
    }
    throw new Error(`No free ticket number after ${MAX_NUMBER_ATTEMPTS} attempts.`);
  }

  async get(number: string): Promise<Ticket | undefined> {
    return this.read(this.pool, number);
  }

  async list(filter: TicketListFilter): Promise<TicketPage> {
    const limit = listLimit(filter.limit);
    const conditions: string[] = [];
    const params: (string | number)[] = [];
    if (filter.status !== undefined) {
      params.push(filter.status);
      conditions.push(`status = $${params.length}`);
    }
    if (filter.cursor !== undefined) {
      const cursor = decodeTicketCursor(filter.cursor);
      if (cursor === undefined) throw new InvalidTicketError('The cursor is not one this list handed out.');
      params.push(cursor.createdAt, cursor.number);
      conditions.push(`(created_at, number) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(limit + 1);
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    // REPEATABLE READ so the tickets and their notes and replies come from one snapshot.
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query(
        `SELECT * FROM tickets ${where} ORDER BY created_at DESC, number DESC LIMIT $${params.length}`,
        params,
      );
      const parsed = rows.map(parseTicketRow);
      const page = parsed.slice(0, limit);
      const tickets = await this.withChildren(client, page);
      await client.query('COMMIT');
      const last = page[page.length - 1];
      return parsed.length > limit && last !== undefined
        ? { tickets, nextCursor: encodeTicketCursor({ createdAt: last.created_at, number: last.number }) }
        : { tickets };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async update(number: string, expectedVersion: number, change: TicketChange): Promise<Ticket> {
    const note = change.note === undefined ? undefined : noteText(change.note);
    const assignee = change.assignee === undefined ? undefined : assigneeValue(change.assignee);
    return withPostgresTransaction(this.pool, async (client) => {
      const current = await this.lockTicket(client, number);
      if (current.version !== expectedVersion) throw new VersionConflictError(number, expectedVersion, current.version);
      const at = this.now();
      if (note !== undefined) await this.insertNote(client, number, note, at);
      const { rowCount } = await client.query(
        `UPDATE tickets SET status = coalesce($1, status), assignee = CASE WHEN $2 THEN $3 ELSE assignee END,
           version = version + 1, updated_at = $4 WHERE number = $5 AND version = $6`,
        [change.status ?? null, assignee !== undefined, assignee ?? null, at, number, expectedVersion],
      );
      // Always 1 under the row lock; the version condition keeps the write atomic even without it.
      if (rowCount !== 1) throw new VersionConflictError(number, expectedVersion, current.version);
      return this.mustRead(client, number);
    });
  }

  async addNote(number: string, text: string): Promise<Ticket> {
    const note = noteText(text);
    return withPostgresTransaction(this.pool, async (client) => {
      await this.lockTicket(client, number);
      const at = this.now();
      await this.insertNote(client, number, note, at);
      await this.touch(client, number, at);
      return this.mustRead(client, number);
    });
  }

  async addReply(number: string, text: string): Promise<{ ticket: Ticket; reply: TicketReply }> {
    const body = replyText(text);
    return withPostgresTransaction(this.pool, async (client) => {
      const current = await this.lockTicket(client, number);
      if (current.user_key === null) throw new TicketAnonymisedError(number);
      const count = await this.count(client, 'ticket_replies', number);
      if (count >= TICKET_LIMITS.replies) {
        throw new TicketLimitError('replies', `A ticket holds at most ${TICKET_LIMITS.replies} replies.`);
      }
      const at = this.now();
      const reply: TicketReply = { id: randomUUID(), text: body, createdAt: at.toISOString(), deliveredAt: null };
      await client.query(
        'INSERT INTO ticket_replies (ticket_number, position, id, text, created_at, delivered_at) VALUES ($1, $2, $3, $4, $5, NULL)',
        [number, count + 1, reply.id, reply.text, at],
      );
      await this.touch(client, number, at);
      return { ticket: await this.mustRead(client, number), reply };
    });
  }

  async markReplyDelivered(number: string, replyId: string): Promise<boolean> {
    return withPostgresTransaction(this.pool, async (client) => {
      const at = this.now();
      const { rowCount } = await client.query(
        'UPDATE ticket_replies SET delivered_at = $1 WHERE ticket_number = $2 AND id = $3 AND delivered_at IS NULL',
        [at, number, replyId],
      );
      if (rowCount === 1) await this.touch(client, number, at);
      return rowCount === 1;
    });
  }

  async pendingReplies(userKey: string): Promise<PendingReply[]> {
    const { rows } = await this.pool.query(
      `SELECT r.* FROM ticket_replies r JOIN tickets t ON t.number = r.ticket_number
       WHERE t.user_key = $1 AND r.delivered_at IS NULL ORDER BY r.created_at, r.ticket_number, r.position`,
      [userKey],
    );
    return rows.map(parseReplyRow);
  }

  async findLatestByUserKey(userKey: string): Promise<Ticket | undefined> {
    const { rows } = await this.pool.query<{ number: unknown }>(
      'SELECT number FROM tickets WHERE user_key = $1 ORDER BY created_at DESC, number DESC LIMIT 1',
      [userKey],
    );
    const number = rows[0]?.number;
    return typeof number === 'string' ? this.read(this.pool, number) : undefined;
  }

  async anonymiseByUserKey(userKey: string): Promise<number> {
    return withPostgresTransaction(this.pool, async (client) => {
      // Locked in number order, so two overlapping requests cannot deadlock.
      const { rows } = await client.query('SELECT * FROM tickets WHERE user_key = $1 ORDER BY number FOR UPDATE', [
        userKey,
      ]);
      const at = this.now();
      for (const row of rows.map(parseTicketRow)) {
        await client.query('DELETE FROM ticket_notes WHERE ticket_number = $1', [row.number]);
        await client.query('DELETE FROM ticket_replies WHERE ticket_number = $1', [row.number]);
        await client.query(
          `UPDATE tickets SET details = $1, user_key = NULL, anonymised_at = $2, updated_at = $2, version = version + 1
           WHERE number = $3`,
          [JSON.stringify(anonymisedDetails(row.details)), at, row.number],
        );
        await this.queueWebhook(client, row.number, TICKET_ANONYMISED_EVENT, at);
      }
      return rows.length;
    });
  }

  async purgeOlderThan(days: number): Promise<number> {
    // Notes, replies and webhook rows go with their ticket (ON DELETE CASCADE).
    const { rowCount } = await this.pool.query('DELETE FROM tickets WHERE updated_at < $1', [
      cutoffFor(this.now(), days),
    ]);
    return rowCount ?? 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.ownsPool && !this.closed) {
      this.closed = true;
      await this.pool.end();
    }
  }

  private async read(db: Queryable, number: string): Promise<Ticket | undefined> {
    const { rows } = await db.query('SELECT * FROM tickets WHERE number = $1', [number]);
    if (rows.length === 0) return undefined;
    const [ticket] = await this.withChildren(db, rows.map(parseTicketRow));
    return ticket;
  }

  private async mustRead(db: Queryable, number: string): Promise<Ticket> {
    const ticket = await this.read(db, number);
    if (ticket === undefined) throw new TicketNotFoundError(number);
    return ticket;
  }

  private async withChildren(db: Queryable, rows: readonly ParsedTicketRow[]): Promise<Ticket[]> {
    if (rows.length === 0) return [];
    const numbers = rows.map((row) => row.number);
    const noteRows = await db.query(
      'SELECT * FROM ticket_notes WHERE ticket_number = ANY($1::text[]) ORDER BY ticket_number, position',
      [numbers],
    );
    const replyRows = await db.query(
      'SELECT * FROM ticket_replies WHERE ticket_number = ANY($1::text[]) ORDER BY ticket_number, position',
      [numbers],
    );
    const notes = groupByTicket(
      noteRows.rows.map(parseNoteRow).map(({ ticketNumber, note }) => ({ ticketNumber, value: note })),
    );
    const replies = groupByTicket(
      replyRows.rows.map(parseReplyRow).map(({ ticketNumber, reply }) => ({ ticketNumber, value: reply })),
    );
    return rows.map((row) => assembleTicket(row, notes.get(row.number) ?? [], replies.get(row.number) ?? []));
  }

  /** Row lock for the rest of the transaction: concurrent writers to one ticket queue up here. */
  private async lockTicket(client: PoolClient, number: string): Promise<z.output<typeof versionRow>> {
    const { rows } = await client.query('SELECT version, user_key FROM tickets WHERE number = $1 FOR UPDATE', [number]);
    if (rows.length === 0) throw new TicketNotFoundError(number);
    return versionRow.parse(rows[0]);
  }

  private async count(client: PoolClient, table: 'ticket_notes' | 'ticket_replies', number: string): Promise<number> {
    const { rows } = await client.query(`SELECT count(*)::int AS count FROM ${table} WHERE ticket_number = $1`, [
      number,
    ]);
    return countRow.parse(rows[0]).count;
  }

  private async insertNote(client: PoolClient, number: string, text: string, at: Date): Promise<void> {
    const count = await this.count(client, 'ticket_notes', number);
    if (count >= TICKET_LIMITS.notes) {
      throw new TicketLimitError('notes', `A ticket holds at most ${TICKET_LIMITS.notes} notes.`);
    }
    await client.query(
      'INSERT INTO ticket_notes (ticket_number, position, id, text, created_at) VALUES ($1, $2, $3, $4, $5)',
      [number, count + 1, randomUUID(), text, at],
    );
  }

  private async queueWebhook(client: PoolClient, number: string, event: string, at: Date): Promise<void> {
    if (!this.options.webhookOutbox) return;
    await client.query(
      'INSERT INTO ticket_outbox (ticket_number, event, next_attempt_at, created_at) VALUES ($1, $2, $3, $3)',
      [number, event, at],
    );
  }

  private async touch(client: PoolClient, number: string, at: Date): Promise<void> {
    await client.query('UPDATE tickets SET version = version + 1, updated_at = $1 WHERE number = $2', [at, number]);
  }
}

class PostgresOutbox implements TicketOutbox {
  constructor(private readonly pool: Pool) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    // SKIP LOCKED: dispatchers in other processes claim other rows instead of waiting for these.
    const { rows } = await this.pool.query(
      `UPDATE ticket_outbox o SET locked_until = $2, lock_token = $4
       FROM (
         SELECT id FROM ticket_outbox
         WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
         ORDER BY next_attempt_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED
       ) due
       WHERE o.id = due.id
       RETURNING o.id, o.ticket_number, o.event, o.attempts, o.lock_token`,
      [now, new Date(now.getTime() + leaseMs), limit, randomUUID()],
    );
    return rows
      .map((raw) => outboxClaimRow.parse(raw))
      .map((row) => ({
        id: row.id,
        ticketNumber: row.ticket_number,
        event: row.event,
        attempts: row.attempts,
        lockToken: row.lock_token,
      }));
  }

  async markDelivered(entry: OutboxEntry, now: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE ticket_outbox SET delivered_at = $1, locked_until = NULL, lock_token = NULL, last_error = NULL
       WHERE id = $2::bigint AND lock_token = $3`,
      [now, entry.id, entry.lockToken],
    );
    return rowCount === 1;
  }

  async markFailed(entry: OutboxEntry, nextAttemptAt: Date, error: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE ticket_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, locked_until = NULL, lock_token = NULL
       WHERE id = $3::bigint AND lock_token = $4`,
      [nextAttemptAt, error.slice(0, 500), entry.id, entry.lockToken],
    );
    return rowCount === 1;
  }

  async rows(ticketNumber?: string): Promise<OutboxRow[]> {
    const { rows } =
      ticketNumber === undefined
        ? await this.pool.query('SELECT * FROM ticket_outbox ORDER BY id')
        : await this.pool.query('SELECT * FROM ticket_outbox WHERE ticket_number = $1 ORDER BY id', [ticketNumber]);
    return rows.map((raw) => {
      const row = outboxRow.parse(raw);
      return {
        id: row.id,
        ticketNumber: row.ticket_number,
        event: row.event,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at.toISOString(),
        deliveredAt: row.delivered_at?.toISOString() ?? null,
        lastError: row.last_error,
      };
    });
  }
}
