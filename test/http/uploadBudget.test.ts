import assert from 'node:assert/strict';
import { z } from 'zod';
import { startApp, type RunningApp } from '../support/appHarness';
import { errorBody } from '../support/json';
import { stalledRequest, within, type StalledRequest } from '../support/stalledRequest';

const conversationBody = z.object({ conversationId: z.string(), token: z.string() });
const DECLARED = 200_000;

function stalledPhoto(running: RunningApp): StalledRequest {
  return stalledRequest({
    baseUrl: running.baseUrl,
    path: '/api/diagnose/photo',
    headers: { 'content-type': 'image/jpeg' },
    declaredBytes: DECLARED,
    sentBytes: 1024,
  });
}

function codeOf(body: string): string {
  return errorBody.parse(JSON.parse(body)).error.code;
}

describe('upload memory is bounded before the photo queue is asked', function () {
  this.timeout(60_000);

  describe('the process-wide upload budget and the body timeout', () => {
    let running: RunningApp;
    before(async () => {
      running = await startApp({
        MAX_PHOTO_MB: '0.25',
        UPLOAD_BUDGET_MB: '0.6',
        UPLOADS_PER_ADDRESS: '20',
        BODY_TIMEOUT_SECONDS: '1',
      });
    });
    after(async () => running.stop());

    it('answers 503 with Retry-After at once when stalled uploads hold the whole budget', async () => {
      const stalled = [stalledPhoto(running), stalledPhoto(running), stalledPhoto(running)];
      await new Promise((resolve) => setTimeout(resolve, 200));
      const extra = stalledPhoto(running);
      const answer = await within(extra.answered, 700, undefined);
      assert.ok(answer, 'the upload over the budget was answered without waiting for its body');
      assert.equal(answer.status, 503);
      assert.equal(codeOf(answer.body), 'overloaded');
      assert.match(String(answer.headers['retry-after']), /^\d+$/);
      for (const request of stalled) request.abort();
    });

    it('drops a body that trickles in slower than the timeout with 408, and frees its share of the budget', async () => {
      const stalled = [stalledPhoto(running), stalledPhoto(running), stalledPhoto(running)];
      const answers = await within(Promise.all(stalled.map((request) => request.answered)), 4000, undefined);
      assert.ok(answers, 'stalled uploads were answered within the body timeout');
      for (const answer of answers) {
        assert.equal(answer.status, 408);
        assert.equal(codeOf(answer.body), 'request_timeout');
      }
      const res = await fetch(`${running.baseUrl}/api/diagnose/photo`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg' },
        body: Buffer.alloc(DECLARED, 0x41),
      });
      await res.arrayBuffer();
      assert.notEqual(res.status, 503);
    });

    it('applies the same budget to Direct Line uploads', async () => {
      const started = conversationBody.parse(
        await (
          await fetch(`${running.baseUrl}/v3/directline/conversations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).json(),
      );
      const upload = (): StalledRequest =>
        stalledRequest({
          baseUrl: running.baseUrl,
          path: `/v3/directline/conversations/${started.conversationId}/upload`,
          headers: {
            'content-type': 'multipart/form-data; boundary=xyz',
            authorization: `Bearer ${started.token}`,
          },
          declaredBytes: DECLARED,
          sentBytes: 512,
        });
      const stalled = [stalledPhoto(running), stalledPhoto(running), upload()];
      await new Promise((resolve) => setTimeout(resolve, 200));
      const answer = await within(upload().answered, 700, undefined);
      assert.ok(answer, 'the Direct Line upload over the budget was answered at once');
      assert.equal(answer.status, 503);
      for (const request of stalled) request.abort();
    });

    it('times out a trickling JSON body on /api/messages too', async () => {
      const slow = stalledRequest({
        baseUrl: running.baseUrl,
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        declaredBytes: 5000,
        sentBytes: 10,
      });
      const answer = await within(slow.answered, 4000, undefined);
      assert.ok(answer, 'answered within the body timeout');
      assert.equal(answer.status, 408);
    });
  });

  describe('uploads per address', () => {
    let running: RunningApp;
    before(async () => {
      running = await startApp({ MAX_PHOTO_MB: '0.25', UPLOADS_PER_ADDRESS: '2', BODY_TIMEOUT_SECONDS: '5' });
    });
    after(async () => running.stop());

    it('refuses a third concurrent upload from one address with 429 and Retry-After', async () => {
      const stalled = [stalledPhoto(running), stalledPhoto(running)];
      await new Promise((resolve) => setTimeout(resolve, 200));
      const answer = await within(stalledPhoto(running).answered, 700, undefined);
      assert.ok(answer, 'answered at once');
      assert.equal(answer.status, 429);
      assert.equal(codeOf(answer.body), 'rate_limited');
      assert.match(String(answer.headers['retry-after']), /^\d+$/);
      for (const request of stalled) request.abort();
    });
  });
});
