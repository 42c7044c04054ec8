import assert from 'node:assert/strict';
import { Client } from 'pg';
import { openStorage } from '../../src/storage/openDatabase';
import { usePostgresTestSchema } from './postgresTestSchema';
import { storageContract } from './storageContract';

describe('PostgreSQL storage', function () {
  const database = usePostgresTestSchema();

  storageContract('PostgreSQL', () => openStorage(database().url), { persistent: true });

  it('creates bot_state once when several bot processes start together', async function () {
    const storages = await Promise.all(Array.from({ length: 4 }, () => openStorage(database().url)));
    await Promise.all(storages.map((storage) => storage.close()));

    const client = new Client({ connectionString: database().url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: unknown }>(
        "SELECT version FROM schema_migrations WHERE component = 'bot_state'",
      );
      assert.deepEqual(
        rows.map((row) => row.version),
        [1, 2],
      );
    } finally {
      await client.end();
    }
  });
});
