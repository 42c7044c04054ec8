import assert from 'node:assert/strict';
import { errorBody } from '../../support/json';
import { DirectLineClient } from './directLineClient';
import { startDirectLineServer } from './directLineTestServer';

async function startStatus(baseUrl: string): Promise<Response> {
  return fetch(`${baseUrl}/v3/directline/conversations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
}

describe('local Direct Line: the conversation cap cannot be used to push users out', () => {
  it('answers 503 with Retry-After at the cap while every conversation is in use, and keeps them', async () => {
    const server = await startDirectLineServer({ limits: { maxConversations: 3, maxConversationsPerAddress: 10 } });
    try {
      const users = [0, 1, 2].map(() => new DirectLineClient(server.baseUrl));
      for (const user of users) await user.start();
      for (let i = 0; i < 5; i++) {
        const res = await startStatus(server.baseUrl);
        assert.equal(res.status, 503);
        assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
        assert.equal(errorBody.parse(await res.json()).error.code, 'overloaded');
      }
      for (const user of users) {
        assert.equal((await user.send({ type: 'message', text: 'still here' })).status, 200);
        await user.waitFor((a) => a.text === 'echo: still here');
      }
    } finally {
      await server.close();
    }
  });

  it('caps the conversations one address may hold with 429, leaving room for others', async () => {
    const server = await startDirectLineServer({ limits: { maxConversations: 100, maxConversationsPerAddress: 2 } });
    try {
      assert.equal((await startStatus(server.baseUrl)).status, 201);
      assert.equal((await startStatus(server.baseUrl)).status, 201);
      const third = await startStatus(server.baseUrl);
      assert.equal(third.status, 429);
      assert.match(third.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal(errorBody.parse(await third.json()).error.code, 'rate_limited');
    } finally {
      await server.close();
    }
  });

  it('gives an address its share back when one of its conversations ends', async () => {
    const server = await startDirectLineServer({ limits: { maxConversations: 100, maxConversationsPerAddress: 1 } });
    try {
      const user = new DirectLineClient(server.baseUrl);
      await user.start();
      assert.equal((await startStatus(server.baseUrl)).status, 429);
      assert.equal((await user.send({ type: 'endOfConversation' })).status, 200);
      let status = 0;
      for (let i = 0; i < 50 && status !== 201; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = (await startStatus(server.baseUrl)).status;
      }
      assert.equal(status, 201);
    } finally {
      await server.close();
    }
  });
});
