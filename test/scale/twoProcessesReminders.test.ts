import assert from 'node:assert/strict';
import type http from 'node:http';
import { Client } from 'pg';
import { openReminderStore } from '../../src/reminders/openReminderStore';
import { usePostgresTestSchema } from '../storage/postgresTestSchema';
import { startLoopbackTarget, type LoopbackTarget } from '../support/loopbackTarget';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { until } from '../support/until';

const REMINDERS = 30;
/** A connector that takes its time, so both processes are claiming while the other is still sending. */
const CONNECTOR_DELAY_MS = 150;

async function remainingReminders(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM reminders');
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe('two bot processes on one PostgreSQL fire each reminder exactly once', () => {
  const schema = usePostgresTestSchema();
  // Unset when the suite is skipped (no PostgreSQL): the schema's hook skips before this one starts it.
  let connector: LoopbackTarget | undefined;
  const deliveries = new Map<string, number>();

  before(async () => {
    connector = await startLoopbackTarget({
      answer: (req: http.IncomingMessage, res: http.ServerResponse) => {
        const conversation = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '')?.[1];
        if (conversation) deliveries.set(conversation, (deliveries.get(conversation) ?? 0) + 1);
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: 'sent' }));
        }, CONNECTOR_DELAY_MS);
      },
    });
  });
  after(async () => connector?.close());

  it('delivers every due reminder once while both processes poll the same table', async function () {
    this.timeout(180_000);
    const url = schema().url;
    assert.ok(connector, 'the connector is started before the test');
    const serviceUrl = connector.url;
    const store = await openReminderStore(url);
    try {
      for (let i = 0; i < REMINDERS; i++)
        await store.schedule({
          userKey: `user-${i}`,
          conversationReference: {
            channelId: 'emulator',
            serviceUrl,
            conversation: { id: `conv-${i}` },
            bot: { id: 'bot' },
            user: { id: `user-${i}` },
          },
          locale: 'en',
          cause: null,
          // Fell due while no bot ran: both fire it at their first poll.
          dueAt: new Date(Date.now() - 60_000),
        });
    } finally {
      await store.close();
    }

    const env = { DATABASE_URL: url, LOCAL_WEBCHAT: 'false' };
    const processes: ServerProcess[] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    try {
      // A row is deleted only after its send, so an empty table means every claimed send has finished.
      await until(async () => ((await remainingReminders(url)) === 0 ? true : undefined), 120_000);
      assert.equal(deliveries.size, REMINDERS);
      assert.deepEqual(
        [...deliveries.entries()].filter(([, times]) => times !== 1),
        [],
        'no conversation got its reminder twice',
      );
    } finally {
      for (const server of processes) server.child.kill('SIGTERM');
      await Promise.all(processes.map((server) => server.exited));
    }
  });
});
