import assert from 'node:assert/strict';
import { ActivityHandler, type Activity, TurnContext } from 'botbuilder';
import { ConversationGoneError } from '../../../src/channels/directline/conversationGoneError';
import { DirectLineClient, fromBot } from './directLineClient';
import { startDirectLineServer, type DirectLineTestServer } from './directLineTestServer';

describe('local Direct Line: a conversation as Web Chat drives it', () => {
  let server: DirectLineTestServer;
  let client: DirectLineClient;

  beforeEach(async () => {
    server = await startDirectLineServer();
    client = new DirectLineClient(server.baseUrl);
    await client.start({ user: { id: 'u_test_0123456789ab' }, locale: 'zh-CN' });
  });
  afterEach(() => server.close());

  it('starts with 201, a token that expires in 30 minutes, and the bot welcoming in the start locale', async () => {
    const res = await fetch(`${server.baseUrl}/v3/directline/conversations`, { method: 'POST' });
    assert.equal(res.status, 201);
    const body: unknown = await res.json();
    assert.ok(typeof body === 'object' && body !== null && 'expires_in' in body && body.expires_in === 1800);
    const [welcome] = await client.waitFor(fromBot);
    assert.equal(welcome?.text, 'welcome (zh-CN)');
  });

  it("echoes the user's own activity with its clientActivityID and a server id, then the bot's reply", async () => {
    await client.waitFor(fromBot);
    const res = await client.send({ type: 'message', text: 'hello', channelData: { clientActivityID: 'client-1' } });
    assert.equal(res.status, 200);
    const body: unknown = await res.json();
    assert.ok(typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string');
    const [echo, reply] = await client.waitFor(() => true, 2);
    assert.equal(echo?.id, body.id);
    assert.equal(echo?.channelData?.clientActivityID, 'client-1');
    assert.equal(echo?.from.id, 'u_test_0123456789ab');
    assert.equal(echo?.from.role, 'user');
    assert.equal(reply?.text, 'echo: hello');
    assert.equal(reply?.from.role, 'bot');
    assert.match(reply?.id ?? '', new RegExp(`^${client.conversationId}\\|\\d{7}$`));
  });

  it('returns only activities after the watermark, and the whole history again from watermark 0', async () => {
    await client.waitFor(fromBot);
    await client.send({ type: 'message', text: 'one' });
    await client.waitFor((a) => a.text === 'echo: one');
    assert.deepEqual(await client.poll(), [], 'nothing new since the last watermark');
    await client.send({ type: 'message', text: 'two' });
    const fresh = await client.waitFor((a) => a.text === 'echo: two');
    assert.equal(fresh.length, 1);
    client.watermark = '0';
    const all = await client.poll();
    assert.deepEqual(
      all.map((a) => a.text),
      ['welcome (zh-CN)', 'one', 'echo: one', 'two', 'echo: two'],
    );
    assert.equal(client.watermark, '5');
  });

  it('offers suggested actions the client can answer', async () => {
    await client.send({ type: 'message', text: 'options' });
    const [prompt] = await client.waitFor((a) => a.text === 'pick a colour');
    assert.deepEqual(
      prompt?.suggestedActions?.actions.map((action) => action.value),
      ['red', 'blue'],
    );
    await client.send({ type: 'message', text: 'red' });
    await client.waitFor((a) => a.text === 'echo: red');
  });

  it('delivers the setLocale event the page sends when the language is switched', async () => {
    await client.send({ type: 'event', name: 'setLocale', value: 'zh-CN', locale: 'zh-CN' });
    await client.waitFor((a) => a.text === 'locale set to zh-CN');
  });

  it('reconnects to the same conversation with a fresh token and replays the history', async () => {
    await client.waitFor(fromBot);
    const res = await client.request(`/v3/directline/conversations/${client.conversationId}?watermark=`);
    assert.equal(res.status, 200);
    const body: unknown = await res.json();
    assert.ok(typeof body === 'object' && body !== null && 'conversationId' in body && 'token' in body);
    assert.equal(body.conversationId, client.conversationId);
    assert.equal(typeof body.token, 'string');
    assert.notEqual(body.token, client.token);
    client.token = String(body.token);
    client.watermark = '';
    assert.equal((await client.poll())[0]?.text, 'welcome (zh-CN)');
  });

  it('refreshes a token into a new one that works for the same conversation', async () => {
    const res = await client.request('/v3/directline/tokens/refresh', { method: 'POST' });
    assert.equal(res.status, 200);
    const body: unknown = await res.json();
    assert.ok(typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string');
    assert.notEqual(body.token, client.token);
    client.token = body.token;
    await client.waitFor(fromBot);
  });

  it('hands its turn errors to onTurnError and keeps the conversation going', async () => {
    await client.send({ type: 'message', text: 'fail' });
    await client.waitFor((a) => a.text === 'sorry, something went wrong');
    assert.equal(server.turnErrors.length, 1);
    await client.send({ type: 'message', text: 'still here' });
    await client.waitFor((a) => a.text === 'echo: still here');
  });

  it('rejects a malformed activity with 400 in the JSON error shape', async () => {
    const res = await client.send({ type: 'invoke', name: 'x' });
    assert.equal(res.status, 400);
    const body: unknown = await res.json();
    assert.ok(typeof body === 'object' && body !== null && 'error' in body);
    assert.deepEqual(Object.keys(body), ['error']);
    const notJson = await client.request(`/v3/directline/conversations/${client.conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"type":',
    });
    assert.equal(notJson.status, 400);
  });

  it('never writes message text to the log', async () => {
    await client.send({ type: 'message', text: 'my passport number is X1234567' });
    await client.waitFor((a) => a.text === 'echo: my passport number is X1234567');
    assert.ok(server.logs.length > 0);
    assert.ok(server.logs.every((line) => !line.includes('X1234567')));
  });
});

describe('local Direct Line: what the bot receives', () => {
  it('gets activities shaped like Azure Direct Line ones, with the user id the conversation was started with', async () => {
    const seen: Partial<Activity>[] = [];
    const bot = new ActivityHandler();
    bot.onMessage(async (context: TurnContext, next) => {
      seen.push(context.activity);
      await context.sendActivity('ok');
      await next();
    });
    const server = await startDirectLineServer({ bot });
    try {
      const client = new DirectLineClient(server.baseUrl);
      await client.start({ user: { id: 'u_shape_0123456789ab', name: 'ignored?' }, locale: 'en-US' });
      await client.send({
        type: 'message',
        text: 'hi',
        locale: 'zh-CN',
        localTimezone: 'Asia/Shanghai',
        localTimestamp: '2026-11-28T16:00:00.000+08:00',
        from: { id: 'someone-else', name: 'Ann', role: 'bot' },
        channelData: { clientActivityID: 'c1' },
        unexpectedField: 'dropped',
      });
      await client.waitFor((a) => a.text === 'ok');
      const activity = seen[0];
      assert.ok(activity);
      assert.equal(activity.channelId, 'directline');
      assert.equal(activity.serviceUrl, server.baseUrl);
      assert.equal(activity.conversation?.id, client.conversationId);
      assert.deepEqual(activity.from, { id: 'u_shape_0123456789ab', name: 'Ann', role: 'user' });
      assert.equal(activity.recipient?.id, 'kyc-bot');
      assert.equal(activity.recipient?.name, 'Test Support');
      assert.equal(activity.locale, 'zh-CN');
      assert.equal(activity.localTimezone, 'Asia/Shanghai');
      assert.ok(activity.timestamp instanceof Date);
      assert.equal(activity.localTimestamp?.toISOString(), '2026-11-28T08:00:00.000Z');
      assert.match(activity.id ?? '', /\|\d{7}$/);
      assert.equal('unexpectedField' in activity, false);
    } finally {
      await server.close();
    }
  });

  it("keeps a client's random user id across its conversations, and replaces a short, guessable one", async () => {
    const seen: string[] = [];
    const bot = new ActivityHandler();
    bot.onMessage(async (context: TurnContext, next) => {
      seen.push(context.activity.from.id);
      await context.sendActivity('ok');
      await next();
    });
    const server = await startDirectLineServer({ bot });
    try {
      for (const id of ['u_0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'u_0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'alice']) {
        const client = new DirectLineClient(server.baseUrl);
        await client.start({ user: { id }, locale: 'en-US' });
        await client.send({ type: 'message', text: 'hi' });
        await client.waitFor((a) => a.text === 'ok');
      }
      const [first, second, claimed] = seen;
      assert.equal(first, 'u_0f1e2d3c4b5a69788796a5b4c3d2e1f0');
      assert.equal(second, first, 'a new conversation of the same browser is the same user');
      assert.notEqual(claimed, 'alice');
      assert.match(claimed ?? '', /^u_[A-Za-z0-9_-]{16}$/);
    } finally {
      await server.close();
    }
  });

  it('lets the bot send proactively through the exported adapter', async () => {
    const server = await startDirectLineServer();
    try {
      const client = new DirectLineClient(server.baseUrl);
      await client.start();
      const [welcome] = await client.waitFor(fromBot);
      assert.ok(welcome);
      const reference = {
        channelId: 'directline',
        serviceUrl: server.baseUrl,
        conversation: { id: client.conversationId, isGroup: false, conversationType: 'personal', name: '' },
        user: { id: 'u_test_0123456789ab', name: '' },
        bot: { id: 'kyc-bot', name: 'Test Support' },
      };
      await server.directLine.adapter.continueConversationAsync('', reference, async (context) => {
        await context.sendActivity('your ticket was updated');
      });
      await client.waitFor((a) => a.text === 'your ticket was updated');
      await assert.rejects(
        server.directLine.adapter.continueConversationAsync(
          '',
          { ...reference, conversation: { ...reference.conversation, id: 'gone' } },
          async () => undefined,
        ),
        ConversationGoneError,
      );
    } finally {
      await server.close();
    }
  });
});
