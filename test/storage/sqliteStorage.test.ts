import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStorage } from '../../src/storage/openStorage';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { storageContract } from './storageContract';

describe('SqliteStorage', function () {
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

  storageContract('SQLite in memory', async () => SqliteStorage.open(':memory:'));

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

  it('leaves an attached database open when the storage closes', async function () {
    const db = new BetterSqlite3(':memory:');
    try {
      const storage = SqliteStorage.attach(db);
      await storage.write({ state: { ok: true } });
      await storage.close();
      assert.equal(db.prepare('SELECT count(*) FROM bot_state').pluck().get(), 1);
    } finally {
      db.close();
    }
  });
});
