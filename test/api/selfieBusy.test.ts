import assert from 'node:assert/strict';
import restify from 'restify';
import { registerSelfieRoute } from '../../src/api/selfieRoute';
import { SelfieService } from '../../src/diagnosis/selfie/selfieService';
import { RateLimiter } from '../../src/http/rateLimiter';
import { UploadGate } from '../../src/http/uploadGate';
import { createLocalizer } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { loadSettings } from '../../src/settings';
import { portrait } from '../fixtures/faces/selfieVariants';
import { errorBody, jsonOf } from '../support/json';

describe('a full selfie queue', function () {
  this.timeout(60_000);

  it('answers 503 with Retry-After for selfies beyond the queue, and checks the ones it took', async () => {
    const settings = loadSettings();
    // One selfie at a time and nobody waiting: the second and third at once are refused.
    const service = new SelfieService({
      settings: { ...settings.selfie, workers: 1, concurrency: 1, maxWaiting: 0, retryAfterSeconds: 4 },
      maxBytes: 15 * 1024 * 1024,
      maxPixels: settings.photo.maxInputPixels,
      heicConcurrency: 1,
    });
    const localizer = await createLocalizer(LOCALES_DIR, 'en');
    const server = restify.createServer();
    registerSelfieRoute(server, {
      diagnoser: service,
      localizer,
      apiKey: undefined,
      maxBytes: 15 * 1024 * 1024,
      limiter: new RateLimiter(100, 10, Date.now),
      uploads: new UploadGate({ budgetBytes: 64 * 1024 * 1024, perAddress: 4 }),
      onUnexpected: () => undefined,
    });
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    try {
      await service.warm();
      const url = `http://127.0.0.1:${server.address().port}/api/diagnose/selfie`;
      const send = (): Promise<Response> =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: portrait('studio-portrait') });
      const responses = await Promise.all([send(), send(), send()]);
      const statuses = responses.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 503, 503]);
      const refused = responses.filter((r) => r.status === 503);
      for (const res of refused) {
        assert.equal(res.headers.get('retry-after'), '4');
        const body = await jsonOf(res, errorBody);
        assert.equal(body.error.code, 'overloaded');
        assert.equal(body.error.message, localizer.t('en')('selfie:chat.busy'));
      }
    } finally {
      server.close();
      await service.close();
    }
  });
});
