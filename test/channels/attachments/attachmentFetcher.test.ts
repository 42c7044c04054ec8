import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { Attachment } from 'botbuilder';
import {
  AttachmentDownloadError,
  fetchAttachmentBytes,
  type AttachmentDownloadErrorCode,
  type AttachmentFetcherOptions,
} from '../../../src/channels/attachments/attachmentFetcher';
import { answer, fakeLookup, STAND_IN_HOSTS, startStandInServer, type StandInServer } from './standInServer';
import { teamsFileUpload, teamsMessageWithAttachments, teamsPastedImage } from './teamsActivities';

const MAX_BYTES = 64 * 1024;
const BOT_TOKEN = 'test-bot-token';
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(4096)]);

const publicStandIns = Object.fromEntries(STAND_IN_HOSTS.map((host) => [host, ['127.0.0.1']]));

function image(contentUrl: string): Attachment {
  return { contentType: 'image/jpeg', contentUrl, name: 'id.jpg' };
}

async function rejectsWith(
  promise: Promise<unknown>,
  code: AttachmentDownloadErrorCode,
): Promise<AttachmentDownloadError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AttachmentDownloadError, `expected an AttachmentDownloadError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}, the download succeeded`);
}

describe('fetchAttachmentBytes', () => {
  let server: StandInServer;
  let options: AttachmentFetcherOptions;
  let tokenRequests: number;
  const getBotToken = async (): Promise<string> => {
    tokenRequests++;
    return BOT_TOKEN;
  };
  const url = (host: string, path: string): string => `https://${host}:${server.port}${path}`;

  beforeEach(async () => {
    server = await startStandInServer();
    tokenRequests = 0;
    options = {
      maxBytes: MAX_BYTES,
      timeoutMs: 2000,
      allowLocalhostForEmulator: false,
      readLocal: () => undefined,
      lookup: fakeLookup(publicStandIns),
      testStandIn: { hosts: STAND_IN_HOSTS, ca: server.ca },
    };
    server.route('/photo.jpg', (_request, response) => answer(response, 200, { 'content-type': 'image/jpeg' }, photo));
  });

  afterEach(() => server.close());

  describe('Teams', () => {
    it('downloads a file upload from its downloadUrl without sending any Authorization header', async () => {
      const activity = teamsMessageWithAttachments([
        teamsFileUpload(url('files.example.test', '/photo.jpg?tempauth=secret')),
      ]);
      const [upload] = activity.attachments ?? [];
      assert.ok(upload);

      const bytes = await fetchAttachmentBytes(upload, { channelId: 'msteams', getBotToken }, options);

      assert.deepEqual(bytes, photo);
      assert.deepEqual(
        server.received.map((r) => [r.path, r.authorization]),
        [['/photo.jpg?tempauth=secret', undefined]],
      );
      assert.equal(tokenRequests, 0);
    });

    it('sends the bot token for a pasted image on the Bot Connector host', async () => {
      server.route('/amer/v3/attachments/0-eus-d1-abc/views/original', (request, response) => {
        if (request.headers.authorization !== `Bearer ${BOT_TOKEN}`) answer(response, 401);
        else answer(response, 200, {}, photo);
      });
      const activity = teamsMessageWithAttachments(
        teamsPastedImage(url('smba.trafficmanager.net', '/amer/v3/attachments/0-eus-d1-abc/views/original')),
      );
      const [pasted] = activity.attachments ?? [];
      assert.ok(pasted);

      const bytes = await fetchAttachmentBytes(pasted, { channelId: 'msteams', getBotToken }, options);

      assert.deepEqual(bytes, photo);
      assert.deepEqual(
        server.received.map((r) => [r.host.split(':')[0], r.authorization]),
        [['smba.trafficmanager.net', `Bearer ${BOT_TOKEN}`]],
      );
    });

    it('never sends the bot token to a host outside the exact allow-list, lookalikes included', async () => {
      for (const host of ['images.example.test', 'evil-smba.trafficmanager.net']) {
        await fetchAttachmentBytes(image(url(host, '/photo.jpg')), { channelId: 'msteams', getBotToken }, options);
      }

      assert.equal(server.received.length, 2);
      assert.ok(server.received.every((r) => r.authorization === undefined));
      assert.equal(tokenRequests, 0);
    });

    it('never sends the bot token from channels other than Teams', async () => {
      await fetchAttachmentBytes(
        image(url('smba.trafficmanager.net', '/photo.jpg')),
        { channelId: 'webchat', getBotToken },
        options,
      );

      assert.equal(server.received[0]?.authorization, undefined);
      assert.equal(tokenRequests, 0);
    });

    it('reports auth_failed when the Bot Connector refuses the token with 403', async () => {
      server.route('/amer/v3/attachments/x/views/original', (_request, response) => answer(response, 403));
      const [pasted] = teamsPastedImage(url('smba.trafficmanager.net', '/amer/v3/attachments/x/views/original'));
      assert.ok(pasted);

      await rejectsWith(fetchAttachmentBytes(pasted, { channelId: 'msteams', getBotToken }, options), 'auth_failed');
    });

    it('reports auth_failed when no token can be had', async () => {
      const failingToken = async (): Promise<string> => {
        throw new Error('AADSTS700016');
      };
      const [pasted] = teamsPastedImage(url('smba.trafficmanager.net', '/photo.jpg'));
      assert.ok(pasted);

      await rejectsWith(
        fetchAttachmentBytes(pasted, { channelId: 'msteams', getBotToken: failingToken }, options),
        'auth_failed',
      );
      assert.equal(server.received.length, 0);
    });

    it('refuses a file upload whose content has no downloadUrl', async () => {
      const broken: Attachment = {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        content: { fileType: 'jpg' },
      };

      await rejectsWith(fetchAttachmentBytes(broken, { channelId: 'msteams' }, options), 'bad_url');
    });
  });

  it('connects only to vetted addresses, trying the next one when the first refuses', async () => {
    const twoAddresses = fakeLookup({ 'files.example.test': ['127.0.0.2', '127.0.0.1'] });

    const bytes = await fetchAttachmentBytes(
      image(url('files.example.test', '/photo.jpg')),
      { channelId: 'webchat' },
      { ...options, lookup: twoAddresses },
    );

    assert.deepEqual(bytes, photo);
  });

  describe('in-memory sources', () => {
    it('decodes a base64 data: URI without any request', async () => {
      const bytes = await fetchAttachmentBytes(
        image(`data:image/jpeg;base64,${photo.toString('base64')}`),
        { channelId: 'webchat' },
        options,
      );

      assert.deepEqual(bytes, photo);
    });

    it('refuses a data: URI over the size limit before decoding it', async () => {
      const big = `data:image/png;base64,${'A'.repeat(Math.ceil((MAX_BYTES * 4) / 3) + 8)}`;

      await rejectsWith(fetchAttachmentBytes(image(big), { channelId: 'webchat' }, options), 'too_large');
    });

    it('refuses an empty or malformed data: URI', async () => {
      await rejectsWith(
        fetchAttachmentBytes(image('data:image/png;base64,'), { channelId: 'webchat' }, options),
        'no_content',
      );
      await rejectsWith(
        fetchAttachmentBytes(image('data:image/png;base64,@@@'), { channelId: 'webchat' }, options),
        'bad_url',
      );
    });

    it("reads the local Direct Line's own upload in-process, never over HTTP", async () => {
      const localUrl = `http://localhost:${server.port}/v3/attachments/unguessable/views/original`;
      const readLocal = (candidate: string): Buffer | undefined => (candidate === localUrl ? photo : undefined);

      const bytes = await fetchAttachmentBytes(image(localUrl), { channelId: 'webchat' }, { ...options, readLocal });

      assert.deepEqual(bytes, photo);
      assert.equal(server.received.length, 0);
    });

    it('refuses a local Direct Line URL that is no longer in the store instead of fetching it', async () => {
      const expired = `http://localhost:${server.port}/v3/attachments/gone/views/original`;

      await rejectsWith(fetchAttachmentBytes(image(expired), { channelId: 'webchat' }, options), 'blocked_address');
      assert.equal(server.received.length, 0);
    });
  });

  describe('address checks', () => {
    const blockedUrls = (port: number): string[] => [
      `https://127.0.0.1:${port}/photo.jpg`,
      `https://localhost:${port}/photo.jpg`,
      'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'https://10.0.0.5/photo.jpg',
      `https://[::1]:${port}/photo.jpg`,
      `https://[::ffff:127.0.0.1]:${port}/photo.jpg`,
      'https://0.0.0.0/photo.jpg',
      'https://[fd00::1]/photo.jpg',
      `https://2130706433:${port}/photo.jpg`,
    ];

    it('refuses loopback, link-local metadata, private and unspecified addresses from a non-local channel', async () => {
      for (const blocked of blockedUrls(server.port)) {
        for (const channelId of ['webchat', 'msteams', 'directline']) {
          await rejectsWith(
            fetchAttachmentBytes(image(blocked), { channelId, getBotToken }, options),
            'blocked_address',
          );
        }
      }
      assert.equal(server.received.length, 0);
      assert.equal(tokenRequests, 0);
    });

    it('refuses a public-looking host name that resolves to a loopback or private address', async () => {
      const lookup = fakeLookup({
        'rebind.example.test': ['127.0.0.1'],
        'mixed.example.test': ['93.184.215.14', '10.1.2.3'],
      });
      const vetted = { ...options, lookup, testStandIn: undefined };

      for (const host of ['rebind.example.test', 'mixed.example.test']) {
        await rejectsWith(
          fetchAttachmentBytes(image(url(host, '/photo.jpg')), { channelId: 'webchat' }, vetted),
          'blocked_address',
        );
      }
      assert.equal(server.received.length, 0);
    });

    it('refuses a stand-in host name once it is no longer declared a test stand-in', async () => {
      await rejectsWith(
        fetchAttachmentBytes(
          image(url('files.example.test', '/photo.jpg')),
          { channelId: 'webchat' },
          { ...options, testStandIn: undefined },
        ),
        'blocked_address',
      );
    });

    it('refuses plain http to a public host', async () => {
      await rejectsWith(
        fetchAttachmentBytes(
          image(`http://files.example.test:${server.port}/photo.jpg`),
          { channelId: 'webchat' },
          options,
        ),
        'bad_url',
      );
    });

    it('refuses URLs with credentials and URLs that do not parse', async () => {
      await rejectsWith(
        fetchAttachmentBytes(image(url('user:pw@files.example.test', '/photo.jpg')), { channelId: 'webchat' }, options),
        'bad_url',
      );
      await rejectsWith(fetchAttachmentBytes(image('not a url'), { channelId: 'webchat' }, options), 'bad_url');
    });
  });

  describe('Emulator on localhost', () => {
    let emulator: StandInServer;
    beforeEach(async () => {
      emulator = await startStandInServer('http');
      emulator.route('/v3/attachments/a1/views/original', (_request, response) => answer(response, 200, {}, photo));
    });
    afterEach(() => emulator.close());
    const emulatorUrl = (): string => `http://localhost:${emulator.port}/v3/attachments/a1/views/original`;
    const localLookup = fakeLookup({ localhost: ['127.0.0.1'] });

    it('downloads the Emulator attachment over http://localhost in local development', async () => {
      const bytes = await fetchAttachmentBytes(
        image(emulatorUrl()),
        { channelId: 'emulator' },
        {
          ...options,
          lookup: localLookup,
          allowLocalhostForEmulator: true,
        },
      );

      assert.deepEqual(bytes, photo);
    });

    it('refuses the same URL when the bot runs with Bot Framework credentials', async () => {
      await rejectsWith(
        fetchAttachmentBytes(image(emulatorUrl()), { channelId: 'emulator' }, { ...options, lookup: localLookup }),
        'blocked_address',
      );
      assert.equal(emulator.received.length, 0);
    });

    it('refuses localhost from any other channel even in local development', async () => {
      const local = { ...options, lookup: localLookup, allowLocalhostForEmulator: true };
      await rejectsWith(fetchAttachmentBytes(image(emulatorUrl()), { channelId: 'webchat' }, local), 'blocked_address');
      assert.equal(emulator.received.length, 0);
    });

    it('still refuses private non-loopback addresses for the Emulator', async () => {
      const local = { ...options, allowLocalhostForEmulator: true };
      await rejectsWith(
        fetchAttachmentBytes(image('http://192.168.1.20/x.jpg'), { channelId: 'emulator' }, local),
        'blocked_address',
      );
    });
  });

  describe('redirects', () => {
    it('follows a redirect on the same host', async () => {
      server.route('/moved', (_request, response) => answer(response, 302, { location: '/photo.jpg' }));

      const bytes = await fetchAttachmentBytes(
        image(url('files.example.test', '/moved')),
        { channelId: 'webchat' },
        options,
      );

      assert.deepEqual(bytes, photo);
      assert.deepEqual(
        server.received.map((r) => r.path),
        ['/moved', '/photo.jpg'],
      );
    });

    it('refuses a redirect to another host without contacting it', async () => {
      server.route('/away', (_request, response) =>
        answer(response, 302, { location: url('other.example.test', '/photo.jpg') }),
      );

      await rejectsWith(
        fetchAttachmentBytes(image(url('files.example.test', '/away')), { channelId: 'webchat' }, options),
        'redirect',
      );
      assert.deepEqual(
        server.received.map((r) => r.path),
        ['/away'],
      );
    });

    it('refuses a redirect from the Bot Connector host, so the token cannot follow it elsewhere', async () => {
      server.route('/amer/v3/attachments/r/views/original', (_request, response) =>
        answer(response, 307, { location: url('images.example.test', '/photo.jpg') }),
      );
      const [pasted] = teamsPastedImage(url('smba.trafficmanager.net', '/amer/v3/attachments/r/views/original'));
      assert.ok(pasted);

      await rejectsWith(fetchAttachmentBytes(pasted, { channelId: 'msteams', getBotToken }, options), 'redirect');
      assert.equal(server.received.length, 1);
    });

    it('gives up after 3 redirects', async () => {
      server.route('/loop', (_request, response) => answer(response, 302, { location: '/loop' }));

      await rejectsWith(
        fetchAttachmentBytes(image(url('files.example.test', '/loop')), { channelId: 'webchat' }, options),
        'redirect',
      );
      assert.equal(server.received.length, 4);
    });
  });

  describe('size, status and time limits', () => {
    it('refuses a body whose Content-Length is over the limit', async () => {
      server.route('/huge', (_request, response) => {
        response.writeHead(200, { 'content-length': String(100 * 1024 * 1024) });
        response.write(photo);
      });

      await rejectsWith(
        fetchAttachmentBytes(image(url('files.example.test', '/huge')), { channelId: 'webchat' }, options),
        'too_large',
      );
    });

    it('stops reading a body without Content-Length as soon as it passes the limit', async () => {
      let written = 0;
      let closedEarly = false;
      server.route('/stream', (_request, response) => {
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        const chunk = Buffer.alloc(16 * 1024, 1);
        const timer = setInterval(() => {
          written += chunk.length;
          response.write(chunk);
        }, 2);
        response.on('close', () => {
          clearInterval(timer);
          closedEarly = !response.writableEnded;
        });
      });

      await rejectsWith(
        fetchAttachmentBytes(image(url('files.example.test', '/stream')), { channelId: 'webchat' }, options),
        'too_large',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(closedEarly, 'the download should hang up on the server');
      assert.ok(written < 20 * MAX_BYTES, `the server kept writing: ${written} bytes`);
    });

    it('gives up on a server that answers too slowly', async () => {
      server.route('/slow', (_request, response) => {
        response.writeHead(200);
        response.write(photo.subarray(0, 10));
      });
      const started = Date.now();

      await rejectsWith(
        fetchAttachmentBytes(
          image(url('files.example.test', '/slow')),
          { channelId: 'webchat' },
          { ...options, timeoutMs: 200 },
        ),
        'timeout',
      );
      assert.ok(Date.now() - started < 1500);
    });

    it('gives up on a name lookup that never answers', async () => {
      const hanging = (): Promise<string[]> => new Promise(() => undefined);

      await rejectsWith(
        fetchAttachmentBytes(
          image('https://files.example.test/x.jpg'),
          { channelId: 'webchat' },
          { ...options, lookup: hanging, timeoutMs: 100 },
        ),
        'timeout',
      );
    });

    it('reports http_status for a 404 and no_content for an empty body', async () => {
      server.route('/empty', (_request, response) => answer(response, 200, { 'content-length': '0' }));

      await rejectsWith(
        fetchAttachmentBytes(image(url('files.example.test', '/missing')), { channelId: 'webchat' }, options),
        'http_status',
      );
      await rejectsWith(
        fetchAttachmentBytes(image(url('files.example.test', '/empty')), { channelId: 'webchat' }, options),
        'no_content',
      );
    });

    it('keeps the URL and its token out of error messages', async () => {
      server.route('/deny', (_request, response) => answer(response, 500));

      const error = await rejectsWith(
        fetchAttachmentBytes(
          image(url('files.example.test', '/deny?tempauth=SECRET-TOKEN')),
          { channelId: 'webchat' },
          options,
        ),
        'http_status',
      );
      assert.doesNotMatch(`${error.message} ${error.stack ?? ''}`, /SECRET-TOKEN|files\.example\.test/);
    });

    it('reports no_content for an attachment without any URL', async () => {
      await rejectsWith(
        fetchAttachmentBytes({ contentType: 'image/png' }, { channelId: 'webchat' }, options),
        'no_content',
      );
    });
  });
});
