import { Client } from 'pg';

/** Runs `text` (one or more statements) on a connection of its own, as another process would. */
export async function runPostgresSql(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
