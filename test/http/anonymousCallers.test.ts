import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { userKeyOf } from '../../src/tickets/userKey';
import { startApp, type RunningApp } from '../support/appHarness';
import { activitiesBody, errorBody, jsonOf } from '../support/json';
import { acceptActivities, sleep, startLoopbackTarget, type LoopbackTarget } from '../support/loopbackTarget';

const AGENT_TOKEN = 'agent-token-for-tests-0123456789';
const USER_KEY_SECRET = 'user-key-secret-for-tests-0123';
const conversationBody = z.object({ conversationId: z.string(), token: z.string() });

const activity = (extra: Record<string, unknown>) => ({
  type: 'message',
  channelId: 'test',
  conversation: { id: `c-${Math.random().toString(36).slice(2)}` },
  from: { id: 'caller' },
  recipient: { id: 'bot' },
  locale: 'en',
  text: 'hello',
  ...extra,
});

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return (await jsonOf(res, errorBody)).error;
}

describe('anonymous callers of /api/messages (no Bot Framework credentials)', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let target: LoopbackTarget;
  before(async () => {
    running = await startApp({ AGENT_API_TOKEN: AGENT_TOKEN, TICKET_USER_KEY_SECRET: USER_KEY_SECRET });
    target = await startLoopbackTarget({ answer: acceptActivities });
  });
  after(async () => {
    await running.stop();
    await target.close();
  });

  describe('serviceUrl is never a place an anonymous caller can make the bot post to', () => {
    const forms = (port: number): string[] => [
      `http://127.0.0.1:${port}/any/path?x=`,
      `http://2130706433:${port}/`,
      `http://0x7f000001:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/',
      'http://192.168.1.1/',
      'https://example.com/',
    ];

    it('refuses every serviceUrl without expectReplies with 403, and nothing is posted', async () => {
      for (const serviceUrl of forms(target.port)) {
        for (const channelId of ['test', 'emulator', 'msteams', 'webchat']) {
          const res = await running.post(
            '/api/messages',
            activity({ serviceUrl, channelId }),
            // An emulator claim from behind a proxy is a remote caller's claim.
            channelId === 'emulator' ? { 'x-forwarded-for': '203.0.113.9' } : {},
          );
          assert.equal(res.status, 403, `${channelId} ${serviceUrl}`);
          assert.equal((await errorOf(res)).code, 'forbidden');
        }
      }
      await sleep(300);
      assert.deepEqual(target.hits, []);
    });

    it('answers an anonymous caller inline with expectReplies, still posting nowhere', async () => {
      target.hits.length = 0;
      const res = await running.post(
        '/api/messages',
        activity({ serviceUrl: `${target.url}/x`, deliveryMode: 'expectReplies', text: 'Document has expired' }),
      );
      assert.equal(res.status, 200);
      assert.ok((await jsonOf(res, activitiesBody)).activities.length > 0);
      await sleep(200);
      assert.deepEqual(target.hits, []);
    });

    it('lets the Emulator on this machine use its own loopback serviceUrl', async () => {
      const emulator = await startLoopbackTarget({ answer: acceptActivities });
      try {
        const res = await running.post(
          '/api/messages',
          activity({ channelId: 'emulator', serviceUrl: `http://localhost:${emulator.port}`, text: 'menu' }),
        );
        assert.equal(res.status, 200);
        assert.ok(
          emulator.hits.some((hit) => hit.startsWith('/v3/conversations/')),
          emulator.hits.join(', '),
        );
      } finally {
        await emulator.close();
      }
    });
  });

  describe('the Emulator attachment exception', () => {
    let files: LoopbackTarget;
    // Only whether the bot fetches matters here, not what the bytes are.
    const photo = Buffer.from('not really a jpeg');
    before(async () => {
      files = await startLoopbackTarget({
        answer: (_req, res) => {
          res.writeHead(200, { 'content-type': 'image/jpeg' });
          res.end(photo);
        },
      });
    });
    after(async () => files.close());

    const withPhoto = (url: string) =>
      activity({
        channelId: 'emulator',
        deliveryMode: 'expectReplies',
        text: '',
        attachments: [{ contentType: 'image/jpeg', contentUrl: url, name: 'id.jpg' }],
      });

    it('does not fetch a loopback attachment for a caller that is not on this machine', async () => {
      const res = await running.post('/api/messages', withPhoto(`${files.url}/internal/secret.jpg`), {
        'x-forwarded-for': '203.0.113.9',
      });
      assert.equal(res.status, 200);
      assert.deepEqual(files.hits, []);
    });

    it('still fetches it for the Emulator on this machine, posting its replies to the Emulator', async () => {
      files.hits.length = 0;
      target.hits.length = 0;
      const res = await running.post('/api/messages', {
        ...withPhoto(`${files.url}/emulator/upload.jpg`),
        deliveryMode: undefined,
        serviceUrl: target.url,
      });
      assert.equal(res.status, 200);
      assert.deepEqual(files.hits, ['/emulator/upload.jpg']);
      assert.ok(target.hits.length > 0);
    });
  });

  describe('claimed identities', () => {
    it("refuses the local Direct Line's channel id, so nobody reads a Web Chat user's ticket replies", async () => {
      const started = await jsonOf(
        await running.post('/v3/directline/conversations', { user: { id: 'victim-user' } }),
        conversationBody,
      );
      const send = (text: string) =>
        running.post(
          `/v3/directline/conversations/${started.conversationId}/activities`,
          { type: 'message', text, locale: 'en' },
          { authorization: `Bearer ${started.token}` },
        );
      await send('talk to a person');
      await sleep(1500);
      await send('Skip');
      let number: string | undefined;
      for (let i = 0; i < 100 && !number; i++) {
        await sleep(100);
        const res = await fetch(
          `${running.baseUrl}/v3/directline/conversations/${started.conversationId}/activities?watermark=0`,
          { headers: { authorization: `Bearer ${started.token}` } },
        );
        const texts = (await jsonOf(res, activitiesBody)).activities.map((a) => a.text ?? '');
        number = /KYC-[0-9A-Z]{7}/.exec(texts.join('\n'))?.[0];
      }
      assert.ok(number, 'the Web Chat user got a ticket');
      const reply = await running.post(
        `/api/tickets/${number}/reply`,
        { text: 'Private answer for the victim only.' },
        { authorization: `Bearer ${AGENT_TOKEN}` },
      );
      assert.ok(reply.status === 200 || reply.status === 202);

      for (const text of ['my ticket', 'forget me']) {
        const res = await running.post(
          '/api/messages',
          activity({ channelId: 'directline', from: { id: 'victim-user' }, deliveryMode: 'expectReplies', text }),
        );
        assert.equal(res.status, 403);
        const body = await res.text();
        assert.ok(!body.includes('Private answer'), body);
      }
    });

    it('files an anonymous caller’s tickets under a key no verified channel user can have', async () => {
      const say = running.deliverIn(`c-${Math.random().toString(36).slice(2)}`, 'claimed-teams-user');
      await say({ type: 'message', channelId: 'msteams', text: 'talk to a person', locale: 'en' });
      const shown = await say({ type: 'message', channelId: 'msteams', text: 'Skip', locale: 'en' });
      const number = /KYC-[0-9A-Z]{7}/.exec(shown.map((a) => a.text ?? '').join('\n'))?.[0];
      assert.ok(number);

      const db = new Database(path.join(running.dbDir, 'bot.db'), { readonly: true });
      const row = z
        .object({ user_key: z.string() })
        .parse(db.prepare('SELECT user_key FROM tickets WHERE number = ?').get(number));
      db.close();
      assert.notEqual(row.user_key, userKeyOf(USER_KEY_SECRET, 'msteams', 'claimed-teams-user'));

      // The caller itself still finds its ticket.
      const status = await say({ type: 'message', channelId: 'msteams', text: 'my ticket', locale: 'en' });
      assert.ok(status.some((a) => (a.text ?? '').includes(number)));
    });
  });

  describe('activity shapes at the boundary', () => {
    it('answers a non-array attachments with a 400 JSON error instead of crashing the turn', async () => {
      for (const attachments of ['not-an-array', { contentUrl: 'x' }, 42]) {
        const res = await running.post('/api/messages', activity({ deliveryMode: 'expectReplies', attachments }));
        assert.equal(res.status, 400);
        assert.match((await errorOf(res)).message, /attachments/);
      }
    });

    it('answers an invoke it does not handle in the JSON error shape', async () => {
      const res = await running.post(
        '/api/messages',
        activity({
          type: 'invoke',
          name: 'some/unknownInvoke',
          channelId: 'emulator',
          serviceUrl: target.url,
          text: undefined,
        }),
      );
      assert.equal(res.status, 501);
      assert.equal((await errorOf(res)).code, 'not_implemented');
    });
  });
});
