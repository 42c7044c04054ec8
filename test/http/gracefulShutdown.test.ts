import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDbDir } from '../support/appHarness';
import { startServerProcess } from '../support/serverProcess';

describe('the server process', () => {
  it('stops cleanly on SIGTERM after serving, with exit code 0', async function () {
    this.timeout(60_000);
    const dbDir = tempDbDir();
    const server = await startServerProcess({ DATABASE_URL: `sqlite:${path.join(dbDir, 'bot.db')}` });
    const port = server.port;
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'help',
        channelId: 'test',
        conversation: { id: 'c' },
        from: { id: 'u' },
        recipient: { id: 'b' },
        deliveryMode: 'expectReplies',
      }),
    });
    assert.equal(res.status, 200);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.match(server.output(), /shutting down/);
    assert.doesNotMatch(server.output(), /"text"/, 'logs must not carry message text');
  });
});
