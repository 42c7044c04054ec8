import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../src/storage/openDatabase';

function rejectsNaming(pattern: RegExp, secret?: string): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.match(error.message, pattern);
    if (secret !== undefined) {
      assert.ok(!error.message.includes(secret), `message leaks the password: ${error.message}`);
    }
    return true;
  };
}

describe('openStorage', function () {
  let dir = '';

  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'kyc-open-storage-'));
  });

  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a SQLite store for a sqlite: URL', async function () {
    const storage = await openStorage(`sqlite:${join(dir, 'state.db')}`);
    try {
      await storage.ping();
    } finally {
      await storage.close();
    }
  });

  it('opens a private in-memory store for sqlite::memory:', async function () {
    const first = await openStorage('sqlite::memory:');
    const second = await openStorage('sqlite::memory:');
    try {
      await first.write({ state: { n: 1 } });
      assert.deepEqual(await second.read(['state']), {});
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('rejects an unknown scheme with a message naming DATABASE_URL but not the password', async function () {
    await assert.rejects(
      openStorage('mysql://bot:hunter2@db.example/kyc'),
      rejectsNaming(/^DATABASE_URL .*"mysql:"/, 'hunter2'),
    );
  });

  it('rejects a bare file path and an empty sqlite: path, naming DATABASE_URL', async function () {
    await assert.rejects(openStorage('./data/kyc-bot.db'), rejectsNaming(/^DATABASE_URL .*no scheme/));
    await assert.rejects(openStorage('sqlite:'), rejectsNaming(/^DATABASE_URL "sqlite:" needs a file path/));
  });

  it('reports a SQLite file that cannot be created, naming DATABASE_URL', async function () {
    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where a folder would have to be');
    await assert.rejects(
      openStorage(`sqlite:${join(blocked, 'state.db')}`),
      rejectsNaming(/^DATABASE_URL: cannot open SQLite database .*not-a-folder/),
    );
  });

  it('reports an unreachable PostgreSQL server by host, naming DATABASE_URL but not the password', async function () {
    await assert.rejects(
      openStorage('postgresql://bot:hunter2@127.0.0.1:1/kyc'),
      rejectsNaming(/^DATABASE_URL: cannot open PostgreSQL at 127\.0\.0\.1:1\/kyc: .*ECONNREFUSED/, 'hunter2'),
    );
  });
});
