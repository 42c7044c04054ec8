import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDbDir } from '../support/appHarness';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';

/** 127.0.0.2 is this machine too, but not the address 127.0.0.1: a bot bound to 127.0.0.1 does not answer there. */
async function answersOn(host: string, port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://${host}:${port}/healthz`);
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

async function withServer(env: Record<string, string>, check: (server: ServerProcess) => Promise<void>): Promise<void> {
  const server = await startServerProcess({
    DATABASE_URL: `sqlite:${path.join(tempDbDir(), 'bot.db')}`,
    OCR_WORKERS: '1',
    ...env,
  });
  try {
    await check(server);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

describe('the address the server listens on', function () {
  this.timeout(90_000);

  it('is 127.0.0.1 only when there are no Bot Framework credentials', async () => {
    await withServer({}, async (server) => {
      assert.equal(await answersOn('127.0.0.1', server.port), true);
      assert.equal(await answersOn('127.0.0.2', server.port), false);
      assert.match(server.output(), /"host":"127\.0\.0\.1"/);
    });
  });

  it('is what HOST says', async () => {
    await withServer({ HOST: '0.0.0.0' }, async (server) => {
      assert.equal(await answersOn('127.0.0.2', server.port), true);
    });
  });
});
