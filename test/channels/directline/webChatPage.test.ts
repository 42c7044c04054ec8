import assert from 'node:assert/strict';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startDirectLineServer, type DirectLineTestServer } from './directLineTestServer';

describe('local Web Chat page', () => {
  let server: DirectLineTestServer;

  before(async () => {
    server = await startDirectLineServer({ brandName: 'Acme <KYC> & "Help"', defaultLocale: 'zh-CN' });
  });
  after(() => server.close());

  it('serves a branded HTML page with the brand escaped, a CSP and no inline script', async () => {
    const res = await fetch(`${server.baseUrl}/`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const html = await res.text();
    assert.ok(html.includes('<title>Acme &lt;KYC&gt; &amp; &quot;Help&quot;</title>'));
    assert.ok(!html.includes('<KYC>'));
    assert.match(html, /data-default-locale="zh-CN"/);
    assert.doesNotMatch(html, /<script>(?!<\/script>)/, 'every script has a src');
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN or other origin');
  });

  it("serves Web Chat's bundle from node_modules as JavaScript and revalidates with an ETag", async () => {
    const res = await fetch(`${server.baseUrl}/webchat/webchat.js`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const body = await res.text();
    assert.ok(body.length > 1_000_000);
    assert.ok(body.includes('renderWebChat'));

    const raw = await fetch(`${server.baseUrl}/webchat/app.js`, { headers: { 'accept-encoding': 'gzip' } });
    const etag = raw.headers.get('etag') ?? '';
    assert.ok(etag);
    const again = await fetch(`${server.baseUrl}/webchat/app.js`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it('serves its stylesheet and icon with their content types', async () => {
    const css = await fetch(`${server.baseUrl}/webchat/page.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const icon = await fetch(`${server.baseUrl}/webchat/icon.svg`);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
  });

  it('answers 404 to anything outside its fixed file table, path traversal included', async () => {
    for (const path of [
      '/webchat/..%2F..%2F..%2Fpackage.json',
      '/webchat/%2e%2e%2fpackage.json',
      '/webchat/app.js%00.css',
      '/webchat/constructor',
      '/webchat/__proto__',
      '/webchat/webchat-es5.js',
      '/webchat/../package.json',
    ]) {
      const res = await fetch(`${server.baseUrl}${path}`);
      assert.equal(res.status === 404 || res.status === 400, true, `${path} answered ${res.status}`);
      assert.doesNotMatch(await res.text(), /"dependencies"/);
    }
  });

  it('gzips as the browser negotiates', () => {
    // Node's fetch decodes gzip itself; check the encoding with a raw request instead.
    return new Promise<void>((resolve, reject) => {
      get(`${server.baseUrl}/webchat/page.css`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            assert.equal(res.headers['content-encoding'], 'gzip');
            assert.match(gunzipSync(Buffer.concat(chunks)).toString('utf8'), /--brand/);
            resolve();
          } catch (error) {
            reject(error);
          }
        });
      }).on('error', reject);
    });
  });
});
