import assert from 'node:assert/strict';
import restify from 'restify';
import { registerPhotoRoute } from '../../src/api/photoRoute';
import { OverloadedError } from '../../src/diagnosis/overloadedError';
import { RateLimiter } from '../../src/http/rateLimiter';
import { UploadGate } from '../../src/http/uploadGate';
import { createLocalizer } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { createBotHarness } from '../support/botHarness';
import { errorBody, jsonOf } from '../support/json';

/** The photo checks with their queue full: every photo is refused at once, as PhotoService does. */
const overloaded = { diagnose: () => Promise.reject(new OverloadedError(3)) };

describe('a full photo queue', () => {
  it('answers the photo API with 503 and Retry-After, in the JSON error shape', async () => {
    const localizer = await createLocalizer(LOCALES_DIR, 'en');
    const server = restify.createServer();
    registerPhotoRoute(server, {
      diagnoser: overloaded,
      localizer,
      apiKey: undefined,
      maxBytes: 1024 * 1024,
      limiter: new RateLimiter(100, 10, Date.now),
      uploads: new UploadGate({ budgetBytes: 8 * 1024 * 1024, perAddress: 4 }),
      onUnexpected: () => undefined,
    });
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    try {
      const res = await fetch(`http://127.0.0.1:${server.address().port}/api/diagnose/photo`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg' },
        body: Buffer.from([0xff, 0xd8, 0xff]),
      });
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '3');
      const body = await jsonOf(res, errorBody);
      assert.equal(body.error.code, 'overloaded');
      assert.equal(body.error.message, localizer.t('en')('photoChat:busy'));
    } finally {
      server.close();
    }
  });

  it('has the bot say it is busy and to try again in a moment', async () => {
    const attachments = {
      pick: () => ({ contentType: 'image/jpeg' }),
      read: async () => Buffer.from([0xff, 0xd8, 0xff]),
    };
    const harness = await createBotHarness({ photo: { diagnoser: overloaded, attachments } });
    const replies = await harness.deliver({
      type: 'message',
      text: '',
      locale: 'en',
      attachments: [{ contentType: 'image/jpeg', contentUrl: 'data:image/jpeg;base64,/9j/' }],
    });
    assert.ok(replies.some((r) => r.text === harness.runtime.localizer.t('en')('photoChat:busy')));
  });
});
