import assert from 'node:assert/strict';
import { openTicketStore, type TicketStore } from '../../src/tickets/ticketStore';
import { backoffDelayMs } from '../../src/helpdesk/webhookBackoff';
import { WebhookDispatcher, type WebhookDispatcherOptions } from '../../src/helpdesk/webhookDispatcher';
import { webhookSignature } from '../../src/helpdesk/webhookSignature';
import { usePostgresTestSchema } from '../storage/postgresTestSchema';
import { HelpdeskStandIn } from './helpdeskStandIn';
import { ManualClock, newTicket } from '../tickets/ticketFixtures';

const SECRET = 'helpdesk-webhook-secret';

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('helpdesk webhook', function () {
  let helpdesk: HelpdeskStandIn;
  let clock: ManualClock;
  let store: TicketStore;
  const dispatcher = (overrides: Partial<WebhookDispatcherOptions> = {}): WebhookDispatcher =>
    new WebhookDispatcher({
      store,
      url: helpdesk.url,
      secret: SECRET,
      now: clock.now,
      random: () => 0.5,
      ...overrides,
    });

  beforeEach(async function () {
    helpdesk = new HelpdeskStandIn(SECRET);
    await helpdesk.start();
    clock = new ManualClock();
    store = await openTicketStore('sqlite::memory:', { webhookOutbox: true, now: clock.now });
  });

  afterEach(async function () {
    await store.close();
    await helpdesk.stop();
  });

  it('signs the body with HMAC-SHA256 and keys it by ticket number', function () {
    assert.equal(
      webhookSignature('key', 'The quick brown fox jumps over the lazy dog'),
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('posts each new ticket once, signed, with its number as the idempotency key and no user key', async function () {
    const first = await store.create(newTicket());
    const second = await store.create(newTicket());
    assert.deepEqual(await dispatcher().runDue(), { delivered: 2, failed: 0 });
    assert.deepEqual(helpdesk.accepted().sort(), [first.number, second.number].sort());
    const hook = helpdesk.received.find((received) => received.idempotencyKey === first.number);
    assert.equal(hook?.contentType, 'application/json');
    const ticket: unknown = JSON.parse(
      JSON.stringify({ ...first, userKey: undefined, conversationReference: undefined }),
    );
    assert.deepEqual(hook?.body, { event: 'ticket.created', ticket });
    assert.ok((await store.outbox.rows()).every((row) => row.deliveredAt !== null));
    assert.deepEqual(await dispatcher().runDue(), { delivered: 0, failed: 0 });
    assert.equal(helpdesk.received.length, 2);
  });

  it('loses nothing in a helpdesk outage: retries with growing delays until it is back', async function () {
    helpdesk.statuses.push(503, 503, 503, 503);
    const created = await store.create(newTicket());
    const sender = dispatcher({ baseDelayMs: 1000, maxDelayMs: 60_000 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      assert.deepEqual(await sender.runDue(), { delivered: 0, failed: 1 });
      const [row] = await store.outbox.rows(created.number);
      assert.equal(row?.attempts, attempt);
      assert.equal(row?.deliveredAt, null);
      assert.match(row?.lastError ?? '', /503/);
      const delay = Date.parse(row?.nextAttemptAt ?? '') - clock.now().getTime();
      delays.push(delay);
      assert.deepEqual(await sender.runDue(), { delivered: 0, failed: 0 }, 'not retried before its time');
      clock.advance(delay);
    }
    assert.deepEqual(delays, [750, 1500, 3000, 6000]);
    assert.deepEqual(await sender.runDue(), { delivered: 1, failed: 0 });
    assert.deepEqual(helpdesk.accepted(), [created.number]);
  });

  it('grows the delay by doubling with jitter between half and all of the step, up to the cap', function () {
    const settings = { baseDelayMs: 1000, maxDelayMs: 10_000 };
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((failures) => backoffDelayMs(failures, settings, () => 1)),
      [1000, 2000, 4000, 8000, 10_000, 10_000],
    );
    assert.deepEqual(
      [1, 2, 3].map((failures) => backoffDelayMs(failures, settings, () => 0)),
      [500, 1000, 2000],
    );
    assert.equal(
      backoffDelayMs(1000, settings, () => 0.999),
      9995,
    );
  });

  it('gives up on a helpdesk that does not answer within the timeout and tries again later', async function () {
    helpdesk.statuses.push(0);
    const created = await store.create(newTicket());
    const sender = dispatcher({ timeoutMs: 200 });
    assert.deepEqual(await sender.runDue(), { delivered: 0, failed: 1 });
    clock.advance(60_000);
    assert.deepEqual(await sender.runDue(), { delivered: 1, failed: 0 });
    assert.deepEqual(helpdesk.accepted(), [created.number]);
  });

  it('sends a row whose dispatcher died mid-call once its lease runs out', async function () {
    const created = await store.create(newTicket());
    const [lost] = await store.outbox.claimDue(clock.now(), 10, 60_000);
    assert.equal(lost?.ticketNumber, created.number);
    assert.deepEqual(await dispatcher({ leaseMs: 60_000 }).runDue(), { delivered: 0, failed: 0 });
    clock.advance(60_000);
    assert.deepEqual(await dispatcher({ leaseMs: 60_000 }).runDue(), { delivered: 1, failed: 0 });
    assert.equal(
      lost !== undefined && (await store.outbox.markDelivered(lost, clock.now())),
      false,
      'the stale claim cannot complete',
    );
  });

  it('delivers in the background between start() and stop()', async function () {
    const sender = dispatcher({ now: () => new Date(8_000_000_000_000), pollIntervalMs: 20 });
    sender.start();
    try {
      const created = await store.create(newTicket());
      await waitFor(() => helpdesk.accepted().includes(created.number), 5000);
    } finally {
      await sender.stop();
    }
    const late = await store.create(newTicket());
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(!helpdesk.accepted().includes(late.number), 'stopped means stopped');
  });

  it('refuses a webhook URL that is not http(s)', function () {
    assert.throws(() => dispatcher({ url: 'file:///etc/passwd' }), /http\(s\)/);
    assert.throws(() => dispatcher({ secret: '' }), /SECRET/);
  });

  describe('two bot processes on one PostgreSQL', function () {
    const database = usePostgresTestSchema();

    it('deliver every ticket, and in practice once', async function () {
      this.timeout(30_000);
      const stores = await Promise.all([1, 2].map(() => openTicketStore(database().url, { webhookOutbox: true })));
      const [a, b] = stores;
      assert.ok(a !== undefined && b !== undefined);
      const dispatchers = stores.map(
        (own) =>
          new WebhookDispatcher({ store: own, url: helpdesk.url, secret: SECRET, pollIntervalMs: 10, batchSize: 3 }),
      );
      try {
        dispatchers.forEach((each) => each.start());
        const created = await Promise.all(
          Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? a : b).create(newTicket())),
        );
        const numbers = created.map((ticket) => ticket.number).sort();
        await waitFor(() => new Set(helpdesk.accepted()).size === numbers.length, 20_000);
        await Promise.all(dispatchers.map((each) => each.stop()));
        assert.deepEqual([...new Set(helpdesk.accepted())].sort(), numbers);
        assert.equal(helpdesk.accepted().length, numbers.length, 'no ticket was sent twice');
        assert.ok((await a.outbox.rows()).every((row) => row.deliveredAt !== null));
      } finally {
        await Promise.all(dispatchers.map((each) => each.stop()));
        await Promise.all(stores.map((own) => own.close()));
      }
    });
  });
});
