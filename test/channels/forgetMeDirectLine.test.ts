import assert from 'node:assert/strict';
import { z } from 'zod';
import { startApp, type RunningApp } from '../support/appHarness';
import { activitiesBody, jsonOf } from '../support/json';
import { until } from '../support/until';

const conversationBody = z.object({ conversationId: z.string(), token: z.string() });

describe('"forget me" in the local Web Chat', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ LOCAL_WEBCHAT: 'true' });
  });
  after(async () => running.stop());

  it('deletes the Direct Line conversation once the page has fetched the last reply: history and token are gone', async () => {
    const { conversationId: id, token } = await jsonOf(
      await running.post('/v3/directline/conversations', {}),
      conversationBody,
    );
    const auth = { authorization: `Bearer ${token}` };
    const send = (text: string) =>
      running.post(
        `/v3/directline/conversations/${id}/activities`,
        { type: 'message', text, from: { id: 'webchat-user' }, locale: 'en' },
        auth,
      );
    const history = async (): Promise<Response> =>
      fetch(`${running.baseUrl}/v3/directline/conversations/${id}/activities?watermark=0`, { headers: auth });

    await send('Document photo unclear, my passport is E12345678');
    await until(async () => ((await jsonOf(await history(), activitiesBody)).activities.length > 2 ? true : undefined));
    await send('forget me');
    await until(async () =>
      (await jsonOf(await history(), activitiesBody)).activities.some((a) => a.text?.startsWith('This deletes'))
        ? true
        : undefined,
    );
    await send('Yes, forget me');
    const last = await until(async () => {
      const { activities } = await jsonOf(await history(), activitiesBody);
      return activities.some((a) => a.type === 'endOfConversation') ? activities : undefined;
    });
    assert.ok(
      last.some((a) => a.type === 'message' && (a.text ?? '').includes('forgotten your data')),
      'the bot says it is done before the conversation goes',
    );
    const after = await history();
    assert.equal(after.status, 404, 'the conversation and its history are gone');
    const reconnect = await fetch(`${running.baseUrl}/v3/directline/conversations/${id}`, { headers: auth });
    assert.notEqual(reconnect.status, 200, 'its token no longer opens anything');
  });
});
