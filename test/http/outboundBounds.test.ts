import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../support/appHarness';
import { sleep, startLoopbackTarget, type LoopbackTarget } from '../support/loopbackTarget';

/** The Emulator on this machine whose connector accepts the bot's reply and then never answers. */
const emulatorActivity = (serviceUrl: string, n: number) => ({
  type: 'message',
  channelId: 'emulator',
  serviceUrl,
  conversation: { id: `stuck-${n}` },
  from: { id: `user-${n}` },
  recipient: { id: 'bot' },
  locale: 'en',
  text: 'menu',
});

describe('outbound Bot Connector calls are bounded', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let connector: LoopbackTarget;
  before(async () => {
    running = await startApp({ OUTBOUND_TIMEOUT_SECONDS: '0.5', OUTBOUND_MAX_IN_FLIGHT: '4' });
    connector = await startLoopbackTarget('hang');
  });
  after(async () => {
    await running.stop();
    await connector.close();
  });

  it('gives up on a serviceUrl that never answers: the turn ends and its sockets close', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, n) => running.post('/api/messages', emulatorActivity(connector.url, n))),
    );
    const elapsed = Date.now() - started;
    for (const res of answers) await res.arrayBuffer();
    // Every turn finished (each one's reply and its error message time out after 0.5 s).
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
    assert.ok(connector.peakSockets() <= 4, `peak ${connector.peakSockets()} connections to the hanging connector`);
    await sleep(1500);
    assert.equal(connector.openSockets(), 0, 'every connection to the hanging connector was closed');
  });
});
