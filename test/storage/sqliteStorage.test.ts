import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStorage } from '../../src/storage/openDatabase';
import { openTicketStore } from '../../src/tickets/ticketStore';
import { newTicket } from '../tickets/ticketFixtures';
import { storageContract } from './storageContract';

describe('SQLite storage', function () {
  let dir = '';

  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'kyc-sqlite-storage-'));
  });

  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  storageContract('SQLite file', () => openStorage(`sqlite:${join(dir, 'contract', 'state.db')}`), {
    persistent: true,
  });

  storageContract('SQLite in memory', () => openStorage('sqlite::memory:'));

  it('creates the parent folders of a relative sqlite: path, resolved against the cwd', async function () {
    const file = join(dir, 'relative', 'deeper', 'kyc-bot.db');
    const storage = await openStorage(`sqlite:${relative(process.cwd(), file)}`);
    await storage.close();
    assert.ok(existsSync(file));
  });

  it('leaves the file in WAL journal mode', async function () {
    const file = join(dir, 'wal.db');
    await (await openStorage(`sqlite:${file}`)).close();

    const db = new BetterSqlite3(file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('serves the bot state and the tickets from one file until the last of them closes', async function () {
    const url = `sqlite:${join(dir, 'shared.db')}`;
    const storage = await openStorage(url);
    const tickets = await openTicketStore(url, { webhookOutbox: false });
    await Promise.all([storage.write({ state: { ok: true } }), tickets.create(newTicket())]);
    await storage.close();
    await assert.rejects(storage.ping());
    assert.equal((await tickets.list({ limit: 10 })).tickets.length, 1);
    await tickets.close();
    await assert.rejects(tickets.ping());
  });
});
