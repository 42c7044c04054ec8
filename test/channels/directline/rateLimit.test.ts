import assert from 'node:assert/strict';
import autocannon from 'autocannon';
import { RateLimiter } from '../../../src/http/rateLimiter';
import { DirectLineClient } from './directLineClient';
import { startDirectLineServer } from './directLineTestServer';

describe('local Direct Line: rate limit', () => {
  it('answers 429 to a client polling 10,000 times a minute while another client keeps working', async function () {
    this.timeout(60_000);
    // A frozen clock makes the count exact: the flood happens "within the same instant", so only the burst passes.
    const server = await startDirectLineServer({ now: () => Date.parse('2026-11-28T08:00:00Z') });
    try {
      const flooder = new DirectLineClient(server.baseUrl);
      const neighbour = new DirectLineClient(server.baseUrl);
      await flooder.start();
      await neighbour.start();
      const result = await autocannon({
        url: `${server.baseUrl}${flooder.activitiesPath('0')}`,
        headers: { authorization: `Bearer ${flooder.token}` },
        amount: 10_000,
        connections: 10,
      });
      const ok = result.statusCodeStats?.['200']?.count ?? 0;
      const limited = result.statusCodeStats?.['429']?.count ?? 0;
      assert.equal(ok + limited, 10_000);
      assert.equal(ok, 120, 'the burst of 120 passes');
      assert.equal(limited, 10_000 - 120);

      const limitedRes = await flooder.request(flooder.activitiesPath('0'));
      assert.equal(limitedRes.status, 429);
      assert.match(limitedRes.headers.get('retry-after') ?? '', /^\d+$/);
      assert.deepEqual(Object.keys((await limitedRes.json()) ?? {}), ['error']);

      assert.equal((await neighbour.request(neighbour.activitiesPath('0'))).status, 200);
      assert.equal((await neighbour.send({ type: 'message', text: 'still fine' })).status, 200);
      await neighbour.waitFor((a) => a.text === 'echo: still fine');
    } finally {
      await server.close();
    }
  });

  it('counts requests without a valid token against the address, so random tokens cannot dodge the limit', async () => {
    const server = await startDirectLineServer({ limits: { rateBurst: 5, ratePerSecond: 0.001 } });
    try {
      const client = new DirectLineClient(server.baseUrl);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const res = await client.request(
          '/v3/directline/conversations/x/activities',
          {},
          `forged${String(i).padStart(20, '0')}`,
        );
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429]);
    } finally {
      await server.close();
    }
  });
});

describe('RateLimiter', () => {
  it("never limits Web Chat's one poll a second plus a message every few seconds", () => {
    let clock = 0;
    const limiter = new RateLimiter(120, 5, () => clock);
    for (let second = 0; second < 600; second += 1) {
      clock = second * 1000;
      assert.equal(limiter.take('web chat').allowed, true);
      if (second % 3 === 0) assert.equal(limiter.take('web chat').allowed, true);
    }
  });

  it('allows a burst, then refills at its rate and says when to retry', () => {
    let clock = 0;
    const limiter = new RateLimiter(3, 1, () => clock);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.take('a').allowed),
      [true, true, true, false],
    );
    assert.deepEqual(limiter.take('a'), { allowed: false, retryAfterSeconds: 1 });
    assert.equal(limiter.take('b').allowed, true, 'other clients have their own bucket');
    clock = 1000;
    assert.equal(limiter.take('a').allowed, true);
    assert.equal(limiter.take('a').allowed, false);
  });

  it('forgets the least recently seen client past its capacity', () => {
    const limiter = new RateLimiter(1, 0.001, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    assert.equal(limiter.take('a').allowed, true, 'a was forgotten and starts with a full bucket');
    assert.equal(limiter.take('c').allowed, false);
  });
});
