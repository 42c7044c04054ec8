import assert from 'node:assert/strict';
import { z } from 'zod';
import { SELFIE_CHECK_IDS } from '../../src/diagnosis/selfie/selfieCheckResult';
import { pdfDocument, truncated } from '../fixtures/badPhotoInputs';
import { idCardWithFace, portrait, selfieVariant } from '../fixtures/faces/selfieVariants';
import { syntheticPhoto } from '../fixtures/syntheticDocument';
import { startApp, type RunningApp } from '../support/appHarness';
import { errorBody, jsonOf } from '../support/json';

const selfieBody = z.strictObject({
  verdict: z.enum(['pass', 'fail']),
  checks: z.array(
    z.strictObject({
      id: z.enum(SELFIE_CHECK_IDS),
      status: z.enum(['pass', 'warn', 'fail', 'skipped']),
      measured: z.union([z.number(), z.string(), z.null()]),
      threshold: z.union([z.number(), z.string(), z.null()]),
      message: z.string().min(1),
    }),
  ),
  confirm: z.array(z.strictObject({ id: z.string(), message: z.string().min(1) })),
  timingsMs: z.record(z.string(), z.number()),
});

function post(
  running: RunningApp,
  body: Buffer,
  contentType: string,
  query = '',
  headers: Record<string, string> = {},
) {
  return fetch(`${running.baseUrl}/api/diagnose/selfie${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
}

describe('POST /api/diagnose/selfie', function () {
  this.timeout(60_000);
  let running: RunningApp;
  before(async () => {
    running = await startApp({ PHOTO_RATE_PER_MINUTE: '1000' });
  });
  after(async () => running.stop());

  it('passes a clean studio portrait: one result per check id, in contract order, and the checklist to confirm', async () => {
    const res = await post(running, portrait('studio-portrait'), 'image/jpeg');
    assert.equal(res.status, 200);
    const body = await jsonOf(res, selfieBody);
    assert.deepEqual(
      body.checks.map((c) => c.id),
      [...SELFIE_CHECK_IDS],
    );
    const notPassed = body.checks.filter((c) => c.status === 'warn' || c.status === 'fail');
    assert.deepEqual(notPassed, []);
    assert.equal(body.verdict, 'pass');
    assert.deepEqual(
      body.confirm.map((c) => c.id),
      ['glasses', 'head_cover', 'makeup', 'contacts'],
    );
    assert.ok(typeof body.timingsMs.total === 'number');
  });

  it('fails a darkened selfie on lighting with the measured brightness, the requirement and the fix', async () => {
    const res = await post(running, await selfieVariant('studio-portrait', 'dark'), 'image/jpeg');
    const body = await jsonOf(res, selfieBody);
    assert.equal(body.verdict, 'fail');
    const lighting = body.checks.find((c) => c.id === 'lighting');
    assert.equal(lighting?.status, 'fail');
    assert.match(lighting?.message ?? '', /too dark \(\d+\/255, needed at least \d+\)\. Switch on/);
  });

  it('says a photo of an ID document is a document, not a selfie, in Chinese when asked', async () => {
    const document = await syntheticPhoto({ kind: 'idCard', width: 1600 });
    const english = await jsonOf(await post(running, document, 'image/jpeg'), selfieBody);
    const found = english.checks.find((c) => c.id === 'face_found');
    assert.equal(found?.status, 'fail');
    assert.match(found?.message ?? '', /this looks like a document, not a selfie/i);
    const chinese = await jsonOf(await post(running, document, 'image/jpeg', '?locale=zh-CN'), selfieBody);
    assert.match(chinese.checks[0]?.message ?? '', /证件/);
    // A card whose portrait is a real face: the one small face on it does not make it a selfie.
    const withFace = await jsonOf(await post(running, await idCardWithFace(), 'image/jpeg'), selfieBody);
    assert.equal(withFace.checks[0]?.status, 'fail');
    assert.match(withFace.checks[0]?.message ?? '', /this looks like a document, not a selfie/i);
  });

  it('accepts the selfie as multipart "photo", like the photo API', async () => {
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(await selfieVariant('studio-portrait', 'twoFaces'))]), 's.jpg');
    const res = await fetch(`${running.baseUrl}/api/diagnose/selfie`, { method: 'POST', body: form });
    const body = await jsonOf(res, selfieBody);
    assert.equal(body.checks[0]?.status, 'fail');
    assert.match(body.checks[0]?.message ?? '', /found 2 faces/);
  });

  it('refuses what is not a photo with the photo API error shape and status', async () => {
    const wrongType = await post(running, Buffer.from('hello'), 'text/plain');
    assert.equal(wrongType.status, 415);
    assert.equal((await jsonOf(wrongType, errorBody)).error.code, 'unsupported_media_type');
    const pdf = await post(running, pdfDocument(), 'application/octet-stream');
    assert.equal(pdf.status, 415);
    const cut = await post(running, truncated(portrait('studio-portrait')), 'image/jpeg');
    assert.equal(cut.status, 400);
    assert.equal((await jsonOf(cut, errorBody)).error.code, 'truncated');
  });
});

describe('POST /api/diagnose/selfie with an API key', function () {
  this.timeout(60_000);
  let running: RunningApp;
  before(async () => {
    running = await startApp({ DIAGNOSE_API_KEY: 'selfie-api-key-0123456789' });
  });
  after(async () => running.stop());

  it('answers 401 without the key and 200 with it', async () => {
    const selfie = portrait('studio-portrait');
    const without = await post(running, selfie, 'image/jpeg');
    assert.equal(without.status, 401);
    const withKey = await post(running, selfie, 'image/jpeg', '', {
      authorization: 'Bearer selfie-api-key-0123456789',
    });
    assert.equal(withKey.status, 200);
  });
});
