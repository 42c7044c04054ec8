import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import { registerTicketRoutes, type TicketRouteDeps } from '../../src/api/ticketRoutes';
import { openTicketStore, type TicketStore } from '../../src/tickets/ticketStore';
import { usePostgresTestSchema } from '../storage/postgresTestSchema';
import type { Ticket, TicketReply } from '../../src/tickets/ticket';
import { generateTicketNumber } from '../../src/tickets/ticketNumber';
import { newTicket, userKey } from '../tickets/ticketFixtures';

const TOKEN = 'agent-token-for-tests-0123456789';

interface Harness {
  readonly base: string;
  readonly server: Server;
  readonly unexpected: unknown[];
  readonly delivered: { ticket: Ticket; reply: TicketReply }[];
}

async function startServer(store: TicketStore, overrides: Partial<TicketRouteDeps> = {}): Promise<Harness> {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  const unexpected: unknown[] = [];
  const delivered: { ticket: Ticket; reply: TicketReply }[] = [];
  registerTicketRoutes(server, {
    store,
    token: TOKEN,
    deliverReply: async (ticket, reply) => {
      delivered.push({ ticket, reply });
      return true;
    },
    onUnexpected: (error) => unexpected.push(error),
    ...overrides,
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address: AddressInfo | string | null = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return { base: `http://127.0.0.1:${address.port}`, server, unexpected, delivered };
}

async function stopServer(harness: Harness): Promise<void> {
  harness.server.server.closeAllConnections();
  await new Promise<void>((resolve) => {
    harness.server.close(() => resolve());
  });
}

function auth(extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${TOKEN}`, ...extra };
}

function json(body: unknown, extra: Record<string, string> = {}): RequestInit {
  return { headers: auth({ 'Content-Type': 'application/json', ...extra }), body: JSON.stringify(body) };
}

/** Reads `path` out of parsed JSON, or undefined where it leads nowhere. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Object.entries(current).find(([name]) => name === String(key))?.[1];
  }
  return current;
}

async function errorCode(response: Response): Promise<string> {
  const body: unknown = await response.json();
  assert.ok(typeof body === 'object' && body !== null && 'error' in body);
  const { error } = body;
  assert.ok(typeof error === 'object' && error !== null && 'code' in error && 'message' in error);
  assert.equal(typeof error.message, 'string');
  return String(error.code);
}

describe('agent ticket API', function () {
  let store: TicketStore;
  let harness: Harness;
  let ticket: Ticket;

  beforeEach(async function () {
    store = await openTicketStore('sqlite::memory:', { webhookOutbox: false });
    ticket = await store.create(newTicket());
    harness = await startServer(store);
  });

  afterEach(async function () {
    await stopServer(harness);
    await store.close();
  });

  const url = (path: string): string => `${harness.base}${path}`;

  it('answers 404 on every route when no agent token is configured', async function () {
    await stopServer(harness);
    harness = await startServer(store, { token: undefined });
    const calls: [string, RequestInit][] = [
      ['/api/tickets', { headers: auth() }],
      [`/api/tickets/${ticket.number}`, { headers: auth() }],
      [`/api/tickets/${ticket.number}`, { method: 'PATCH', ...json({ status: 'resolved' }, { 'If-Match': '"1"' }) }],
      [`/api/tickets/${ticket.number}/reply`, { method: 'POST', ...json({ text: 'hi' }) }],
    ];
    for (const [path, init] of calls) {
      const response = await fetch(url(path), init);
      assert.equal(response.status, 404, path);
      assert.equal(await errorCode(response), 'not_found');
    }
    assert.equal((await store.get(ticket.number))?.version, 1);
  });

  it('answers 401 without a token or with a forged one', async function () {
    const forged: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Bearer ${TOKEN}x` },
      { Authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of forged) {
      const response = await fetch(url(`/api/tickets/${ticket.number}`), { headers });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      assert.equal(await errorCode(response), 'unauthorized');
    }
  });

  it('lists tickets newest first as {tickets}, filtered by a validated status', async function () {
    const second = await store.create(newTicket({ userKey: userKey('user-2') }));
    await store.update(second.number, 1, { status: 'in_progress' });
    const all = await fetch(url('/api/tickets'), { headers: auth() });
    assert.equal(all.status, 200);
    const body: unknown = await all.json();
    assert.deepEqual(
      [at(body, 'tickets', 0, 'number'), at(body, 'tickets', 1, 'number')],
      [second.number, ticket.number],
    );
    assert.equal(at(body, 'tickets', 2), undefined);
    const open: unknown = await (await fetch(url('/api/tickets?status=open'), { headers: auth() })).json();
    assert.equal(at(open, 'tickets', 0, 'number'), ticket.number);
    assert.equal(at(open, 'tickets', 1), undefined);
    for (const query of [
      'status=closed',
      'status=open&status=resolved',
      "status='%20OR%201=1--",
      'limit=0',
      'limit=101',
      'limit=abc',
      'cursor=zzz',
    ]) {
      const response = await fetch(url(`/api/tickets?${query}`), { headers: auth() });
      assert.equal(response.status, 400, query);
      assert.equal(await errorCode(response), 'bad_request');
    }
  });

  it('returns one ticket with its ETag, without the user key or conversation reference', async function () {
    const response = await fetch(url(`/api/tickets/${ticket.number.toLowerCase()}`), { headers: auth() });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('etag'), '"1"');
    const body: unknown = await response.json();
    assert.equal(at(body, 'number'), ticket.number);
    assert.equal(at(body, 'status'), 'open');
    assert.deepEqual(at(body, 'cause'), { id: 'photo_unclear', labelKey: 'topics:photo_unclear.label' });
    assert.equal(at(body, 'createdAt'), ticket.createdAt);
    assert.equal(at(body, 'applicationReference'), 'APP-2024-0001');
    assert.equal(at(body, 'userKey'), undefined);
    assert.equal(at(body, 'conversationReference'), undefined);
  });

  it('answers 400 for malformed numbers, wrong check symbols and SQL-ish strings, and 404 for unknown ones', async function () {
    const symbols = ticket.number.slice(4);
    const wrongCheck = `KYC-${symbols.slice(0, 6)}${symbols.endsWith('2') ? '3' : '2'}`;
    for (const bad of ['nope', wrongCheck, "'; DROP TABLE tickets;--", "KYC-2' OR '1'='1", 'x'.repeat(90)]) {
      const response = await fetch(url(`/api/tickets/${encodeURIComponent(bad)}`), { headers: auth() });
      assert.equal(response.status, 400, bad);
      assert.equal(await errorCode(response), 'bad_request');
    }
    let unknown = generateTicketNumber();
    while (unknown === ticket.number) unknown = generateTicketNumber();
    const missing = await fetch(url(`/api/tickets/${unknown}`), { headers: auth() });
    assert.equal(missing.status, 404);
    assert.equal(await errorCode(missing), 'not_found');
    const patchUnknown = await fetch(url(`/api/tickets/${unknown}`), {
      method: 'PATCH',
      ...json({ status: 'resolved' }, { 'If-Match': '"1"' }),
    });
    assert.equal(patchUnknown.status, 404);
    assert.deepEqual(await store.get(ticket.number), ticket);
  });

  it('needs If-Match to change a ticket: 428 without, 412 when stale, 200 with the new ETag', async function () {
    const path = url(`/api/tickets/${ticket.number}`);
    const without = await fetch(path, { method: 'PATCH', ...json({ status: 'resolved' }) });
    assert.equal(without.status, 428);
    assert.equal(await errorCode(without), 'precondition_required');
    const star = await fetch(path, { method: 'PATCH', ...json({ status: 'resolved' }, { 'If-Match': '*' }) });
    assert.equal(star.status, 428);

    const changed = await fetch(path, {
      method: 'PATCH',
      ...json(
        { status: 'in_progress', assignee: 'agent-7', note: 'Checking with the review team.' },
        { 'If-Match': '"1"' },
      ),
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.headers.get('etag'), '"2"');
    const body: unknown = await changed.json();
    assert.equal(at(body, 'status'), 'in_progress');
    assert.equal(at(body, 'assignee'), 'agent-7');
    assert.equal(at(body, 'notes', 0, 'text'), 'Checking with the review team.');

    for (const stale of ['"1"', 'W/"2"', '"abc"']) {
      const response = await fetch(path, { method: 'PATCH', ...json({ status: 'resolved' }, { 'If-Match': stale }) });
      assert.equal(response.status, 412, stale);
      assert.equal(response.headers.get('etag'), '"2"');
      assert.equal(await errorCode(response), 'precondition_failed');
    }
    assert.equal((await store.get(ticket.number))?.status, 'in_progress');
  });

  it('rejects bad PATCH bodies: unknown fields, bad status, nothing to change, huge notes, not JSON', async function () {
    const path = url(`/api/tickets/${ticket.number}`);
    const cases: [RequestInit, number][] = [
      [json({ status: 'closed' }, { 'If-Match': '"1"' }), 400],
      [json({ status: 'resolved', userKey: 'x' }, { 'If-Match': '"1"' }), 400],
      [json({}, { 'If-Match': '"1"' }), 400],
      [json({ note: 'x'.repeat(4097) }, { 'If-Match': '"1"' }), 413],
      [json({ note: '证'.repeat(1400) }, { 'If-Match': '"1"' }), 413],
      [json({ note: 'x'.repeat(200_000) }, { 'If-Match': '"1"' }), 413],
      [{ headers: auth({ 'Content-Type': 'text/plain', 'If-Match': '"1"' }), body: 'status=resolved' }, 415],
    ];
    for (const [init, status] of cases) {
      const response = await fetch(path, { method: 'PATCH', ...init });
      assert.equal(response.status, status, typeof init.body === 'string' ? init.body.slice(0, 40) : '');
    }
    assert.deepEqual(await store.get(ticket.number), ticket);
  });

  it('lets one of two concurrent PATCHes with the same ETag win and answers the other 412', async function () {
    const path = url(`/api/tickets/${ticket.number}`);
    const responses = await Promise.all(
      ['resolved', 'in_progress'].map((status) =>
        fetch(path, { method: 'PATCH', ...json({ status, note: status }, { 'If-Match': '"1"' }) }),
      ),
    );
    assert.deepEqual(responses.map((response) => response.status).sort(), [200, 412]);
    const stored = await store.get(ticket.number);
    assert.equal(stored?.version, 2);
    assert.equal(stored?.notes.length, 1);
  });

  it('delivers an agent reply at once when it can (200) and marks it delivered', async function () {
    const response = await fetch(url(`/api/tickets/${ticket.number}/reply`), {
      method: 'POST',
      ...json({ text: 'Your case is in the priority queue.' }),
    });
    assert.equal(response.status, 200);
    const body: unknown = await response.json();
    assert.equal(at(body, 'reply', 'delivered'), true);
    assert.equal(at(body, 'reply', 'text'), 'Your case is in the priority queue.');
    assert.equal(typeof at(body, 'reply', 'deliveredAt'), 'string');
    assert.equal(harness.delivered[0]?.ticket.number, ticket.number);
    assert.ok(harness.delivered[0]?.ticket.conversationReference !== null, 'delivery gets the conversation reference');
    assert.deepEqual(await store.pendingReplies(userKey('user-1')), []);
    assert.equal(response.headers.get('etag'), '"3"');
  });

  it('keeps a reply waiting (202) when delivery fails or throws', async function () {
    for (const deliverReply of [async () => false, async () => Promise.reject(new Error('connector down'))]) {
      await stopServer(harness);
      harness = await startServer(store, { deliverReply });
      const response = await fetch(url(`/api/tickets/${ticket.number}/reply`), {
        method: 'POST',
        ...json({ text: 'Please wait.' }),
      });
      assert.equal(response.status, 202);
      const body: unknown = await response.json();
      assert.equal(at(body, 'reply', 'delivered'), false);
      assert.equal(at(body, 'reply', 'deliveredAt'), null);
    }
    assert.equal((await store.pendingReplies(userKey('user-1'))).length, 2);
    assert.equal(harness.unexpected.length, 1);
  });

  it('refuses replies that are too long, empty, for unknown tickets or for a forgotten user', async function () {
    const path = url(`/api/tickets/${ticket.number}/reply`);
    assert.equal((await fetch(path, { method: 'POST', ...json({ text: 'x'.repeat(2049) }) })).status, 413);
    assert.equal((await fetch(path, { method: 'POST', ...json({ text: '' }) })).status, 400);
    assert.equal((await fetch(path, { method: 'POST', ...json({ message: 'hi' }) })).status, 400);
    let unknown = generateTicketNumber();
    while (unknown === ticket.number) unknown = generateTicketNumber();
    assert.equal(
      (await fetch(url(`/api/tickets/${unknown}/reply`), { method: 'POST', ...json({ text: 'hi' }) })).status,
      404,
    );
    await store.anonymiseByUserKey(userKey('user-1'));
    const forgotten = await fetch(path, { method: 'POST', ...json({ text: 'hi' }) });
    assert.equal(forgotten.status, 409);
    assert.equal(await errorCode(forgotten), 'conflict');
    assert.equal(harness.delivered.length, 0);
  });

  it('answers 500 without details when the store fails, and reports the cause', async function () {
    await store.close();
    const response = await fetch(url(`/api/tickets/${ticket.number}`), { headers: auth() });
    assert.equal(response.status, 500);
    assert.equal(await errorCode(response), 'internal');
    assert.equal(harness.unexpected.length, 1);
    store = await openTicketStore('sqlite::memory:', { webhookOutbox: false });
  });

  describe('on PostgreSQL', function () {
    const database = usePostgresTestSchema();

    it('lets exactly one of ten concurrent PATCHes with the same ETag win', async function () {
      const shared = await openTicketStore(database().url, { webhookOutbox: false });
      const postgres = await startServer(shared);
      try {
        const created = await shared.create(newTicket());
        const responses = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            fetch(`${postgres.base}/api/tickets/${created.number}`, {
              method: 'PATCH',
              ...json({ assignee: `agent-${index}`, note: `note ${index}` }, { 'If-Match': '"1"' }),
            }),
          ),
        );
        const statuses = responses.map((response) => response.status);
        assert.equal(statuses.filter((status) => status === 200).length, 1, statuses.join());
        assert.equal(statuses.filter((status) => status === 412).length, 9, statuses.join());
        const stored = await shared.get(created.number);
        assert.equal(stored?.version, 2);
        assert.equal(stored?.notes.length, 1);
      } finally {
        await stopServer(postgres);
        await shared.close();
      }
    });
  });
});
