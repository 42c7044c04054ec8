import assert from 'node:assert/strict';
import { z } from 'zod';
import { animatedGif, pdfDocument, pngBomb, svgDocument, textNamedJpg, truncated } from '../fixtures/badPhotoInputs';
import {
  syntheticPhoto,
  SYNTHETIC_CN_ID_NUMBER,
  SYNTHETIC_CN_ID_NUMBER_BAD_CHECK,
} from '../fixtures/syntheticDocument';
import { startApp, type RunningApp } from '../support/appHarness';
import { errorBody, jsonOf } from '../support/json';

const diagnosisBody = z.object({
  verdict: z.enum(['pass', 'fail']),
  checks: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['pass', 'warn', 'fail', 'skipped']),
      message: z.string(),
      measured: z.unknown(),
      threshold: z.unknown(),
    }),
  ),
  document: z
    .object({
      type: z.enum(['passport', 'id_card', 'residence_permit', 'visa', 'cn_resident_id', 'unknown']),
      issuer: z.string().length(3).optional(),
      accepted: z.boolean().optional(),
      notAcceptedReason: z.string().optional(),
      mrz: z.record(z.string(), z.string().nullable()).optional(),
      expired: z.boolean().optional(),
    })
    .optional(),
  timingsMs: z.record(z.string(), z.number()),
});

function post(
  running: RunningApp,
  body: Buffer | string,
  contentType: string,
  query = '',
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${running.baseUrl}/api/diagnose/photo${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
}

async function errorCode(res: Response): Promise<string> {
  return (await jsonOf(res, errorBody)).error.code;
}

describe('POST /api/diagnose/photo', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let clean: Buffer;
  before(async () => {
    running = await startApp({ PHOTO_RATE_PER_MINUTE: '1000' });
    clean = await syntheticPhoto({ width: 2400, cameraExif: true });
  });
  after(async () => running.stop());

  it('checks a clean camera photo of a passport: every check passes, MRZ read, number masked, not cached', async () => {
    const res = await post(running, clean, 'image/jpeg');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = await jsonOf(res, diagnosisBody);
    const failed = body.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.message}`);
    assert.deepEqual(failed, []);
    assert.equal(body.verdict, 'pass');
    assert.equal(body.checks.find((c) => c.id === 'mrz')?.status, 'pass');
    const number = body.document?.mrz?.documentNumber ?? '';
    assert.match(number, /^\*+[A-Z0-9]{4}$/, 'only the last 4 characters of the document number');
    assert.equal(body.document?.type, 'passport');
    assert.equal(body.document?.issuer, 'UTO');
    assert.equal(body.document?.accepted, true);
  });

  it('names a visa as a visa the exchange does not accept, with its issuer', async () => {
    const visa = await syntheticPhoto({ kind: 'visa', width: 2400, cameraExif: true });
    const body = await jsonOf(await post(running, visa, 'image/jpeg'), diagnosisBody);
    assert.equal(body.document?.type, 'visa');
    assert.equal(body.document?.issuer, 'UTO');
    assert.equal(body.document?.accepted, false);
    assert.equal(body.document?.notAcceptedReason, 'visa');
  });

  it('recognises the front of a Chinese resident ID card by its 18-character number, which has no MRZ', async () => {
    const front = await syntheticPhoto({ kind: 'cnResidentId', width: 2400, cameraExif: true });
    const body = await jsonOf(await post(running, front, 'image/jpeg'), diagnosisBody);
    assert.equal(body.document?.type, 'cn_resident_id');
    assert.equal(body.document?.issuer, 'CHN');
    assert.equal(body.checks.find((c) => c.id === 'mrz')?.status, 'skipped', 'no MRZ is expected on it');
    assert.equal(body.checks.find((c) => c.id === 'legibility')?.status, 'pass', 'its Chinese text is read too');
    assert.equal(body.verdict, 'pass');
    assert.ok(!JSON.stringify(body).includes(SYNTHETIC_CN_ID_NUMBER), 'the number itself never leaves the server');
  });

  it('does not take a resident ID number whose check character disagrees, and warns that it reads wrong', async () => {
    const front = await syntheticPhoto({
      kind: 'cnResidentId',
      width: 2400,
      cameraExif: true,
      cnIdNumber: SYNTHETIC_CN_ID_NUMBER_BAD_CHECK,
    });
    const body = await jsonOf(await post(running, front, 'image/jpeg'), diagnosisBody);
    assert.notEqual(body.document?.type, 'cn_resident_id');
    assert.equal(body.checks.find((c) => c.id === 'legibility')?.status, 'warn');
    assert.ok(!JSON.stringify(body).includes(SYNTHETIC_CN_ID_NUMBER_BAD_CHECK.slice(0, 17)));
  });

  it('fails a blurred resident ID front for its blur, not for text the model could not read', async () => {
    const front = await syntheticPhoto({ kind: 'cnResidentId', width: 2400, cameraExif: true, defects: ['blur'] });
    const body = await jsonOf(await post(running, front, 'image/jpeg'), diagnosisBody);
    assert.equal(body.verdict, 'fail');
    assert.equal(body.checks.find((c) => c.id === 'blur')?.status, 'fail');
    assert.notEqual(body.checks.find((c) => c.id === 'legibility')?.status, 'pass');
  });

  it('reports a small screenshot-like PNG as low resolution and missing camera data, in Chinese when asked', async () => {
    const small = await syntheticPhoto({ width: 1000, format: 'png', cameraExif: false });
    const res = await post(running, small, 'image/png', '?locale=zh-CN');
    const body = await jsonOf(res, diagnosisBody);
    assert.equal(body.verdict, 'fail');
    const resolution = body.checks.find((c) => c.id === 'resolution');
    assert.equal(resolution?.status, 'fail');
    assert.match(resolution?.message ?? '', /[\u4e00-\u9fff]/);
    assert.equal(body.checks.find((c) => c.id === 'camera_metadata')?.status, 'fail');
    assert.notEqual(
      body.checks.find((c) => c.id === 'blur')?.status,
      'fail',
      'low resolution is not also blamed as blur',
    );
  });

  it('accepts the photo as multipart field "photo"', async () => {
    const form = new FormData();
    form.append('photo', new Blob([clean], { type: 'image/jpeg' }), 'id.jpg');
    const res = await fetch(`${running.baseUrl}/api/diagnose/photo`, { method: 'POST', body: form });
    assert.equal(res.status, 200);
    assert.equal((await jsonOf(res, diagnosisBody)).verdict, 'pass');
  });

  const bad: [string, () => Promise<Buffer> | Buffer, string, number, string][] = [
    ['zero bytes', () => Buffer.alloc(0), 'image/jpeg', 400, 'empty'],
    ['a truncated JPEG', () => truncated(clean), 'image/jpeg', 400, 'truncated'],
    ['a text file named .jpg', textNamedJpg, 'image/jpeg', 415, 'unsupported_type'],
    ['an SVG', svgDocument, 'image/svg+xml', 415, 'unsupported_type'],
    ['a PDF', pdfDocument, 'application/octet-stream', 415, 'unsupported_type'],
    ['an animated GIF', animatedGif, 'image/gif', 415, 'unsupported_type'],
    ['a 50000x50000 PNG bomb', () => pngBomb(), 'image/png', 413, 'too_many_pixels'],
  ];
  for (const [name, make, type, status, code] of bad) {
    it(`refuses ${name} with ${status} ${code}`, async () => {
      const res = await post(running, await make(), type);
      assert.equal(res.status, status);
      assert.equal(await errorCode(res), code);
    });
  }

  it('refuses a 100 MB body with 413 without reading it all', async () => {
    const res = await post(running, Buffer.alloc(100 * 1024 * 1024), 'image/jpeg');
    assert.equal(res.status, 413);
    assert.equal(await errorCode(res), 'payload_too_large');
  });

  it('refuses a Content-Type that is not an image, octet-stream or multipart with 415', async () => {
    const res = await post(running, clean, 'text/plain');
    assert.equal(res.status, 415);
  });

  it('keeps serving others after bad input', async () => {
    await post(running, svgDocument(), 'image/jpeg');
    const res = await fetch(`${running.baseUrl}/healthz`);
    assert.equal(res.status, 200);
    const ready = await fetch(`${running.baseUrl}/readyz`);
    assert.equal(ready.status, 200);
  });
});

describe('POST /api/diagnose/photo with an API key and a rate limit', function () {
  this.timeout(60_000);
  let running: RunningApp;
  before(async () => {
    running = await startApp({ DIAGNOSE_API_KEY: 'diagnose-key-0123456789', PHOTO_RATE_PER_MINUTE: '2' });
  });
  after(async () => running.stop());

  it('answers 401 without the key, and 429 with Retry-After past the per-client rate', async () => {
    const png = await syntheticPhoto({ width: 800, format: 'png' });
    assert.equal((await post(running, png, 'image/png')).status, 401);
    const key = { authorization: 'Bearer diagnose-key-0123456789' };
    assert.equal((await post(running, png, 'image/png', '', key)).status, 200);
    assert.equal((await post(running, png, 'image/png', '', key)).status, 200);
    const limited = await post(running, png, 'image/png', '', key);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });
});
