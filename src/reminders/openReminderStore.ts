import { openDatabase, type OpenDatabaseOptions } from '../storage/openDatabase';
import { REMINDER_MIGRATIONS } from './reminderMigrations';
import type { ReminderStore } from './reminderStore';
import { SqlReminderStore } from './sqlReminderStore';

/** Opens the reminder store in the database DATABASE_URL names, with the `reminders` migrations applied. */
export async function openReminderStore(
  databaseUrl: string,
  options: OpenDatabaseOptions & { now?: () => Date } = {},
): Promise<ReminderStore> {
  return new SqlReminderStore(await openDatabase(databaseUrl, 'reminders', REMINDER_MIGRATIONS, options), options.now);
}
