import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import { z } from 'zod';
import { registerReportRoutes } from '../../src/api/reportRoutes';
import { OutcomeBuffer } from '../../src/reports/outcomeBuffer';
import { dayOf } from '../../src/reports/reportMetrics';
import { openReportStore, type ReportStore } from '../../src/reports/reportStore';
import { startApp, type RunningApp } from '../support/appHarness';
import { activitiesBody, errorBody, jsonOf } from '../support/json';
import { until } from '../support/until';
import { usePostgresTestSchema } from '../storage/postgresTestSchema';

const TOKEN = 'agent-token-for-tests-0123456789';
const agent = { authorization: `Bearer ${TOKEN}` };

const rating = z.object({ count: z.number(), average: z.number().nullable() });
const containment = z.object({
  started: z.number(),
  resolved: z.number(),
  escalated: z.number(),
  abandoned: z.number(),
  open: z.number(),
  containmentRate: z.number().nullable(),
});
const reportBody = z.object({
  from: z.string(),
  to: z.string(),
  abandonAfterHours: z.number(),
  conversations: z.object({ total: z.number(), perDay: z.array(z.object({ day: z.string(), count: z.number() })) }),
  containment: z.object({ overall: containment, perCause: z.array(containment.extend({ cause: z.string() })) }),
  photoChecks: z.object({
    verdicts: z.object({ pass: z.number(), fail: z.number() }),
    checks: z.array(z.object({ check: z.string(), pass: z.number(), warn: z.number(), fail: z.number() })),
  }),
  selfieChecks: z.object({ verdicts: z.object({ pass: z.number(), fail: z.number() }) }),
  infoChecks: z.object({
    match: z.number(),
    mismatch: z.number(),
    rules: z.array(z.object({ rule: z.string(), count: z.number() })),
  }),
  satisfaction: z.object({
    overall: rating,
    perCause: z.array(rating.extend({ cause: z.string() })),
    perSource: z.array(rating.extend({ source: z.string() })),
  }),
  firstAgentReply: z.object({ tickets: z.number(), medianSeconds: z.number().nullable() }),
});
const conversationBody = z.object({ conversationId: z.string(), token: z.string() });

/**
 * The query for every day from `start` to now: records land on the day they are made and mocha
 * loads this file minutes before it runs, so a run may cross midnight UTC between the two.
 */
function daysFrom(start: number): string {
  return `from=${dayOf(start)}&to=${dayOf(Date.now())}`;
}

async function errorOf(response: Response): Promise<string> {
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return (await jsonOf(response, errorBody)).error.code;
}

describe('GET /api/reports on SQLite, fed through the bot', function () {
  let running: RunningApp;
  before(async function () {
    running = await startApp({ AGENT_API_TOKEN: TOKEN, LOCAL_WEBCHAT: 'true' });
  });
  after(async function () {
    await running.stop();
  });

  const get = (query: string, headers: Record<string, string> = agent): Promise<Response> =>
    fetch(`${running.baseUrl}/api/reports${query}`, { headers });

  it('answers bad, missing, reversed and too long ranges with 400 JSON errors, and needs an agent token', async function () {
    for (const query of [
      '',
      '?from=2026-12-01',
      '?to=2026-12-01',
      '?from=2026-02-30&to=2026-03-01',
      '?from=2026-12-1&to=2026-12-02',
      '?from=2026-12-05&to=2026-12-01',
      '?from=2025-01-01&to=2026-12-01',
      '?from=2026-12-01&to=2026-12-02&format=xml',
      '?from=2026-12-01&from=2026-12-02&to=2026-12-03',
    ]) {
      const response = await get(query);
      assert.equal(response.status, 400, query);
      assert.equal(await errorOf(response), 'bad_request', query);
    }
    const unauthenticated = await get('?from=2026-12-01&to=2026-12-02', {});
    assert.equal(unauthenticated.status, 401);
    assert.equal(await errorOf(unauthenticated), 'unauthorized');
    const wrong = await get('?from=2026-12-01&to=2026-12-02', { authorization: 'Bearer not-the-token' });
    assert.equal(wrong.status, 401);
    const longest = await get('?from=2025-12-01&to=2026-12-01');
    assert.equal(longest.status, 200, 'a year and a day is the most a report covers');
  });

  it('counts an escalation filed in Web Chat, the first agent reply and the rating after the agent resolves it', async function () {
    const start = Date.now();
    const { conversationId: id, token } = await jsonOf(
      await running.post('/v3/directline/conversations', {}),
      conversationBody,
    );
    const send = (text: string): Promise<Response> =>
      running.post(
        `/v3/directline/conversations/${id}/activities`,
        { type: 'message', text, from: { id: 'webchat-user' }, locale: 'en' },
        { authorization: `Bearer ${token}` },
      );
    const page = async (): Promise<z.infer<typeof activitiesBody>['activities']> => {
      const response = await fetch(`${running.baseUrl}/v3/directline/conversations/${id}/activities?watermark=0`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return (await jsonOf(response, activitiesBody)).activities;
    };
    const pageText = async (): Promise<string> => (await page()).map((a) => a.text ?? '').join('\n');

    await send('my passport expired');
    await until(async () => ((await pageText()).includes('another') ? true : undefined));
    await send('talk to a person');
    await until(async () => ((await pageText()).includes('reference number') ? true : undefined));
    await send('Skip');
    const number = await until(async () => /KYC-[0-9A-Z]{7}/.exec(await pageText())?.[0]);

    const replied = await running.post(`/api/tickets/${number}/reply`, { text: 'We are on it.' }, agent);
    assert.equal(replied.status, 200);
    const ticket = await fetch(`${running.baseUrl}/api/tickets/${number}`, { headers: agent });
    const etag = ticket.headers.get('etag') ?? '';
    const resolved = await fetch(`${running.baseUrl}/api/tickets/${number}`, {
      method: 'PATCH',
      headers: { ...agent, 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify({ status: 'resolved' }),
    });
    assert.equal(resolved.status, 200);
    const notice = await until(async () => {
      const activities = await page();
      return activities.find((a) => a.text?.includes(`${number} as resolved`) && (a.attachments?.length ?? 0) > 0);
    });
    assert.match(notice.text ?? '', /Tap 1/);
    await send('5');
    await until(async () => ((await pageText()).includes('Thanks for rating') ? true : undefined));

    const report = await until(async () => {
      const response = await get(`?${daysFrom(start)}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const body = await jsonOf(response, reportBody);
      return body.satisfaction.overall.count > 0 ? body : undefined;
    });
    assert.equal(report.conversations.total, 1);
    const busyDays = report.conversations.perDay.filter((d) => d.count > 0);
    assert.deepEqual(busyDays, [{ day: busyDays[0]?.day, count: 1 }]);
    const expired = report.containment.perCause.find((c) => c.cause === 'document_expired');
    assert.deepEqual(expired, {
      cause: 'document_expired',
      started: 1,
      resolved: 0,
      escalated: 1,
      abandoned: 0,
      open: 0,
      containmentRate: 0,
    });
    assert.deepEqual(report.satisfaction.perSource, [{ source: 'ticket', count: 1, average: 5 }]);
    assert.deepEqual(report.satisfaction.perCause, [{ cause: 'document_expired', count: 1, average: 5 }]);
    assert.equal(report.firstAgentReply.tickets, 1);
    assert.ok(report.firstAgentReply.medianSeconds !== null && report.firstAgentReply.medianSeconds < 60);

    const csv = await get(`?${daysFrom(start)}&format=csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(csv.headers.get('cache-control'), 'no-store');
    const lines = (await csv.text()).trim().split('\r\n');
    assert.equal(lines[0], 'section,key,measure,value');
    assert.ok(lines.includes(`conversations,${busyDays[0]?.day},count,1`), lines.join('\n'));
    assert.ok(lines.includes('containment,document_expired,escalated,1'));
    assert.ok(lines.includes('satisfaction,document_expired,average,5'));
  });
});

describe('GET /api/reports off without agent tokens', function () {
  it('is 404 like the ticket API', async function () {
    const running = await startApp({});
    try {
      const response = await fetch(`${running.baseUrl}/api/reports?from=2026-12-01&to=2026-12-02`, { headers: agent });
      assert.equal(response.status, 404);
    } finally {
      await running.stop();
    }
  });
});

describe('reports on PostgreSQL: two processes add to the same counters', function () {
  const schema = usePostgresTestSchema();
  let stores: ReportStore[] = [];
  let server: Server | undefined;

  afterEach(async function () {
    if (server) {
      server.server.closeAllConnections();
      const closing = server;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
      });
    }
    for (const store of stores) await store.close();
    stores = [];
  });

  it('reports the sum of what both wrote, as JSON and CSV', async function () {
    stores = [await openReportStore(schema().url), await openReportStore(schema().url)];
    const errors: unknown[] = [];
    const buffers = stores.map((store) => new OutcomeBuffer({ store, onError: (error) => errors.push(error) }));
    const now = Date.now();
    for (const [index, buffer] of buffers.entries()) {
      buffer.record({ kind: 'conversation' });
      buffer.record({ kind: 'walkthroughStarted', cause: 'photo_unclear' });
      buffer.record({ kind: 'walkthroughEnded', cause: 'photo_unclear', outcome: 'resolved', startedAt: now });
      buffer.record({
        kind: 'satisfaction',
        source: 'walkthrough',
        cause: 'photo_unclear',
        score: index === 0 ? 4 : 2,
      });
      buffer.record({
        kind: 'photoChecked',
        verdict: 'fail',
        checks: [
          { id: 'blur', status: 'fail' },
          { id: 'glare', status: 'pass' },
        ],
      });
      buffer.record({ kind: 'infoChecked', match: false, rules: ['name_order'] });
      buffer.record({
        kind: 'firstAgentReply',
        ticketCreatedAt: new Date(now - (index + 1) * 60_000).toISOString(),
        repliedAt: new Date(now).toISOString(),
      });
    }
    await Promise.all(buffers.map((buffer) => buffer.close()));
    assert.equal(errors.length, 0, String(errors[0]));

    const restifyServer = restify.createServer({ handleUncaughtExceptions: false });
    server = restifyServer;
    const [first] = stores;
    assert.ok(first);
    registerReportRoutes(restifyServer, { store: first, token: TOKEN, onUnexpected: (error) => errors.push(error) });
    await new Promise<void>((resolve) => {
      restifyServer.listen(0, '127.0.0.1', () => resolve());
    });
    const address: AddressInfo | string | null = restifyServer.address();
    assert.ok(address !== null && typeof address === 'object');
    // A first reply counts on the day its ticket was made: two minutes before `now` for the second.
    const base = `http://127.0.0.1:${address.port}/api/reports?${daysFrom(now - 120_000)}`;

    const report = await jsonOf(await fetch(base, { headers: agent }), reportBody);
    assert.equal(report.conversations.total, 2);
    const photo = report.containment.perCause.find((c) => c.cause === 'photo_unclear');
    assert.equal(photo?.started, 2);
    assert.equal(photo.resolved, 2);
    assert.equal(photo.containmentRate, 1);
    assert.deepEqual(report.satisfaction.overall, { count: 2, average: 3 });
    assert.deepEqual(report.photoChecks.verdicts, { pass: 0, fail: 2 });
    assert.deepEqual(
      report.photoChecks.checks.map((c) => [c.check, c.pass, c.fail]),
      [
        ['blur', 0, 2],
        ['glare', 2, 0],
      ],
    );
    assert.deepEqual(report.infoChecks.rules, [{ rule: 'name_order', count: 2 }]);
    assert.deepEqual(report.firstAgentReply, { tickets: 2, medianSeconds: 90 });

    const csv = await (await fetch(`${base}&format=csv`, { headers: agent })).text();
    assert.ok(csv.split('\r\n').includes('first_agent_reply,all,medianSeconds,90'), csv);
    const unauthenticated = await fetch(base);
    assert.equal(unauthenticated.status, 401);
    assert.deepEqual(errors, []);
  });
});

describe('walk-throughs neither resolved nor escalated within 24 hours', function () {
  let store: ReportStore;
  let server: Server;
  let base = '';
  const errors: unknown[] = [];

  before(async function () {
    store = await openReportStore('sqlite::memory:');
    server = restify.createServer({ handleUncaughtExceptions: false });
    registerReportRoutes(server, { store, token: TOKEN, onUnexpected: (error) => errors.push(error) });
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address: AddressInfo | string | null = server.address();
    assert.ok(address !== null && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}/api/reports`;
  });
  after(async function () {
    server.server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    await store.close();
  });

  it('are abandoned once the day is past the window, open before, and a late outcome is not counted', async function () {
    const realNow = Date.now();
    let clock = realNow - 3 * 86_400_000;
    const threeDaysAgo = clock;
    const buffer = new OutcomeBuffer({ store, now: () => clock, onError: (error) => errors.push(error) });
    for (let i = 0; i < 3; i += 1) buffer.record({ kind: 'walkthroughStarted', cause: 'photo_unclear' });
    buffer.record({ kind: 'walkthroughEnded', cause: 'photo_unclear', outcome: 'resolved', startedAt: clock });
    clock += 25 * 3_600_000;
    buffer.record({ kind: 'walkthroughEnded', cause: 'photo_unclear', outcome: 'escalated', startedAt: threeDaysAgo });
    clock = realNow;
    buffer.record({ kind: 'walkthroughStarted', cause: 'photo_unclear' });
    await buffer.close();

    const response = await fetch(`${base}?from=${dayOf(threeDaysAgo)}&to=${dayOf(realNow)}`, { headers: agent });
    const report = await jsonOf(response, reportBody);
    assert.equal(report.abandonAfterHours, 24);
    assert.deepEqual(report.containment.perCause, [
      {
        cause: 'photo_unclear',
        started: 4,
        resolved: 1,
        escalated: 0,
        abandoned: 2,
        open: 1,
        containmentRate: 1 / 3,
      },
    ]);
    assert.equal(report.conversations.perDay.length, 4, 'every day of the range, zeros included');
    assert.equal(errors.length, 0);
  });

  it('keeps counts whose write failed and adds them with the next flush', async function () {
    const start = Date.now();
    let failures = 1;
    const flaky = {
      add: async (rows: Parameters<ReportStore['add']>[0]): Promise<void> => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('database unavailable');
        }
        await store.add(rows);
      },
    };
    const failed: unknown[] = [];
    const buffer = new OutcomeBuffer({ store: flaky, onError: (error) => failed.push(error) });
    buffer.record({ kind: 'infoChecked', match: false, rules: ['date_leading_zero'] });
    await buffer.flush();
    assert.equal(failed.length, 1);
    buffer.record({ kind: 'infoChecked', match: false, rules: ['date_leading_zero'] });
    await buffer.close();
    const report = await jsonOf(await fetch(`${base}?${daysFrom(start)}`, { headers: agent }), reportBody);
    assert.deepEqual(report.infoChecks.rules, [{ rule: 'date_leading_zero', count: 2 }]);
    assert.equal(report.infoChecks.mismatch, 2);
  });
});
