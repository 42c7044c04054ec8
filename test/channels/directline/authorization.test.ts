import assert from 'node:assert/strict';
import { DirectLineClient, fromBot } from './directLineClient';
import { startDirectLineServer, type DirectLineTestServer } from './directLineTestServer';

async function errorCode(res: Response): Promise<string> {
  const body: unknown = await res.json();
  if (typeof body !== 'object' || body === null || !('error' in body)) return 'no error body';
  const { error } = body;
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'no code';
}

describe('local Direct Line: tokens and isolation', () => {
  let server: DirectLineTestServer;
  let alice: DirectLineClient;
  let bob: DirectLineClient;
  let clock: number;

  beforeEach(async () => {
    clock = Date.parse('2026-11-28T08:00:00Z');
    server = await startDirectLineServer({ now: () => clock });
    alice = new DirectLineClient(server.baseUrl);
    bob = new DirectLineClient(server.baseUrl);
    await alice.start();
    await bob.start();
  });
  afterEach(() => server.close());

  it('answers 404 for an unknown conversation', async () => {
    const res = await alice.request('/v3/directline/conversations/no-such-conversation/activities?watermark=0');
    assert.equal(res.status, 404);
    assert.equal(await errorCode(res), 'not_found');
    const post = await alice.request('/v3/directline/conversations/no-such-conversation/activities', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"type":"message","text":"x"}',
    });
    assert.equal(post.status, 404);
  });

  it('answers 401 without a token or with one it never issued', async () => {
    const none = await alice.request(alice.activitiesPath('0'), {}, '');
    assert.equal(none.status, 401);
    assert.equal(await errorCode(none), 'unauthorized');
    const forged = await alice.request(alice.activitiesPath('0'), {}, 'A'.repeat(43));
    assert.equal(forged.status, 401);
    const refresh = await alice.request('/v3/directline/tokens/refresh', { method: 'POST' }, 'B'.repeat(43));
    assert.equal(refresh.status, 401);
  });

  it("answers 403 when one conversation's token is used to read or post to another", async () => {
    await bob.waitFor(fromBot);
    const read = await alice.request(bob.activitiesPath('0'));
    assert.equal(read.status, 403);
    assert.equal(await errorCode(read), 'forbidden');
    const post = await alice.request(`/v3/directline/conversations/${bob.conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"type":"message","text":"impersonation"}',
    });
    assert.equal(post.status, 403);
    const reconnect = await alice.request(`/v3/directline/conversations/${bob.conversationId}`);
    assert.equal(reconnect.status, 403);
    const bobsView = (await bob.poll()).map((a) => a.text);
    assert.ok(!bobsView.includes('impersonation'));
  });

  it('answers 403 token_expired after 30 minutes, while a refreshed token keeps working', async () => {
    clock += 20 * 60_000;
    const refreshed = await alice.request('/v3/directline/tokens/refresh', { method: 'POST' });
    assert.equal(refreshed.status, 200);
    const body: unknown = await refreshed.json();
    assert.ok(typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string');
    const oldToken = alice.token;
    clock += 15 * 60_000;
    const expired = await alice.request(alice.activitiesPath('0'), {}, oldToken);
    assert.equal(expired.status, 403);
    assert.equal(await errorCode(expired), 'token_expired');
    const refreshExpired = await alice.request('/v3/directline/tokens/refresh', { method: 'POST' }, oldToken);
    assert.equal(refreshExpired.status, 403);
    alice.token = body.token;
    assert.equal((await alice.request(alice.activitiesPath('0'))).status, 200);
  });

  it('ends a conversation idle for an hour: 404 for it, its tokens and its history', async () => {
    clock += 25 * 60_000;
    const refreshed = await bob.request('/v3/directline/tokens/refresh', { method: 'POST' });
    const body: unknown = await refreshed.json();
    assert.ok(typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string');
    bob.token = body.token;
    clock += 25 * 60_000;
    assert.equal((await bob.request(bob.activitiesPath('0'))).status, 200, 'polls keep bob alive');
    clock += 11 * 60_000;
    assert.equal((await alice.request(alice.activitiesPath('0'))).status, 404);
    assert.equal((await alice.request('/v3/directline/tokens/refresh', { method: 'POST' })).status, 401);
  });

  it('rejects a watermark that is not a number', async () => {
    const res = await alice.request(alice.activitiesPath('abc'));
    assert.equal(res.status, 400);
  });
});

describe('local Direct Line: bounds', () => {
  it('at maxConversations evicts only a conversation idle past evictIdleMs, the least recently active first', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const server = await startDirectLineServer({
      limits: { maxConversations: 2, evictIdleMs: 60_000 },
      now: () => now,
    });
    try {
      const first = new DirectLineClient(server.baseUrl);
      const second = new DirectLineClient(server.baseUrl);
      const third = new DirectLineClient(server.baseUrl);
      await first.start();
      await second.start();
      now += 61_000;
      await first.poll();
      await third.start();
      assert.equal((await first.request(first.activitiesPath('0'))).status, 200);
      assert.equal((await second.request(second.activitiesPath('0'))).status, 404);
      assert.equal((await third.request(third.activitiesPath('0'))).status, 200);
    } finally {
      await server.close();
    }
  });

  it('keeps the newest activities within the history bounds while the watermark keeps counting', async () => {
    const server = await startDirectLineServer({ limits: { maxHistoryActivities: 4 } });
    try {
      const client = new DirectLineClient(server.baseUrl);
      await client.start();
      for (const text of ['a', 'b', 'c']) {
        await client.send({ type: 'message', text });
        await client.waitFor((a) => a.text === `echo: ${text}`);
      }
      client.watermark = '0';
      const kept = await client.poll();
      assert.deepEqual(
        kept.map((a) => a.text),
        ['b', 'echo: b', 'c', 'echo: c'],
      );
      assert.equal(client.watermark, '7');
    } finally {
      await server.close();
    }
  });

  it('rejects a JSON body over the cap with 413', async () => {
    const server = await startDirectLineServer({ limits: { maxJsonBodyBytes: 1024 } });
    try {
      const client = new DirectLineClient(server.baseUrl);
      await client.start();
      const res = await client.send({ type: 'message', text: 'x'.repeat(2000) });
      assert.equal(res.status, 413);
    } finally {
      await server.close();
    }
  });
});
