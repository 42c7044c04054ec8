import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { tempDbDir } from '../support/appHarness';

describe('the server process', () => {
  it('stops cleanly on SIGTERM after serving, with exit code 0', async function () {
    this.timeout(60_000);
    const dbDir = tempDbDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'src', 'index.ts')], {
      env: { ...process.env, PORT: '0', DATABASE_URL: `sqlite:${path.join(dbDir, 'bot.db')}`, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const m = /"port":(\d+)/.exec(output);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
    });
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'help', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' }, deliveryMode: 'expectReplies' }),
    });
    assert.equal(res.status, 200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(output, /shutting down/);
    assert.doesNotMatch(output, /"text"/, 'logs must not carry message text');
  });
});
