import assert from 'node:assert/strict';
import { openTicketStore, type TicketStore, type TicketStoreOptions } from '../../src/tickets/ticketStore';
import { runPostgresSql as sql } from '../support/postgresSql';
import { usePostgresTestSchema } from '../storage/postgresTestSchema';
import { newTicket } from './ticketFixtures';
import { ticketStoreContract } from './ticketStoreContract';

/** Back to a database without the ticket schema (the contract drops tables on purpose). */
const RESET_TICKETS = `
  DROP TABLE IF EXISTS ticket_outbox, ticket_replies, ticket_notes, tickets;
  DO $$ BEGIN
    IF to_regclass('schema_migrations') IS NOT NULL THEN DELETE FROM schema_migrations WHERE component = 'tickets'; END IF;
  END $$`;

describe('PostgreSQL ticket store', function () {
  const database = usePostgresTestSchema();
  const open = (overrides: Partial<TicketStoreOptions> = {}): Promise<TicketStore> =>
    openTicketStore(database().url, { webhookOutbox: false, ...overrides });

  ticketStoreContract('PostgreSQL', () => ({
    fresh: async (overrides) => {
      // Recreated rather than truncated: one contract test drops the outbox table.
      await sql(database().url, RESET_TICKETS);
      return open(overrides);
    },
    another: open,
    exec: (text) => sql(database().url, text),
  }));

  it('creates the ticket tables once when several bot processes start together', async function () {
    await sql(database().url, RESET_TICKETS);
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openTicketStore(database().url, { webhookOutbox: true })),
    );
    try {
      const created = await stores[0]?.create(newTicket());
      assert.ok(created !== undefined);
      assert.deepEqual(await stores[3]?.get(created.number), created);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('names DATABASE_URL and hides the password when the server cannot be reached', async function () {
    await assert.rejects(
      openTicketStore('postgres://kyc:hunter2-secret@127.0.0.1:1/nowhere', { webhookOutbox: false }),
      (error: unknown) =>
        error instanceof Error && error.message.startsWith('DATABASE_URL') && !error.message.includes('hunter2'),
    );
  });
});
