import assert from 'node:assert/strict';
import { describePostgresUrl, parseDatabaseUrl } from '../../src/storage/openDatabase';

describe('parseDatabaseUrl', function () {
  it('takes everything after sqlite: as the file path', function () {
    assert.deepEqual(parseDatabaseUrl('sqlite:./data/kyc-bot.db'), { kind: 'sqlite', filePath: './data/kyc-bot.db' });
    assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), { kind: 'sqlite', filePath: ':memory:' });
    assert.deepEqual(parseDatabaseUrl('SQLite:/var/lib/kyc bot/state.db'), {
      kind: 'sqlite',
      filePath: '/var/lib/kyc bot/state.db',
    });
  });

  it('accepts postgres:// and postgresql:// in any letter case, keeping the whole URL', function () {
    for (const url of ['postgres://u:p@db:5432/kyc', 'postgresql://db/kyc?sslmode=require', 'POSTGRES://db/kyc']) {
      assert.deepEqual(parseDatabaseUrl(url), { kind: 'postgres', connectionString: url });
    }
  });

  it('rejects postgres: without // and other schemes, naming DATABASE_URL', function () {
    assert.throws(() => parseDatabaseUrl('postgres:kyc'), /^Error: DATABASE_URL .*"postgres:"/);
    assert.throws(() => parseDatabaseUrl('redis://cache'), /^Error: DATABASE_URL .*"redis:"/);
    assert.throws(() => parseDatabaseUrl(''), /^Error: DATABASE_URL .*no scheme/);
  });
});

describe('describePostgresUrl', function () {
  it('shows host, port and database but never the user or password', function () {
    assert.equal(
      describePostgresUrl('postgres://bot:s3cret@db.internal:6432/kyc?sslmode=require'),
      'db.internal:6432/kyc',
    );
  });
});
