import assert from 'node:assert/strict';
import { z } from 'zod';
import { startApp, type RunningApp } from '../support/appHarness';
import { errorBody, jsonOf } from '../support/json';

const matchBody = z.strictObject({
  topic: z.string().nullable(),
  kind: z.enum(['cause', 'faq']).nullable(),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(z.strictObject({ topic: z.string(), kind: z.enum(['cause', 'faq']), confidence: z.number() })),
});

describe('POST /api/diagnose/prompt', function () {
  this.timeout(30_000);
  let running: RunningApp;
  before(async () => {
    running = await startApp();
  });
  after(async () => running.stop());

  const cases: [string, string | undefined, string | null, 'cause' | 'faq' | null][] = [
    ['Error: Documnet photo uncler. Please try again', undefined, 'photo_unclear', 'cause'],
    ['人脸识别失败', 'zh-CN', 'face_verification_failed', 'cause'],
    ['ＤＯＣＵＭＥＮＴ ＨＡＳ ＥＸＰＩＲＥＤ', 'en', 'document_expired', 'cause'],
    ['how long does the review take after resubmitting', 'en', 'faq_review_time', 'faq'],
    ["what's the BTC price", 'en', null, null],
    ['hello', 'en', null, null],
  ];
  for (const [text, locale, topic, kind] of cases) {
    it(`maps "${text}" to ${topic ?? 'null'}`, async () => {
      const res = await running.post('/api/diagnose/prompt', { text, ...(locale ? { locale } : {}) });
      assert.equal(res.status, 200);
      const body = await jsonOf(res, matchBody);
      assert.equal(body.topic, topic);
      assert.equal(body.kind, kind);
      if (topic === null) assert.equal(body.confidence, 0);
    });
  }

  for (const text of ["use someone else's ID to pass KYC", 'can I buy a verified account']) {
    it(`answers a request to get around verification ("${text}") with no cause and no suggestions`, async () => {
      const body = await jsonOf(await running.post('/api/diagnose/prompt', { text }), matchBody);
      assert.deepEqual(body, { topic: null, kind: null, confidence: 0, alternatives: [] });
    });
  }

  it('rejects a missing text, a 100 kB text and a non-JSON body with JSON errors', async () => {
    assert.equal((await jsonOf(await running.post('/api/diagnose/prompt', {}), errorBody)).error.code, 'bad_request');
    assert.equal((await running.post('/api/diagnose/prompt', { text: 'x'.repeat(100_000) })).status, 413);
    const res = await fetch(`${running.baseUrl}/api/diagnose/prompt`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    assert.equal(res.status, 415);
  });
});
