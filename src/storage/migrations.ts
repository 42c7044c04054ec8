import { sql } from 'kysely';
import type { Migration } from './migration';
import type { Db } from './sqlDatabase';
import { storageKeyHash } from './storageKeyEncoding';

/*
 * Every table of the bot, per component, in the order applied. Applied versions are recorded in
 * schema_migrations and never change: a new table or column is a new version at the end of its
 * component's list (and its row type in schema.ts). Timestamps are ISO-8601 UTC text on SQLite,
 * which sorts and compares like time; PostgreSQL uses `json` rather than `jsonb`, which rejects
 * "\u0000" in strings and reorders object keys.
 */

/** SQLite's bot_state was keyed by the key text; the SHA-256 key PostgreSQL has used from the start serves both. */
async function keyBotStateByHash(db: Db): Promise<void> {
  await sql`ALTER TABLE bot_state ADD COLUMN key_hash BLOB`.execute(db);
  for (const { key } of await db.selectFrom('bot_state').select('key').execute()) {
    await db
      .updateTable('bot_state')
      .set({ key_hash: storageKeyHash(key) })
      .where('key', '=', key)
      .execute();
  }
  await sql`CREATE UNIQUE INDEX bot_state_key_hash ON bot_state (key_hash)`.execute(db);
}

export const BOT_STATE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create bot_state',
    sql: {
      sqlite: `
      CREATE TABLE bot_state (
        key        TEXT NOT NULL PRIMARY KEY,
        etag       TEXT NOT NULL,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      )`,
      // A btree entry cannot exceed ~2.7 kB, and a 1,000 character Chinese key is already 3 kB of UTF-8.
      postgres: `
      CREATE TABLE bot_state (
        key_hash   bytea       NOT NULL PRIMARY KEY,
        key        text        NOT NULL,
        etag       text        NOT NULL,
        value      json        NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    },
  },
  {
    version: 2,
    name: 'key bot_state by the SHA-256 of the key',
    sql: { sqlite: keyBotStateByHash, postgres: async () => undefined },
  },
];

export const TICKET_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create tickets, notes, replies and the webhook outbox',
    sql: {
      sqlite: `
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
      postgres: `
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
  },
];
