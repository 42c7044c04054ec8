import assert from 'node:assert/strict';
import { readLocalAttachment, isLocalAttachmentUrl } from '../../../src/channels/directline/localDirectLine';
import { DirectLineClient, fromBot } from './directLineClient';
import { startDirectLineServer, type DirectLineTestServer } from './directLineTestServer';

const MAX_UPLOAD_BYTES = 64 * 1024;

function uploadForm(
  files: { name: string; type: string; bytes: Buffer }[],
  activity: unknown = defaultActivity(files),
): FormData {
  const form = new FormData();
  // As DirectLineJS builds it: the activity as a Blob part, then one `file` part per file.
  form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
  for (const file of files) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  return form;
}

function defaultActivity(files: { name: string; type: string }[]): unknown {
  return {
    type: 'message',
    from: { id: 'u_test_0123456789ab', role: 'user' },
    channelData: { clientActivityID: 'upload-1' },
    attachments: files.map((file) => ({ contentType: file.type, name: file.name })),
  };
}

describe('local Direct Line: uploads', () => {
  let server: DirectLineTestServer;
  let client: DirectLineClient;
  let clock: number;

  beforeEach(async () => {
    clock = Date.parse('2026-11-28T08:00:00Z');
    server = await startDirectLineServer({ maxUploadBytes: MAX_UPLOAD_BYTES, now: () => clock });
    client = new DirectLineClient(server.baseUrl);
    await client.start();
    await client.waitFor(fromBot);
  });
  afterEach(() => server.close());

  const upload = (
    body: RequestInit['body'],
    headers: Record<string, string> = {},
    token = client.token,
  ): Promise<Response> =>
    client.request(
      `/v3/directline/conversations/${client.conversationId}/upload?userId=u_test_0123456789ab`,
      { method: 'POST', body, headers },
      token,
    );

  it('keeps an uploaded photo in memory, echoes it with a local contentUrl, and lets the bot read it in-process', async () => {
    const photo = Buffer.from('\x89PNG\r\n\x1a\n fake image bytes');
    const res = await upload(uploadForm([{ name: 'id-card.png', type: 'image/png', bytes: photo }]));
    assert.equal(res.status, 200);
    const [echo, reply] = await client.waitFor(() => true, 2);
    assert.equal(echo?.channelData?.clientActivityID, 'upload-1');
    const attachment = echo?.attachments?.[0];
    assert.equal(attachment?.name, 'id-card.png');
    assert.equal(attachment?.contentType, 'image/png');
    const url = attachment?.contentUrl ?? '';
    assert.match(url, new RegExp(`^${server.baseUrl}/v3/attachments/[A-Za-z0-9_-]{43}/views/original$`));
    assert.equal(reply?.text, `received id-card.png: ${photo.length} bytes`);
    assert.deepEqual(readLocalAttachment(url), photo);
    assert.equal(isLocalAttachmentUrl(url), true);
    assert.equal(isLocalAttachmentUrl(url.replace('127.0.0.1', 'localhost')), false);

    const download = await fetch(url);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.match(download.headers.get('cache-control') ?? '', /no-store/);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), photo);
  });

  it('never serves an upload to another conversation, and serves active content only as a download', async () => {
    const html = Buffer.from('<script>alert(1)</script>');
    await upload(uploadForm([{ name: 'page.html', type: 'text/html', bytes: html }]));
    const [echo] = await client.waitFor((a) => (a.attachments?.length ?? 0) > 0);
    const url = echo?.attachments?.[0]?.contentUrl ?? '';
    const inline = await fetch(url);
    assert.equal(inline.headers.get('content-type'), 'application/octet-stream');
    assert.equal(inline.headers.get('content-disposition'), 'attachment');

    const other = new DirectLineClient(server.baseUrl);
    await other.start();
    const path = new URL(url).pathname;
    assert.equal((await other.request(path)).status, 403);
    const guessed = path.replace(/attachments\/[^/]+/, 'attachments/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.equal((await fetch(`${server.baseUrl}${guessed}`)).status, 404);
  });

  it('drops the bytes when the conversation expires', async () => {
    await upload(uploadForm([{ name: 'a.png', type: 'image/png', bytes: Buffer.alloc(100, 1) }]));
    const [echo] = await client.waitFor((a) => (a.attachments?.length ?? 0) > 0);
    const url = echo?.attachments?.[0]?.contentUrl ?? '';
    assert.equal((await fetch(url)).status, 200);
    clock += 61 * 60_000;
    assert.equal((await fetch(url)).status, 404);
    assert.equal(readLocalAttachment(url), undefined);
  });

  it('deletes the conversation, its tokens and its uploads when the user starts over', async () => {
    await upload(uploadForm([{ name: 'a.png', type: 'image/png', bytes: Buffer.alloc(100, 1) }]));
    const [echo] = await client.waitFor((a) => (a.attachments?.length ?? 0) > 0);
    const url = echo?.attachments?.[0]?.contentUrl ?? '';
    const res = await client.send({ type: 'endOfConversation' });
    assert.equal(res.status, 200);
    const deadline = Date.now() + 5000;
    while (readLocalAttachment(url) !== undefined && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(readLocalAttachment(url), undefined);
    assert.equal((await fetch(url)).status, 404);
    assert.equal((await client.request(client.activitiesPath('0'))).status, 404);
  });

  it('answers 413 for a file over the cap and for files that together exceed it', async () => {
    const big = await upload(
      uploadForm([{ name: 'big.png', type: 'image/png', bytes: Buffer.alloc(MAX_UPLOAD_BYTES + 1) }]),
    );
    assert.equal(big.status, 413);
    const body: unknown = await big.json();
    assert.deepEqual(body, { error: { code: 'payload_too_large', message: 'The upload is larger than allowed.' } });
    const half = Buffer.alloc(MAX_UPLOAD_BYTES / 2 + 10);
    const together = await upload(
      uploadForm([
        { name: 'a.png', type: 'image/png', bytes: half },
        { name: 'b.png', type: 'image/png', bytes: half },
      ]),
    );
    assert.equal(together.status, 413);
    const sixFiles = Array.from({ length: 6 }, (_, i) => ({
      name: `${i}.png`,
      type: 'image/png',
      bytes: Buffer.alloc(10),
    }));
    assert.equal((await upload(uploadForm(sixFiles))).status, 413);
    // Far over the cap, refused from Content-Length before a byte is parsed.
    const huge = await upload(
      uploadForm([{ name: 'huge.png', type: 'image/png', bytes: Buffer.alloc(4 * 1024 * 1024) }]),
    );
    assert.equal(huge.status, 413);
    // The conversation still works afterwards.
    await client.send({ type: 'message', text: 'after' });
    await client.waitFor((a) => a.text === 'echo: after');
  });

  it('answers 400 for a malformed multipart body, a missing activity part, or a bad activity', async () => {
    const truncated = await upload(
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
      {
        'Content-Type': 'multipart/form-data; boundary=xyz',
      },
    );
    assert.equal(truncated.status, 400);
    const noBoundary = await upload('abc', { 'Content-Type': 'multipart/form-data; charset=utf-8' });
    assert.equal(noBoundary.status, 400);
    const noActivity = new FormData();
    noActivity.append('file', new Blob([Buffer.alloc(4)], { type: 'image/png' }), 'a.png');
    assert.equal((await upload(noActivity)).status, 400);
    const badJson = new FormData();
    badJson.append('activity', new Blob(['{not json'], { type: 'application/vnd.microsoft.activity' }));
    badJson.append('file', new Blob([Buffer.alloc(4)], { type: 'image/png' }), 'a.png');
    assert.equal((await upload(badJson)).status, 400);
    const notMessage = uploadForm([{ name: 'a.png', type: 'image/png', bytes: Buffer.alloc(4) }], { type: 'event' });
    assert.equal((await upload(notMessage)).status, 400);
    const noFile = new FormData();
    noFile.append(
      'activity',
      new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }),
    );
    assert.equal((await upload(noFile)).status, 400);
  });

  it('answers 415 for an upload that is not multipart', async () => {
    const res = await upload(JSON.stringify({ type: 'message' }), { 'Content-Type': 'application/json' });
    assert.equal(res.status, 415);
  });

  it("refuses an upload with another conversation's token", async () => {
    const other = new DirectLineClient(server.baseUrl);
    await other.start();
    const res = await upload(
      uploadForm([{ name: 'a.png', type: 'image/png', bytes: Buffer.alloc(4) }]),
      {},
      other.token,
    );
    assert.equal(res.status, 403);
  });
});
