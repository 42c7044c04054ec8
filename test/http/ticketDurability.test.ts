import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDbDir } from '../support/appHarness';
import { sendTurn, startServerProcess, type ServerProcess } from '../support/serverProcess';
import { HelpdeskStandIn } from '../helpdesk/helpdeskStandIn';

const SECRET = 'webhook-secret-for-tests-0123456789';
const AGENT_TOKEN = 'agent-token-for-tests-0123456789';

function turn(server: ServerProcess, text: string): Promise<string> {
  return sendTurn(server, 'durable', 'durable-user', text);
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('ticket durability', () => {
  it('keeps the ticket and still sends the webhook after a SIGKILL right after the user saw the number', async function () {
    this.timeout(90_000);
    const helpdesk = new HelpdeskStandIn(SECRET);
    await helpdesk.start();
    // The helpdesk is down while the first process runs: nothing can be delivered before the kill.
    helpdesk.statuses.push(...Array.from({ length: 50 }, () => 503));
    const dbDir = tempDbDir();
    const env = {
      DATABASE_URL: `sqlite:${path.join(dbDir, 'bot.db')}`,
      HELPDESK_WEBHOOK_URL: helpdesk.url,
      HELPDESK_WEBHOOK_SECRET: SECRET,
      AGENT_API_TOKEN: AGENT_TOKEN,
    };
    const first = await startServerProcess(env);
    await turn(first, 'talk to a person');
    const shown = await turn(first, 'Skip');
    const number = /KYC-[0-9A-Z]{7}/.exec(shown)?.[0];
    assert.ok(number, `the user was shown a ticket number: ${shown}`);
    first.child.kill('SIGKILL');
    await first.exited;

    helpdesk.statuses.length = 0;
    const second = await startServerProcess(env);
    try {
      const res = await fetch(`${second.baseUrl}/api/tickets/${number}`, {
        headers: { authorization: `Bearer ${AGENT_TOKEN}` },
      });
      assert.equal(res.status, 200, 'the ticket survived the crash');
      await waitFor(() => helpdesk.accepted().includes(number), 60_000);
      assert.ok(helpdesk.received.every((hook) => hook.signatureValid));
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      await helpdesk.stop();
    }
  });
});
