import type { Kysely } from 'kysely';
import type { Schema } from '../storage/schema';
import type { Db } from '../storage/sqlDatabase';

/** A `reminders` row as both databases hand it over (ISO text times, JSON as text). */
export interface RemindersTable {
  id: string;
  user_key: string;
  conversation_reference: string;
  locale: string;
  cause: string | null;
  due_at: string;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  lock_token: string | null;
  created_at: string;
  /** Set when the conversation was gone at the due time: the row waits for the user's next message. */
  held_at: string | null;
}

export type RemindersDb = Kysely<Schema & { reminders: RemindersTable }>;

/** The bot's database seen with the reminders table, which lives in this folder rather than storage/schema.ts. */
export function withReminders(db: Db): RemindersDb {
  return db.withTables<{ reminders: RemindersTable }>();
}
