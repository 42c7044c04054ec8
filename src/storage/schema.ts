import type { Generated } from 'kysely';

/*
 * Rows as both databases hand them over (postgresDialect reads PostgreSQL's values the SQLite way):
 * timestamps as ISO-8601 text, json columns as their JSON text, integers as numbers.
 */
type Timestamp = string;
type Json = string;

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
  /** As the CHECK constraints of migrations.ts allow. */
  status: 'open' | 'in_progress' | 'resolved';
  priority: 'normal' | 'high';
  assignee: string | null;
  user_key: string | null;
  /** `details.cause.id`, as a column for filters and reports (null: no recognised cause). */
  cause_id: string | null;
  details: Json;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  anonymised_at: Timestamp | null;
}

export interface TicketChildTable {
  ticket_number: string;
  position: number;
  id: string;
  text: string;
  created_at: Timestamp;
}

export interface TicketRepliesTable extends TicketChildTable {
  delivered_at: Timestamp | null;
}

export interface TicketOutboxTable {
  id: Generated<number>;
  ticket_number: string;
  event: string;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  lock_token: string | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
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
