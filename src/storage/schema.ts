import type { ColumnType, Generated } from 'kysely';

/** ISO-8601 text on SQLite, timestamptz (a Date when read) on PostgreSQL; always written as ISO text. */
type Timestamp = ColumnType<string | Date, string, string>;
/** TEXT on SQLite (read as the JSON text), json on PostgreSQL (read parsed); always written as JSON text. */
type Json = ColumnType<unknown, string, string>;
type NullableTimestamp = ColumnType<string | Date | null, string | null, string | null>;

export interface SchemaMigrationsTable {
  component: string;
  version: number;
  name: string;
}

/** botbuilder state; rows are found by the SHA-256 of the stored key (see migrations.ts). */
export interface BotStateTable {
  key_hash: Buffer;
  key: string;
  etag: string;
  value: Json;
  updated_at: Timestamp;
}

export interface TicketsTable {
  number: string;
  status: string;
  priority: string;
  assignee: string | null;
  user_key: string | null;
  details: Json;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  anonymised_at: NullableTimestamp;
}

export interface TicketChildTable {
  ticket_number: string;
  position: number;
  id: string;
  text: string;
  created_at: Timestamp;
}

export interface TicketRepliesTable extends TicketChildTable {
  delivered_at: NullableTimestamp;
}

export interface TicketOutboxTable {
  /** INTEGER on SQLite, bigserial (read as text) on PostgreSQL. */
  id: Generated<number | string>;
  ticket_number: string;
  event: string;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: NullableTimestamp;
  lock_token: string | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  created_at: Timestamp;
}

/** Every table of the bot's database, for Kysely's typed queries. A new table is added here and in migrations.ts. */
export interface Schema {
  schema_migrations: SchemaMigrationsTable;
  bot_state: BotStateTable;
  tickets: TicketsTable;
  ticket_notes: TicketChildTable;
  ticket_replies: TicketRepliesTable;
  ticket_outbox: TicketOutboxTable;
}
