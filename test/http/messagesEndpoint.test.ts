import assert from 'node:assert/strict';
import { MAX_TEXT_LENGTH } from '../../src/conversation/kycConversation';
import { createLocalizer } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { z } from 'zod';
import { startApp, type RunningApp } from '../support/appHarness';
import { activitiesBody, errorBody, jsonOf } from '../support/json';

const activity = (extra: Record<string, unknown>) => ({
  type: 'message',
  channelId: 'test',
  serviceUrl: 'https://test.invalid',
  conversation: { id: `c-${Math.random().toString(36).slice(2)}` },
  from: { id: 'u1' },
  recipient: { id: 'bot' },
  deliveryMode: 'expectReplies',
  locale: 'en',
  ...extra,
});

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return (await jsonOf(res, errorBody)).error;
}

describe('POST /api/messages', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp();
  });
  after(async () => running.stop());

  it('answers a failure prompt with the replies inline when deliveryMode is expectReplies', async () => {
    const res = await running.post('/api/messages', activity({ text: 'Document has expired' }));
    assert.equal(res.status, 200);
    const body = await jsonOf(res, activitiesBody);
    assert.ok(body.activities.length > 0);
    assert.match(body.activities.map((a) => a.text ?? '').join(' '), /new|expired/i);
  });

  it('tells the user what to send when the message is empty', async () => {
    const res = await running.post('/api/messages', activity({ text: '   ' }));
    const body = await jsonOf(res, activitiesBody);
    assert.equal(res.status, 200);
    assert.equal(body.activities.length, 1);
    assert.ok((body.activities[0].text ?? '').length > 10);
  });

  it('answers a 100 kB message with a short "too long" reply instead of processing it', async () => {
    const res = await running.post('/api/messages', activity({ text: 'a'.repeat(100_000) }));
    const body = await jsonOf(res, activitiesBody);
    assert.equal(res.status, 200);
    assert.equal(body.activities.length, 1);
    const localizer = await createLocalizer(LOCALES_DIR, 'en');
    assert.equal(body.activities[0].text, localizer.t('en')('chat:input.tooLong', { max: MAX_TEXT_LENGTH }));
  });

  it('answers an emoji-only message with the welcome menu', async () => {
    const res = await running.post('/api/messages', activity({ text: '🙂🙂🙂' }));
    const body = await jsonOf(res, activitiesBody);
    assert.equal(res.status, 200);
    assert.ok(body.activities.some((a) => a.suggestedActions));
  });

  it('accepts unknown activity types without replying or failing', async () => {
    const res = await running.post('/api/messages', activity({ type: 'somethingNew', text: undefined }));
    assert.ok(res.status === 200 || res.status === 202, `status ${res.status}`);
  });

  it('rejects a malformed JSON body with a 400 JSON error', async () => {
    const res = await running.post('/api/messages', '{"type": "message",');
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'bad_request');
  });

  it('rejects an activity without a conversation id with a 400 naming the field', async () => {
    const res = await running.post('/api/messages', {
      type: 'message',
      channelId: 'test',
      from: { id: 'u' },
      text: 'hi',
    });
    assert.equal(res.status, 400);
    assert.match((await errorOf(res)).message, /conversation/);
  });

  it('rejects a non-JSON body with 415', async () => {
    const res = await fetch(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    assert.equal(res.status, 415);
    assert.equal((await errorOf(res)).code, 'unsupported_media_type');
  });

  it('rejects a body over the activity size limit with 413', async () => {
    const res = await running.post('/api/messages', activity({ text: 'x'.repeat(400_000) }));
    assert.equal(res.status, 413);
    assert.equal((await errorOf(res)).code, 'payload_too_large');
  });

  it('keeps serving other users after bad requests', async () => {
    await running.post('/api/messages', '{bad');
    const res = await running.post('/api/messages', activity({ text: 'menu' }));
    assert.equal(res.status, 200);
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await fetch(`${running.baseUrl}/nowhere`);
    assert.equal(res.status, 404);
    assert.equal((await errorOf(res)).code, 'not_found');
  });

  it('reports liveness and readiness', async () => {
    assert.equal((await fetch(`${running.baseUrl}/healthz`)).status, 200);
    const ready = await fetch(`${running.baseUrl}/readyz`);
    assert.equal(ready.status, 200);
    const body = await jsonOf(ready, z.object({ checks: z.record(z.string(), z.string()) }));
    assert.equal(body.checks.storage, 'ok');
  });
});

describe('POST /api/messages with a Bot Framework app id', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret-value',
    });
  });
  after(async () => running.stop());

  it('refuses an activity without a token with 401 in the JSON error shape', async () => {
    const res = await running.post('/api/messages', activity({ text: 'hello' }));
    assert.equal(res.status, 401);
    assert.equal((await errorOf(res)).code, 'unauthorized');
  });
});
