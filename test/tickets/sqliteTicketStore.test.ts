import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openTicketStore, type TicketStoreOptions } from '../../src/tickets/ticketStore';
import { newTicket } from './ticketFixtures';
import { ticketStoreContract } from './ticketStoreContract';

describe('SQLite ticket store', function () {
  let dir = '';
  let file = '';
  let counter = 0;

  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'kyc-tickets-'));
  });

  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  const options = (overrides: Partial<TicketStoreOptions> = {}): TicketStoreOptions => ({
    webhookOutbox: false,
    ...overrides,
  });

  ticketStoreContract('SQLite', () => ({
    fresh: async (overrides) => {
      counter += 1;
      file = join(dir, `contract-${counter}.db`);
      return openTicketStore(`sqlite:${file}`, options(overrides));
    },
    another: (overrides) => openTicketStore(`sqlite:${file}`, options(overrides)),
    exec: async (sql) => {
      const db = new BetterSqlite3(file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
  }));

  it('keeps tickets across a reopen of the file, applying the migrations once', async function () {
    const path = join(dir, 'reopen', 'tickets.db');
    const first = await openTicketStore(`sqlite:${path}`, { webhookOutbox: true });
    const created = await first.create(newTicket());
    await first.close();
    const second = await openTicketStore(`sqlite:${path}`, { webhookOutbox: true });
    try {
      assert.deepEqual(await second.get(created.number), created);
      assert.equal((await second.outbox.rows()).length, 1);
    } finally {
      await second.close();
    }
    const db = new BetterSqlite3(path);
    try {
      assert.deepEqual(
        db.prepare("SELECT version FROM schema_migrations WHERE component = 'tickets'").pluck().all(),
        [1, 2],
      );
    } finally {
      db.close();
    }
  });
});
