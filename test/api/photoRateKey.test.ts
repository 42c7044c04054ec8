import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../support/appHarness';
import { errorBody, jsonOf } from '../support/json';

function postPhoto(running: RunningApp, headers: Record<string, string>): Promise<Response> {
  return fetch(`${running.baseUrl}/api/diagnose/photo`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg', ...headers },
    body: Buffer.from('not a photo'),
  });
}

describe('POST /api/diagnose/photo rate limit key', function () {
  this.timeout(60_000);

  describe('without DIAGNOSE_API_KEY', () => {
    let running: RunningApp;
    before(async () => {
      running = await startApp({ PHOTO_RATE_PER_MINUTE: '3' });
    });
    after(async () => running.stop());

    it('counts one address as one client whatever Authorization header it invents', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await postPhoto(running, { authorization: `Bearer fresh-bucket-${i}` });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      assert.deepEqual(
        statuses.map((s) => s === 429),
        [false, false, false, true, true],
      );
    });
  });

  describe('with DIAGNOSE_API_KEY', () => {
    const key = 'diagnose-key-for-tests-0123456789';
    let running: RunningApp;
    before(async () => {
      running = await startApp({ PHOTO_RATE_PER_MINUTE: '2', DIAGNOSE_API_KEY: key });
    });
    after(async () => running.stop());

    it('refuses a wrong key with 401 without spending the key holder’s budget', async () => {
      for (let i = 0; i < 4; i++) {
        const res = await postPhoto(running, { authorization: `Bearer wrong-key-${i}-0123456789` });
        assert.equal(res.status, 401);
        assert.equal((await jsonOf(res, errorBody)).error.code, 'unauthorized');
      }
      const ok = await postPhoto(running, { authorization: `Bearer ${key}` });
      assert.notEqual(ok.status, 429);
      await ok.arrayBuffer();
    });
  });
});
