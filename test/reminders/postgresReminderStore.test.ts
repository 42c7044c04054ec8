import { Client } from 'pg';
import { openReminderStore } from '../../src/reminders/openReminderStore';
import { usePostgresTestSchema } from '../storage/postgresTestSchema';
import { reminderStoreContract } from './reminderStoreContract';

async function sql(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL reminder store', function () {
  const database = usePostgresTestSchema();

  reminderStoreContract('PostgreSQL', () => ({
    fresh: async () => {
      const store = await openReminderStore(database().url);
      await sql(database().url, 'DELETE FROM reminders');
      return store;
    },
    // Its own pool: a second process's connections, so the claims really race.
    another: () => openReminderStore(database().url),
  }));
});
