import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { claimDue } from '../storage/claimDue';
import type { SqlDatabase } from '../storage/sqlDatabase';
import { withReminders } from './reminderRow';
import type { DueReminder, HeldReminder, NewReminder, ReminderStore } from './reminderStore';

const storedReference = z.record(z.string(), z.unknown());

/** Reminders in the bot's database (SQLite or PostgreSQL), one Kysely implementation for both. */
export class SqlReminderStore implements ReminderStore {
  constructor(
    private readonly database: SqlDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async schedule(reminder: NewReminder): Promise<void> {
    const dueAt = reminder.dueAt.toISOString();
    await this.database.write(async (tx) => {
      const db = withReminders(tx);
      await db.deleteFrom('reminders').where('user_key', '=', reminder.userKey).execute();
      await db
        .insertInto('reminders')
        .values({
          id: randomUUID(),
          user_key: reminder.userKey,
          conversation_reference: JSON.stringify(reminder.conversationReference),
          locale: reminder.locale,
          cause: reminder.cause,
          due_at: dueAt,
          attempts: 0,
          next_attempt_at: dueAt,
          locked_until: null,
          lock_token: null,
          created_at: this.now().toISOString(),
          held_at: null,
        })
        .execute();
    });
  }

  async pendingFor(userKey: string): Promise<string | undefined> {
    const row = await withReminders(this.database.db)
      .selectFrom('reminders')
      .select('due_at')
      .where('user_key', '=', userKey)
      .orderBy('due_at')
      .executeTakeFirst();
    return row?.due_at;
  }

  async updateCause(userKey: string, cause: string): Promise<number> {
    const { numUpdatedRows } = await withReminders(this.database.db)
      .updateTable('reminders')
      .set({ cause })
      .where('user_key', '=', userKey)
      .executeTakeFirst();
    return Number(numUpdatedRows);
  }

  async cancelForUser(userKey: string): Promise<number> {
    const { numDeletedRows } = await withReminders(this.database.db)
      .deleteFrom('reminders')
      .where('user_key', '=', userKey)
      .executeTakeFirst();
    // The conversation reference must not linger in SQLite's WAL or free pages either.
    if (numDeletedRows > 0n) await this.database.afterErase();
    return Number(numDeletedRows);
  }

  claimDue(now: Date, limit: number, leaseMs: number): Promise<DueReminder[]> {
    const claim = { table: 'reminders', waitingWhileNull: 'held_at', now, limit, leaseMs };
    return claimDue(this.database, claim, async (db, lockToken) => {
      const rows = await withReminders(db)
        .selectFrom('reminders')
        .select(['id', 'conversation_reference', 'locale', 'cause', 'due_at', 'attempts'])
        .where('lock_token', '=', lockToken)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        conversationReference: storedReference.parse(JSON.parse(row.conversation_reference)),
        locale: row.locale,
        cause: row.cause,
        dueAt: row.due_at,
        attempts: row.attempts,
        lockToken,
      }));
    });
  }

  async markSent(reminder: DueReminder): Promise<boolean> {
    return this.deleteClaimed(reminder);
  }

  async giveUp(reminder: DueReminder): Promise<boolean> {
    return this.deleteClaimed(reminder);
  }

  async markFailed(reminder: DueReminder, nextAttemptAt: Date): Promise<boolean> {
    const { numUpdatedRows } = await withReminders(this.database.db)
      .updateTable('reminders')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        next_attempt_at: nextAttemptAt.toISOString(),
        locked_until: null,
        lock_token: null,
      }))
      .where('id', '=', reminder.id)
      .where('lock_token', '=', reminder.lockToken)
      .executeTakeFirst();
    return numUpdatedRows === 1n;
  }

  async holdForUser(reminder: DueReminder, now: Date): Promise<boolean> {
    const { numUpdatedRows } = await withReminders(this.database.db)
      .updateTable('reminders')
      .set({ held_at: now.toISOString(), conversation_reference: '{}', locked_until: null, lock_token: null })
      .where('id', '=', reminder.id)
      .where('lock_token', '=', reminder.lockToken)
      .executeTakeFirst();
    if (numUpdatedRows !== 1n) return false;
    // The reference it no longer needs must not linger in SQLite's WAL or free pages.
    await this.database.afterErase();
    return true;
  }

  async takeHeld(userKey: string): Promise<HeldReminder | undefined> {
    const [taken] = await withReminders(this.database.db)
      .deleteFrom('reminders')
      .where('user_key', '=', userKey)
      .where('held_at', 'is not', null)
      .returning(['locale', 'cause', 'due_at'])
      .execute();
    if (!taken) return undefined;
    await this.database.afterErase();
    return { locale: taken.locale, cause: taken.cause, dueAt: taken.due_at };
  }

  async dropHeldBefore(before: Date): Promise<number> {
    const { numDeletedRows } = await withReminders(this.database.db)
      .deleteFrom('reminders')
      .where('held_at', '<=', before.toISOString())
      .executeTakeFirst();
    if (numDeletedRows > 0n) await this.database.afterErase();
    return Number(numDeletedRows);
  }

  ping(): Promise<void> {
    return this.database.ping();
  }

  close(): Promise<void> {
    return this.database.close();
  }

  private async deleteClaimed(reminder: DueReminder): Promise<boolean> {
    const { numDeletedRows } = await withReminders(this.database.db)
      .deleteFrom('reminders')
      .where('id', '=', reminder.id)
      .where('lock_token', '=', reminder.lockToken)
      .executeTakeFirst();
    if (numDeletedRows === 0n) return false;
    await this.database.afterErase();
    return true;
  }
}
