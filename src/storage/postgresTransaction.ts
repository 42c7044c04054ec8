import type { Pool, PoolClient } from 'pg';

/** Runs `work` between BEGIN and COMMIT on one pooled connection; rolls back when it throws. */
export async function withPostgresTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      // A connection that cannot roll back is not handed to the next caller.
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
