import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { z } from 'zod';
import { TicketChangeFeed } from '../../src/api/ticketChangeFeed';
import { registerTicketRoutes } from '../../src/api/ticketRoutes';
import { openTicketStore } from '../../src/tickets/ticketStore';
import { startApp, tempDbDir, type RunningApp } from '../support/appHarness';

const ALICE = 'alice-token-0123456789abcdef';
const BOB = 'bob-token-0123456789abcdefgh';
const API_TOKEN = 'shared-api-token-0123456789';
const TICKET_NUMBER = /KYC-[0-9A-Z]{7}/;

const queueEvent = z.strictObject({
  number: z.string(),
  status: z.string(),
  priority: z.string(),
  cause: z.object({ id: z.string().nullable(), labelKey: z.string().nullable() }),
  assignee: z.string().nullable(),
  replies: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
const activityList = z.object({
  version: z.number(),
  activity: z.array(z.object({ agent: z.string(), action: z.string(), value: z.string().nullable() })),
  notes: z.array(z.object({ id: z.string() })),
});
const ticketList = z.object({
  tickets: z.array(z.object({ number: z.string(), cause: z.object({ id: z.string().nullable() }) })),
});

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

/** The console's event stream, read as the browser does (fetch with the token in a header). */
class EventReader {
  readonly events: { type: string; data: string }[] = [];
  private buffer = '';
  private constructor(
    readonly response: Response,
    /** Closes the stream, as signing out does. */
    readonly abort: () => void,
  ) {}

  static async open(base: string, token: string): Promise<EventReader> {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/agent/events`, { headers: bearer(token), signal: controller.signal });
    const reader = new EventReader(response, () => controller.abort());
    if (response.ok) reader.pump();
    return reader;
  }

  private pump(): void {
    const body = this.response.body;
    if (body === null) return;
    const stream = body.getReader();
    const decoder = new TextDecoder();
    const read = async (): Promise<void> => {
      for (;;) {
        const chunk = await stream.read();
        const value: unknown = chunk.value;
        if (chunk.done || !(value instanceof Uint8Array)) return;
        this.buffer += decoder.decode(value, { stream: true });
        let end = this.buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1] ?? 'comment';
          const data = /^data: (.+)$/m.exec(block)?.[1] ?? '';
          this.events.push({ type, data });
          end = this.buffer.indexOf('\n\n');
        }
      }
    };
    read().catch(() => undefined);
  }

  async waitFor<T>(find: (events: { type: string; data: string }[]) => T | undefined, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find(this.events);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no such event in ${JSON.stringify(this.events)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('agent console and named agents (real server)', function () {
  this.timeout(60_000);
  let app: RunningApp;

  before(async () => {
    app = await startApp({ AGENT_TOKENS: `alice:${ALICE},bob:${BOB}`, AGENT_API_TOKEN: API_TOKEN });
  });

  after(async () => {
    await app?.stop();
  });

  async function fileTicket(conversation: string, reference: string): Promise<string> {
    const deliver = app.deliverIn(conversation, `user-${conversation}`);
    await deliver({ type: 'message', text: 'talk to a person', locale: 'en' });
    const replies = await deliver({ type: 'message', text: reference, locale: 'en' });
    const number = TICKET_NUMBER.exec(replies.map((reply) => reply.text ?? '').join('\n'))?.[0];
    assert.ok(number, 'the bot filed a ticket');
    return number;
  }

  it('serves the console and reports pages with a strict CSP, their shared parts and scripts from this server, and texts in en and zh-CN', async () => {
    for (const pagePath of ['/agent', '/agent/reports']) {
      const page = await fetch(`${app.baseUrl}${pagePath}`);
      assert.equal(page.status, 200, pagePath);
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const html = await page.text();
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, 'no inline script');
      assert.doesNotMatch(html, /https?:\/\//, 'nothing from another origin');
      assert.doesNotMatch(html, /<!--#include/, `${pagePath}: every shared part is put in`);
      assert.equal(html.match(/<form id="sign-in-form"/g)?.length, 1, `${pagePath}: the sign-in form, once`);
      assert.equal(html.match(/id="sign-out"/g)?.length, 1, `${pagePath}: the sign-out button, once`);
    }
    for (const asset of ['console.js', 'reports.js', 'consoleCommon.js', 'chart.js', 'console.css', 'i18next.js']) {
      const res = await fetch(`${app.baseUrl}/agent/assets/${asset}`);
      assert.equal(res.status, 200, asset);
      assert.ok((await res.text()).length > 100, asset);
    }
    assert.equal((await fetch(`${app.baseUrl}/agent/assets/..%2Fconsole.html`)).status, 404);
    for (const notAnAsset of ['console.html', 'reports.html', 'signIn.html', 'accountBar.html']) {
      assert.equal((await fetch(`${app.baseUrl}/agent/assets/${notAnAsset}`)).status, 404, notAnAsset);
    }
    const zh = z.object({ title: z.string(), cause: z.record(z.string(), z.string()) });
    const texts = zh.parse(await (await fetch(`${app.baseUrl}/agent/texts/zh-CN`)).json());
    assert.equal(texts.title, 'KYC 客服控制台');
    assert.ok(texts.cause.photo_unclear, 'cause labels come with the texts');
    assert.equal((await fetch(`${app.baseUrl}/agent/texts/fr`)).status, 404);
  });

  it('signs in a named agent, refuses unknown tokens (401) and the shared API token on the console (403)', async () => {
    const me = await fetch(`${app.baseUrl}/api/agent/me`, { headers: bearer(BOB) });
    assert.equal(me.status, 200);
    assert.deepEqual(await me.json(), { name: 'bob' });
    assert.equal((await fetch(`${app.baseUrl}/api/agent/me`)).status, 401);
    assert.equal((await fetch(`${app.baseUrl}/api/agent/me`, { headers: bearer(`${ALICE}x`) })).status, 401);
    const shared = await fetch(`${app.baseUrl}/api/agent/me`, { headers: bearer(API_TOKEN) });
    assert.equal(shared.status, 403);
    assert.equal(
      z.object({ error: z.object({ code: z.string() }) }).parse(await shared.json()).error.code,
      'forbidden',
    );
    assert.equal((await EventReader.open(app.baseUrl, API_TOKEN)).response.status, 403);
    assert.equal((await fetch(`${app.baseUrl}/api/tickets`, { headers: bearer(API_TOKEN) })).status, 200);
    assert.equal((await fetch(`${app.baseUrl}/api/tickets`, { headers: bearer(BOB) })).status, 200);
  });

  it('streams a ticket the bot files to a connected console, then its status change', async () => {
    const stream = await EventReader.open(app.baseUrl, ALICE);
    try {
      assert.equal(stream.response.status, 200);
      assert.match(stream.response.headers.get('content-type') ?? '', /^text\/event-stream/);
      const number = await fileTicket('streamed', 'APP-STREAM-1');
      const created = await stream.waitFor((events) =>
        events
          .filter((event) => event.type === 'ticket')
          .map((event) => queueEvent.parse(JSON.parse(event.data)))
          .find((item) => item.number === number),
      );
      assert.equal(created.status, 'open');
      assert.equal(created.cause.id, null);
      assert.ok(!JSON.stringify(stream.events).includes('APP-STREAM-1'), 'the queue event carries no reference');

      const patch = await fetch(`${app.baseUrl}/api/tickets/${number}`, {
        method: 'PATCH',
        headers: { ...bearer(ALICE), 'Content-Type': 'application/json', 'If-Match': `"${created.version}"` },
        body: JSON.stringify({ status: 'in_progress' }),
      });
      assert.equal(patch.status, 200);
      await stream.waitFor((events) =>
        events
          .filter((event) => event.type === 'ticket')
          .map((event) => queueEvent.parse(JSON.parse(event.data)))
          .find((item) => item.number === number && item.status === 'in_progress'),
      );
    } finally {
      stream.abort();
    }
  });

  it('records which agent changed the status, wrote the note and replied; the API token acts as "api"', async () => {
    const number = await fileTicket('actors', 'APP-ACTOR-1');
    const url = `${app.baseUrl}/api/tickets/${number}`;
    const first = await fetch(url, {
      method: 'PATCH',
      headers: { ...bearer(ALICE), 'Content-Type': 'application/json', 'If-Match': '"1"' },
      body: JSON.stringify({ status: 'in_progress', note: 'Asked for a new photo' }),
    });
    assert.equal(first.status, 200);
    const reply = await fetch(`${url}/reply`, {
      method: 'POST',
      headers: { ...bearer(BOB), 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Please upload the photo again.' }),
    });
    assert.ok(reply.status === 200 || reply.status === 202);
    const current = activityList.parse(await (await fetch(url, { headers: bearer(BOB) })).json());
    const stale = await fetch(url, {
      method: 'PATCH',
      headers: { ...bearer(ALICE), 'Content-Type': 'application/json', 'If-Match': '"1"' },
      body: JSON.stringify({ status: 'resolved' }),
    });
    assert.equal(stale.status, 412, 'the ETag rules stay');
    await fetch(url, {
      method: 'PATCH',
      headers: { ...bearer(API_TOKEN), 'Content-Type': 'application/json', 'If-Match': `"${current.version}"` },
      body: JSON.stringify({ status: 'resolved' }),
    });
    const ticket = activityList.parse(await (await fetch(url, { headers: bearer(ALICE) })).json());
    assert.deepEqual(
      ticket.activity.map((entry) => [entry.agent, entry.action]),
      [
        ['alice', 'status'],
        ['alice', 'note'],
        ['bob', 'reply'],
        ['api', 'status'],
      ],
    );
    assert.equal(ticket.activity[1]?.value, ticket.notes[0]?.id);
  });

  it('filters the queue by cause, priority and age, and refuses filters it does not know', async () => {
    const number = await fileTicket('filtered', 'APP-FILTER-1');
    const list = async (query: string) =>
      ticketList
        .parse(await (await fetch(`${app.baseUrl}/api/tickets?${query}`, { headers: bearer(ALICE) })).json())
        .tickets.map((ticket) => ticket.number);
    assert.ok((await list('cause=none')).includes(number));
    assert.ok(!(await list('cause=photo_unclear')).includes(number));
    assert.ok(!(await list('priority=high')).includes(number));
    assert.ok((await list('priority=normal&status=open')).includes(number));
    assert.ok(!(await list('olderThanHours=1')).includes(number), 'a ticket of a minute ago is not older than an hour');
    for (const query of ['cause=Photo%20unclear', 'priority=urgent', 'olderThanHours=0', 'olderThanHours=1.5']) {
      assert.equal((await fetch(`${app.baseUrl}/api/tickets?${query}`, { headers: bearer(ALICE) })).status, 400, query);
    }
  });
});

describe('agent console without agent tokens', function () {
  it('keeps the agent routes off (404) while the page still loads', async function () {
    this.timeout(30_000);
    const app = await startApp();
    try {
      assert.equal((await fetch(`${app.baseUrl}/agent`)).status, 200);
      assert.equal((await fetch(`${app.baseUrl}/api/agent/me`, { headers: bearer(ALICE) })).status, 404);
      assert.equal((await fetch(`${app.baseUrl}/api/agent/events`, { headers: bearer(ALICE) })).status, 404);
    } finally {
      await app.stop();
    }
  });
});

describe('the console event stream limits', function () {
  it('heartbeats, refuses a stream beyond the limit with 503 + Retry-After, and frees the slot on sign-out', async function () {
    this.timeout(30_000);
    const store = await openTicketStore(`sqlite:${tempDbDir()}/tickets.db`, { webhookOutbox: false });
    const feed = new TicketChangeFeed({
      store,
      pollMs: 100,
      heartbeatMs: 50,
      maxConnections: 1,
      onError: (error) => assert.fail(String(error)),
    });
    const server = restify.createServer({ handleUncaughtExceptions: false });
    registerTicketRoutes(server, {
      store,
      token: undefined,
      agents: [{ name: 'alice', token: ALICE }],
      feed,
      deliverReply: async () => false,
      onUnexpected: (error) => assert.fail(String(error)),
    });
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address: AddressInfo | string | null = server.address();
    assert.ok(address !== null && typeof address === 'object');
    const base = `http://127.0.0.1:${address.port}`;
    try {
      const first = await EventReader.open(base, ALICE);
      await first.waitFor((events) =>
        events.filter((event) => event.type === 'comment').length >= 3 ? true : undefined,
      );
      const second = await EventReader.open(base, ALICE);
      assert.equal(second.response.status, 503);
      assert.equal(second.response.headers.get('retry-after'), '30');
      first.abort();
      const deadline = Date.now() + 5_000;
      while (feed.connections > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(feed.connections, 0, 'signing out closes the stream on the server');
      const third = await EventReader.open(base, ALICE);
      assert.equal(third.response.status, 200);
      third.abort();
    } finally {
      feed.close();
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await store.close();
    }
  });
});
