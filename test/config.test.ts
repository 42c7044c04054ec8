import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.databaseUrl, 'sqlite:./data/kyc-bot.db');
    assert.equal(config.defaultLocale, 'en');
    assert.equal(config.maxPhotoBytes, 15 * 1024 * 1024);
    assert.equal(config.ticketRetentionDays, 90);
    assert.equal(config.localWebChat, true);
    assert.ok(Object.isFrozen(config));
  });

  it('turns the local Web Chat off by default when a Bot Framework app id is configured', () => {
    assert.equal(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret' }).localWebChat, false);
    assert.equal(
      loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret', LOCAL_WEBCHAT: 'true' }).localWebChat,
      true,
    );
  });

  it('listens on loopback only without credentials, on every interface with them, and where HOST says', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.equal(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret' }).host, undefined);
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret', HOST: '::1' }).host, '::1');
  });

  it('bounds uploads, bodies and outbound calls with defaults that the environment can change', () => {
    const defaults = loadConfig({});
    assert.equal(defaults.uploadBudgetBytes, 120 * 1024 * 1024);
    assert.equal(defaults.uploadsPerAddress, 4);
    assert.equal(defaults.bodyTimeoutMs, 60_000);
    assert.deepEqual(defaults.outbound, { timeoutMs: 10_000, maxInFlight: 64 });
    // The budget always fits two photos of the largest allowed size.
    assert.equal(loadConfig({ MAX_PHOTO_MB: '100' }).uploadBudgetBytes, 200 * 1024 * 1024);
    const tuned = loadConfig({
      UPLOAD_BUDGET_MB: '0.5',
      UPLOADS_PER_ADDRESS: '2',
      BODY_TIMEOUT_SECONDS: '1.5',
      OUTBOUND_TIMEOUT_SECONDS: '0.25',
      OUTBOUND_MAX_IN_FLIGHT: '3',
    });
    assert.equal(tuned.uploadBudgetBytes, 512 * 1024);
    assert.equal(tuned.uploadsPerAddress, 2);
    assert.equal(tuned.bodyTimeoutMs, 1500);
    assert.deepEqual(tuned.outbound, { timeoutMs: 250, maxInFlight: 3 });
  });

  it('treats empty values as unset, as .env files write them', () => {
    assert.equal(loadConfig({ PORT: '', DIAGNOSE_API_KEY: '' }).port, 3978);
  });

  for (const [name, value] of [
    ['PORT', 'abc'],
    ['DATABASE_URL', 'mysql://x'],
    ['DEFAULT_LOCALE', 'de'],
    ['MAX_PHOTO_MB', '-1'],
    ['LOCAL_WEBCHAT', 'maybe'],
    ['AGENT_API_TOKEN', 'short'],
    ['OCR_WORKERS', '0'],
    ['HOST', 'not a host'],
    ['UPLOAD_BUDGET_MB', '0'],
    ['BODY_TIMEOUT_SECONDS', '-5'],
    ['OUTBOUND_MAX_IN_FLIGHT', '1.5'],
  ] as const) {
    it(`rejects ${name}=${value} with an error naming ${name} but not its value`, () => {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.includes(name) &&
          !error.message.includes(`=${value}`) &&
          !error.message.includes('\n'),
      );
    });
  }

  it('reads named agent tokens from AGENT_TOKENS', () => {
    const alice = 'alice-token-0123456789abcdef';
    const bob = 'bob-token-0123456789abcdefgh';
    const config = loadConfig({ AGENT_TOKENS: ` alice:${alice}, bob.li:${bob} ` });
    assert.deepEqual(config.agentTokens, [
      { name: 'alice', token: alice },
      { name: 'bob.li', token: bob },
    ]);
    assert.deepEqual(loadConfig({}).agentTokens, []);
  });

  for (const [problem, value] of [
    ['a pair without a colon', 'alice'],
    ['a short token', 'alice:short-token'],
    ['a duplicate name', 'alice:alice-token-0123456789abcdef,alice:other-token-0123456789abcdef'],
    ['a shared token', 'alice:same-token-0123456789abcdefgh,bob:same-token-0123456789abcdefgh'],
    ['a name with a space', 'al ice:alice-token-0123456789abcdef'],
    ['the reserved name api', 'api:alice-token-0123456789abcdef'],
  ] as const) {
    it(`refuses AGENT_TOKENS with ${problem} in one line naming the variable, never the token`, () => {
      assert.throws(
        () => loadConfig({ AGENT_TOKENS: value }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.startsWith('Invalid environment variable AGENT_TOKENS:') &&
          !/token-0123|short-token/.test(error.message) &&
          !error.message.includes('\n'),
      );
    });
  }

  it('refuses an AGENT_TOKENS token equal to AGENT_API_TOKEN', () => {
    const token = 'shared-token-0123456789abcdef';
    assert.throws(() => loadConfig({ AGENT_API_TOKEN: token, AGENT_TOKENS: `alice:${token}` }), /AGENT_TOKENS/);
  });

  it('requires the password when an app id is set', () => {
    assert.throws(() => loadConfig({ MicrosoftAppId: 'id' }), /MicrosoftAppPassword/);
  });

  it('exits non-zero with one line naming the variable when started with a bad value', function () {
    this.timeout(60_000);
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'src', 'index.ts')], {
      env: { ...process.env, PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 50_000,
    });
    assert.notEqual(result.status, 0);
    const lines = result.stderr
      .split('\n')
      .filter((l) => l.trim() && !l.includes('DEP0111') && !l.includes('trace-deprecation'));
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /PORT/);
  });
});
