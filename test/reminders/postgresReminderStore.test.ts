import { openReminderStore } from '../../src/reminders/openReminderStore';
import { runPostgresSql as sql } from '../support/postgresSql';
import { usePostgresTestSchema } from '../storage/postgresTestSchema';
import { reminderStoreContract } from './reminderStoreContract';

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
