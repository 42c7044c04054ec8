import { BOT_STATE_MIGRATIONS } from './migrations';
import { openDatabase, type OpenDatabaseOptions } from './openDatabase';
import { SqlStorage, type ClosableStorage } from './sqlStorage';

export type { ClosableStorage } from './sqlStorage';

/** Opens the bot-state storage named by DATABASE_URL (see parseDatabaseUrl), with its schema migrations applied. */
export async function openStorage(databaseUrl: string, options: OpenDatabaseOptions = {}): Promise<ClosableStorage> {
  return new SqlStorage(await openDatabase(databaseUrl, 'bot_state', BOT_STATE_MIGRATIONS, options));
}
