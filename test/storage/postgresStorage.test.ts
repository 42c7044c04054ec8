import assert from 'node:assert/strict';
import { Client } from 'pg';
import { openStorage } from '../../src/storage/openStorage';
import { createPostgresPool } from '../../src/storage/postgresPool';
import { PostgresStorage } from '../../src/storage/postgresStorage';
import { usePostgresTestSchema } from './postgresTestSchema';
import { storageContract } from './storageContract';

describe('PostgresStorage', function () {
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
        [1],
      );
    } finally {
      await client.end();
    }
  });

  it('leaves a shared pool open when the storage closes', async function () {
    const pool = createPostgresPool(database().url);
    try {
      const storage = await PostgresStorage.open(pool, { ownsPool: false });
      await storage.close();
      const { rows } = await pool.query<{ one: unknown }>('SELECT 1 AS one');
      assert.equal(rows[0]?.one, 1);
    } finally {
      await pool.end();
    }
  });
});
