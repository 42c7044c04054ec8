import { bothDialects, type Migration } from './migration';

/*
 * Every table of the bot, per component, in the order applied. Applied versions are recorded in
 * schema_migrations and never change: a new table or column is a new version at the end of its
 * component's list, written once for both databases with bothDialects (plus its row type in schema.ts).
 * A component outside storage/ may keep its list and row type in its own folder and open the
 * database with them (reminders/reminderMigrations.ts, component 'reminders').
 */

export const BOT_STATE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create bot_state',
    sql: {
      sqlite: `CREATE TABLE bot_state (
        key TEXT NOT NULL PRIMARY KEY, etag TEXT NOT NULL, value TEXT NOT NULL CHECK (json_valid(value)), updated_at TEXT NOT NULL
      )`,
      // A btree entry cannot exceed ~2.7 kB, and a 1,000 character Chinese key is already 3 kB of UTF-8.
      postgres: `CREATE TABLE bot_state (
        key_hash bytea NOT NULL PRIMARY KEY, key text NOT NULL, etag text NOT NULL, value json NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    },
  },
  {
    version: 2,
    name: 'key bot_state by the SHA-256 of the key',
    sql: {
      sqlite: `ALTER TABLE bot_state ADD COLUMN key_hash BLOB;
        UPDATE bot_state SET key_hash = sha256(key);
        CREATE UNIQUE INDEX bot_state_key_hash ON bot_state (key_hash);`,
      postgres: '',
    },
  },
];

export const TICKET_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create tickets, notes, replies and the webhook outbox',
    sql: bothDialects(
      (t) => `
      CREATE TABLE tickets (
        number        TEXT NOT NULL PRIMARY KEY,
        status        TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved')),
        priority      TEXT NOT NULL CHECK (priority IN ('normal', 'high')),
        assignee      TEXT,
        user_key      TEXT,
        details       ${t.json('details')} NOT NULL,
        version       INTEGER NOT NULL,
        created_at    ${t.time} NOT NULL,
        updated_at    ${t.time} NOT NULL,
        anonymised_at ${t.time}
      );
      CREATE INDEX tickets_newest ON tickets (created_at DESC, number DESC);
      CREATE INDEX tickets_status_newest ON tickets (status, created_at DESC, number DESC);
      CREATE INDEX tickets_user_key ON tickets (user_key, created_at DESC) WHERE user_key IS NOT NULL;
      CREATE INDEX tickets_updated ON tickets (updated_at);
      CREATE TABLE ticket_notes (
        ticket_number TEXT NOT NULL ${t.ticketReference},
        position      INTEGER NOT NULL,
        id            TEXT NOT NULL,
        text          TEXT NOT NULL,
        created_at    ${t.time} NOT NULL,
        PRIMARY KEY (ticket_number, position)
      );
      CREATE TABLE ticket_replies (
        ticket_number TEXT NOT NULL ${t.ticketReference},
        position      INTEGER NOT NULL,
        id            TEXT NOT NULL UNIQUE,
        text          TEXT NOT NULL,
        created_at    ${t.time} NOT NULL,
        delivered_at  ${t.time},
        PRIMARY KEY (ticket_number, position)
      );
      CREATE TABLE ticket_outbox (
        id              ${t.serialKey},
        ticket_number   TEXT NOT NULL ${t.ticketReference},
        event           TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at ${t.time} NOT NULL,
        locked_until    ${t.time},
        lock_token      TEXT,
        last_error      TEXT,
        delivered_at    ${t.time},
        created_at      ${t.time} NOT NULL
      );
      CREATE INDEX ticket_outbox_due ON ticket_outbox (next_attempt_at) WHERE delivered_at IS NULL;
      CREATE INDEX ticket_outbox_ticket ON ticket_outbox (ticket_number);`,
    ),
  },
  {
    version: 2,
    // The queue's cause filter and the outcome reports group by it; a column needs no JSON path per database.
    name: 'tickets.cause_id, copied from details.cause.id',
    sql: {
      sqlite: `ALTER TABLE tickets ADD COLUMN cause_id TEXT;
        UPDATE tickets SET cause_id = json_extract(details, '$.cause.id');
        CREATE INDEX tickets_cause_newest ON tickets (cause_id, created_at DESC, number DESC);`,
      postgres: `ALTER TABLE tickets ADD COLUMN cause_id text;
        UPDATE tickets SET cause_id = details -> 'cause' ->> 'id';
        CREATE INDEX tickets_cause_newest ON tickets (cause_id, created_at DESC, number DESC);`,
    },
  },
];
