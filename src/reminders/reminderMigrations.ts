import { bothDialects, type Migration } from '../storage/migration';

/**
 * The `reminders` component's schema (see storage/migrations.ts for the rules): one row per pending
 * lockout-end reminder, deleted once it is sent, cancelled or given up. It holds what delivery
 * needs and nothing else: the channel's conversation reference (ids and the service URL, no
 * names), the locale, the cause id and the due time; `user_key` is the keyed hash tickets use,
 * so "forget me" and "cancel reminder" find the row without any user id stored in clear. A row
whose conversation was gone at the due time is held (`held_at`, reference erased) until the user
writes again.
 */
export const REMINDER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create reminders',
    sql: bothDialects(
      (t) => `
      CREATE TABLE reminders (
        id                     TEXT NOT NULL PRIMARY KEY,
        user_key               TEXT NOT NULL,
        conversation_reference ${t.json('conversation_reference')} NOT NULL,
        locale                 TEXT NOT NULL,
        cause                  TEXT,
        due_at                 ${t.time} NOT NULL,
        attempts               INTEGER NOT NULL DEFAULT 0,
        next_attempt_at        ${t.time} NOT NULL,
        locked_until           ${t.time},
        lock_token             TEXT,
        created_at             ${t.time} NOT NULL
      );
      CREATE INDEX reminders_due ON reminders (next_attempt_at);
      CREATE INDEX reminders_user_key ON reminders (user_key);`,
    ),
  },
  {
    version: 2,
    name: 'hold reminders whose conversation is gone',
    sql: bothDialects(
      (t) => `
      ALTER TABLE reminders ADD COLUMN held_at ${t.time};
      CREATE INDEX reminders_held ON reminders (held_at);`,
    ),
  },
];
