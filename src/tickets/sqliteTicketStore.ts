import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Migration } from '../storage/migration';
import { checkpointAfterErase, openSqliteDatabase } from '../storage/sqliteDatabase';
import { runSqliteMigrations } from '../storage/sqliteMigrations';
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
} from './ticketRow';
import type { PendingReply, TicketListFilter, TicketPage, TicketStore, TicketStoreOptions } from './ticketStore';

/** Timestamps are ISO-8601 UTC text, which sorts and compares like time. */
export const sqliteTicketMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create tickets, notes, replies and the webhook outbox',
    sql: `
      CREATE TABLE tickets (
        number        TEXT    NOT NULL PRIMARY KEY,
        status        TEXT    NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved')),
        priority      TEXT    NOT NULL CHECK (priority IN ('normal', 'high')),
        assignee      TEXT,
        user_key      TEXT,
        details       TEXT    NOT NULL CHECK (json_valid(details)),
        version       INTEGER NOT NULL,
        created_at    TEXT    NOT NULL,
        updated_at    TEXT    NOT NULL,
        anonymised_at TEXT
      );
      CREATE INDEX tickets_newest ON tickets (created_at DESC, number DESC);
      CREATE INDEX tickets_status_newest ON tickets (status, created_at DESC, number DESC);
      CREATE INDEX tickets_user_key ON tickets (user_key, created_at DESC) WHERE user_key IS NOT NULL;
      CREATE INDEX tickets_updated ON tickets (updated_at);
      CREATE TABLE ticket_notes (
        ticket_number TEXT    NOT NULL,
        position      INTEGER NOT NULL,
        id            TEXT    NOT NULL,
        text          TEXT    NOT NULL,
        created_at    TEXT    NOT NULL,
        PRIMARY KEY (ticket_number, position)
      );
      CREATE TABLE ticket_replies (
        ticket_number TEXT    NOT NULL,
        position      INTEGER NOT NULL,
        id            TEXT    NOT NULL UNIQUE,
        text          TEXT    NOT NULL,
        created_at    TEXT    NOT NULL,
        delivered_at  TEXT,
        PRIMARY KEY (ticket_number, position)
      );
      CREATE TABLE ticket_outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_number   TEXT    NOT NULL,
        event           TEXT    NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT    NOT NULL,
        locked_until    TEXT,
        lock_token      TEXT,
        last_error      TEXT,
        delivered_at    TEXT,
        created_at      TEXT    NOT NULL
      );
      CREATE INDEX ticket_outbox_due ON ticket_outbox (next_attempt_at) WHERE delivered_at IS NULL;
      CREATE INDEX ticket_outbox_ticket ON ticket_outbox (ticket_number);`,
  },
];

const MAX_NUMBER_ATTEMPTS = 8;
const versionRow = z.object({ version: z.number().int(), user_key: z.string().nullable() });
const countRow = z.object({ count: z.number().int() });
const outboxClaimRow = z.object({
  id: z.number().int(),
  ticket_number: z.string(),
  event: z.string(),
  attempts: z.number().int(),
});
const outboxRow = z.object({
  event: z.string(),
  id: z.number().int(),
  ticket_number: z.string(),
  attempts: z.number().int(),
  next_attempt_at: z.string(),
  delivered_at: z.string().nullable(),
  last_error: z.string().nullable(),
});

function isPrimaryKeyViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Tickets in one SQLite file (better-sqlite3). Every write runs in an IMMEDIATE transaction. */
export class SqliteTicketStore implements TicketStore {
  readonly outbox: TicketOutbox;
  private readonly now: () => Date;
  private readonly generateNumber: () => string;

  /** Opens the file (':memory:' for a private database); close() closes it. */
  static open(filePath: string, options: TicketStoreOptions): SqliteTicketStore {
    const db = openSqliteDatabase(filePath);
    try {
      return new SqliteTicketStore(db, true, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Uses a database opened elsewhere (e.g. shared with the bot-state storage); close() leaves it open. */
  static attach(db: Database, options: TicketStoreOptions): SqliteTicketStore {
    return new SqliteTicketStore(db, false, options);
  }

  private constructor(
    private readonly db: Database,
    private readonly ownsDatabase: boolean,
    private readonly options: TicketStoreOptions,
  ) {
    runSqliteMigrations(db, 'tickets', sqliteTicketMigrations);
    this.now = options.now ?? (() => new Date());
    this.generateNumber = options.generateNumber ?? generateTicketNumber;
    this.outbox = new SqliteOutbox(db);
  }

  async create(input: NewTicket): Promise<Ticket> {
    const ticket = validateNewTicket(input);
    const insert = this.db.transaction((number: string, at: string): void => {
      this.db
        .prepare(
          `INSERT INTO tickets (number, status, priority, assignee, user_key, details, version, created_at, updated_at, anonymised_at)
           VALUES (?, 'open', ?, NULL, ?, ?, 1, ?, ?, NULL)`,
        )
        .run(number, ticket.priority, ticket.userKey, JSON.stringify(detailsOf(ticket)), at, at);
      this.queueWebhook(number, TICKET_CREATED_EVENT, at);
    });
    for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
      const number = this.generateNumber();
      try {
        insert.immediate(number, this.now().toISOString());
      } catch (error) {
        if (isPrimaryKeyViolation(error)) continue;
        throw error;
      }
      return this.mustRead(number);
    }
    throw new Error(`No free ticket number after ${MAX_NUMBER_ATTEMPTS} attempts.`);
  }

  async get(number: string): Promise<Ticket | undefined> {
    return this.read(number);
  }

  async list(filter: TicketListFilter): Promise<TicketPage> {
    const limit = listLimit(filter.limit);
    const conditions: string[] = [];
    const params: (string | number)[] = [];
    if (filter.status !== undefined) {
      conditions.push('status = ?');
      params.push(filter.status);
    }
    if (filter.cursor !== undefined) {
      const cursor = decodeTicketCursor(filter.cursor);
      if (cursor === undefined) throw new InvalidTicketError('The cursor is not one this list handed out.');
      conditions.push('(created_at, number) < (?, ?)');
      params.push(cursor.createdAt, cursor.number);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    return this.db.transaction((): TicketPage => {
      const rows = this.db
        .prepare(`SELECT * FROM tickets ${where} ORDER BY created_at DESC, number DESC LIMIT ?`)
        .all(...params, limit + 1)
        .map(parseTicketRow);
      const page = rows.slice(0, limit);
      const tickets = this.withChildren(page);
      const last = page[page.length - 1];
      return rows.length > limit && last !== undefined
        ? { tickets, nextCursor: encodeTicketCursor({ createdAt: last.created_at, number: last.number }) }
        : { tickets };
    })();
  }

  async update(number: string, expectedVersion: number, change: TicketChange): Promise<Ticket> {
    const note = change.note === undefined ? undefined : noteText(change.note);
    const assignee = change.assignee === undefined ? undefined : assigneeValue(change.assignee);
    return this.db
      .transaction((): Ticket => {
        const current = this.currentVersion(number);
        if (current.version !== expectedVersion)
          throw new VersionConflictError(number, expectedVersion, current.version);
        const at = this.now().toISOString();
        if (note !== undefined) this.insertNote(number, note, at);
        this.db
          .prepare(
            `UPDATE tickets SET status = coalesce(?, status), assignee = CASE WHEN ? THEN ? ELSE assignee END,
             version = version + 1, updated_at = ? WHERE number = ? AND version = ?`,
          )
          .run(change.status ?? null, assignee === undefined ? 0 : 1, assignee ?? null, at, number, expectedVersion);
        return this.mustRead(number);
      })
      .immediate();
  }

  async addNote(number: string, text: string): Promise<Ticket> {
    const note = noteText(text);
    return this.db
      .transaction((): Ticket => {
        this.currentVersion(number);
        const at = this.now().toISOString();
        this.insertNote(number, note, at);
        this.touch(number, at);
        return this.mustRead(number);
      })
      .immediate();
  }

  async addReply(number: string, text: string): Promise<{ ticket: Ticket; reply: TicketReply }> {
    const body = replyText(text);
    return this.db
      .transaction((): { ticket: Ticket; reply: TicketReply } => {
        const current = this.currentVersion(number);
        if (current.user_key === null) throw new TicketAnonymisedError(number);
        const count = countRow.parse(
          this.db.prepare('SELECT count(*) AS count FROM ticket_replies WHERE ticket_number = ?').get(number),
        ).count;
        if (count >= TICKET_LIMITS.replies) {
          throw new TicketLimitError('replies', `A ticket holds at most ${TICKET_LIMITS.replies} replies.`);
        }
        const at = this.now().toISOString();
        const reply: TicketReply = { id: randomUUID(), text: body, createdAt: at, deliveredAt: null };
        this.db
          .prepare(
            'INSERT INTO ticket_replies (ticket_number, position, id, text, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, NULL)',
          )
          .run(number, count + 1, reply.id, reply.text, at);
        this.touch(number, at);
        return { ticket: this.mustRead(number), reply };
      })
      .immediate();
  }

  async markReplyDelivered(number: string, replyId: string): Promise<boolean> {
    return this.db
      .transaction((): boolean => {
        const at = this.now().toISOString();
        const marked = this.db
          .prepare(
            'UPDATE ticket_replies SET delivered_at = ? WHERE ticket_number = ? AND id = ? AND delivered_at IS NULL',
          )
          .run(at, number, replyId).changes;
        if (marked === 1) this.touch(number, at);
        return marked === 1;
      })
      .immediate();
  }

  async pendingReplies(userKey: string): Promise<PendingReply[]> {
    return this.db
      .prepare(
        `SELECT r.* FROM ticket_replies r JOIN tickets t ON t.number = r.ticket_number
         WHERE t.user_key = ? AND r.delivered_at IS NULL ORDER BY r.created_at, r.ticket_number, r.position`,
      )
      .all(userKey)
      .map(parseReplyRow)
      .map(({ ticketNumber, reply }) => ({ ticketNumber, reply }));
  }

  async findLatestByUserKey(userKey: string): Promise<Ticket | undefined> {
    const row = this.db
      .prepare('SELECT number FROM tickets WHERE user_key = ? ORDER BY created_at DESC, number DESC LIMIT 1')
      .pluck()
      .get(userKey);
    return typeof row === 'string' ? this.read(row) : undefined;
  }

  async anonymiseByUserKey(userKey: string): Promise<number> {
    const count = this.db
      .transaction((): number => {
        const rows = this.db.prepare('SELECT * FROM tickets WHERE user_key = ?').all(userKey).map(parseTicketRow);
        const at = this.now().toISOString();
        for (const row of rows) {
          this.db.prepare('DELETE FROM ticket_notes WHERE ticket_number = ?').run(row.number);
          this.db.prepare('DELETE FROM ticket_replies WHERE ticket_number = ?').run(row.number);
          this.db
            .prepare(
              `UPDATE tickets SET details = ?, user_key = NULL, anonymised_at = ?, updated_at = ?, version = version + 1
             WHERE number = ?`,
            )
            .run(JSON.stringify(anonymisedDetails(row.details)), at, at, row.number);
          this.queueWebhook(row.number, TICKET_ANONYMISED_EVENT, at);
        }
        return rows.length;
      })
      .immediate();
    checkpointAfterErase(this.db);
    return count;
  }

  async purgeOlderThan(days: number): Promise<number> {
    const cutoff = cutoffFor(this.now(), days).toISOString();
    return this.db
      .transaction((): number => {
        const expired = 'SELECT number FROM tickets WHERE updated_at < ?';
        for (const table of ['ticket_notes', 'ticket_replies', 'ticket_outbox']) {
          this.db.prepare(`DELETE FROM ${table} WHERE ticket_number IN (${expired})`).run(cutoff);
        }
        return this.db.prepare('DELETE FROM tickets WHERE updated_at < ?').run(cutoff).changes;
      })
      .immediate();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }

  private rawRow(number: string): unknown {
    return this.db.prepare('SELECT * FROM tickets WHERE number = ?').get(number);
  }

  private read(number: string): Ticket | undefined {
    return this.db.transaction((): Ticket | undefined => {
      const row: unknown = this.rawRow(number);
      if (row === undefined) return undefined;
      return this.withChildren([parseTicketRow(row)])[0];
    })();
  }

  private mustRead(number: string): Ticket {
    const ticket = this.read(number);
    if (ticket === undefined) throw new TicketNotFoundError(number);
    return ticket;
  }

  private withChildren(rows: ReturnType<typeof parseTicketRow>[]): Ticket[] {
    if (rows.length === 0) return [];
    const numbers = JSON.stringify(rows.map((row) => row.number));
    const notes = groupByTicket(
      this.db
        .prepare(
          'SELECT * FROM ticket_notes WHERE ticket_number IN (SELECT value FROM json_each(?)) ORDER BY ticket_number, position',
        )
        .all(numbers)
        .map(parseNoteRow)
        .map(({ ticketNumber, note }) => ({ ticketNumber, value: note })),
    );
    const replies = groupByTicket(
      this.db
        .prepare(
          'SELECT * FROM ticket_replies WHERE ticket_number IN (SELECT value FROM json_each(?)) ORDER BY ticket_number, position',
        )
        .all(numbers)
        .map(parseReplyRow)
        .map(({ ticketNumber, reply }) => ({ ticketNumber, value: reply })),
    );
    return rows.map((row) => assembleTicket(row, notes.get(row.number) ?? [], replies.get(row.number) ?? []));
  }

  private currentVersion(number: string): z.output<typeof versionRow> {
    const row: unknown = this.db.prepare('SELECT version, user_key FROM tickets WHERE number = ?').get(number);
    if (row === undefined) throw new TicketNotFoundError(number);
    return versionRow.parse(row);
  }

  private insertNote(number: string, text: string, at: string): void {
    const count = countRow.parse(
      this.db.prepare('SELECT count(*) AS count FROM ticket_notes WHERE ticket_number = ?').get(number),
    ).count;
    if (count >= TICKET_LIMITS.notes) {
      throw new TicketLimitError('notes', `A ticket holds at most ${TICKET_LIMITS.notes} notes.`);
    }
    this.db
      .prepare('INSERT INTO ticket_notes (ticket_number, position, id, text, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(number, count + 1, randomUUID(), text, at);
  }

  private queueWebhook(number: string, event: string, at: string): void {
    if (!this.options.webhookOutbox) return;
    this.db
      .prepare('INSERT INTO ticket_outbox (ticket_number, event, next_attempt_at, created_at) VALUES (?, ?, ?, ?)')
      .run(number, event, at, at);
  }

  private touch(number: string, at: string): void {
    this.db.prepare('UPDATE tickets SET version = version + 1, updated_at = ? WHERE number = ?').run(at, number);
  }
}

class SqliteOutbox implements TicketOutbox {
  constructor(private readonly db: Database) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const at = now.toISOString();
    const lockedUntil = new Date(now.getTime() + leaseMs).toISOString();
    return this.db
      .transaction((): OutboxEntry[] => {
        const due = this.db
          .prepare(
            `SELECT id, ticket_number, event, attempts FROM ticket_outbox
           WHERE delivered_at IS NULL AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until <= ?)
           ORDER BY next_attempt_at, id LIMIT ?`,
          )
          .all(at, at, limit)
          .map((row) => outboxClaimRow.parse(row));
        const claim = this.db.prepare('UPDATE ticket_outbox SET locked_until = ?, lock_token = ? WHERE id = ?');
        return due.map((row) => {
          const lockToken = randomUUID();
          claim.run(lockedUntil, lockToken, row.id);
          return {
            id: String(row.id),
            ticketNumber: row.ticket_number,
            event: row.event,
            attempts: row.attempts,
            lockToken,
          };
        });
      })
      .immediate();
  }

  async markDelivered(entry: OutboxEntry, now: Date): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE ticket_outbox SET delivered_at = ?, locked_until = NULL, lock_token = NULL, last_error = NULL
           WHERE id = ? AND lock_token = ?`,
        )
        .run(now.toISOString(), Number(entry.id), entry.lockToken).changes === 1
    );
  }

  async markFailed(entry: OutboxEntry, nextAttemptAt: Date, error: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE ticket_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, locked_until = NULL, lock_token = NULL
           WHERE id = ? AND lock_token = ?`,
        )
        .run(nextAttemptAt.toISOString(), error.slice(0, 500), Number(entry.id), entry.lockToken).changes === 1
    );
  }

  async rows(ticketNumber?: string): Promise<OutboxRow[]> {
    const rows =
      ticketNumber === undefined
        ? this.db.prepare('SELECT * FROM ticket_outbox ORDER BY id').all()
        : this.db.prepare('SELECT * FROM ticket_outbox WHERE ticket_number = ? ORDER BY id').all(ticketNumber);
    return rows.map((raw) => {
      const row = outboxRow.parse(raw);
      return {
        id: String(row.id),
        ticketNumber: row.ticket_number,
        event: row.event,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at,
        deliveredAt: row.delivered_at,
        lastError: row.last_error,
      };
    });
  }
}
