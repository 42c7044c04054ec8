import assert from 'node:assert/strict';
import { z } from 'zod';
import { startApp, type RunningApp } from '../support/appHarness';
import { activitiesBody, jsonOf } from '../support/json';
import { until } from '../support/until';

const AGENT_TOKEN = 'agent-token-for-tests-0123456789';
const agent = { authorization: `Bearer ${AGENT_TOKEN}` };

const conversationBody = z.object({ conversationId: z.string(), token: z.string() });
const replyBody = z.object({ reply: z.object({ delivered: z.boolean() }) });

async function directLineTexts(running: RunningApp, id: string, token: string): Promise<string[]> {
  const res = await fetch(`${running.baseUrl}/v3/directline/conversations/${id}/activities?watermark=0`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await jsonOf(res, activitiesBody)).activities.map((a) => a.text ?? '');
}

describe('agent replies reach the user', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ AGENT_API_TOKEN: AGENT_TOKEN, LOCAL_WEBCHAT: 'true' });
  });
  after(async () => running.stop());

  it('delivers an agent reply proactively into the local Web Chat conversation', async () => {
    const started = await jsonOf(await running.post('/v3/directline/conversations', {}), conversationBody);
    const { conversationId: id, token } = started;
    const send = (text: string) =>
      running.post(
        `/v3/directline/conversations/${id}/activities`,
        { type: 'message', text, from: { id: 'webchat-user' }, locale: 'en' },
        { authorization: `Bearer ${token}` },
      );
    await send('talk to a person');
    await until(async () =>
      (await directLineTexts(running, id, token)).some((t) => t.includes('reference number')) ? true : undefined,
    );
    await send('Skip');
    const number = await until(
      async () => /KYC-[0-9A-Z]{7}/.exec((await directLineTexts(running, id, token)).join('\n'))?.[0],
    );

    const res = await running.post(
      `/api/tickets/${number}/reply`,
      { text: 'Your documents look fine; we pushed the review to the priority queue.' },
      agent,
    );
    assert.equal(res.status, 200);
    assert.equal((await jsonOf(res, replyBody)).reply.delivered, true);
    const texts = await directLineTexts(running, id, token);
    assert.ok(
      texts.some((t) => t.includes(number) && t.includes('priority queue')),
      texts.join('\n'),
    );
  });

  it('keeps a reply that cannot be delivered now and shows it the next time the user writes', async () => {
    const say = running.deliverIn('no-proactive-channel', 'waiting-user');
    await say({ type: 'message', text: 'talk to a person', locale: 'en' });
    const shown = (await say({ type: 'message', text: 'Skip', locale: 'en' })).map((a) => a.text ?? '').join('\n');
    const number = /KYC-[0-9A-Z]{7}/.exec(shown)?.[0];
    assert.ok(number);

    const res = await running.post(
      `/api/tickets/${number}/reply`,
      { text: 'Please send a new photo of the passport page.' },
      agent,
    );
    assert.equal(res.status, 202);
    assert.equal((await jsonOf(res, replyBody)).reply.delivered, false);

    const next = (await say({ type: 'message', text: 'hello again', locale: 'en' })).map((a) => a.text ?? '');
    assert.ok(
      next.some((t) => t.includes(number) && t.includes('new photo of the passport page')),
      next.join('\n'),
    );
    const later = (await say({ type: 'message', text: 'menu', locale: 'en' })).map((a) => a.text ?? '');
    assert.ok(!later.some((t) => t.includes('new photo of the passport page')), 'shown once');
    const status = (await say({ type: 'message', text: 'my ticket', locale: 'en' }))
      .map((a) => a.text ?? '')
      .join('\n');
    assert.ok(status.includes('new photo of the passport page'), 'my ticket shows the latest agent reply');
  });
});
