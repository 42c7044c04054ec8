import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { teamsCommandTitles, type TeamsManifest } from '../../../src/channels/teams/manifest';
import { newestTeamsSchemaVersion, teamsSchemaValidator } from '../../../scripts/teams/teamsSchema';
import { buildTeamsPackage, TeamsPackageError } from '../../../scripts/teamsPackage';
import { readZip } from './zipReader';

const BOT_ID = '6f1c2a3b-1234-4abc-8def-0123456789ab';
const ENV = { MicrosoftAppId: BOT_ID, BRAND_NAME: 'KYC Help' };

function record(value: unknown): Record<string, unknown> {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), 'expected a JSON object');
  return Object.fromEntries(Object.entries(value));
}

function jsonObject(bytes: Buffer | undefined): Record<string, unknown> {
  assert.ok(bytes, 'file missing from the package');
  return record(JSON.parse(bytes.toString('utf8')));
}

async function rejectsAsInvalid(promise: Promise<unknown>, problem: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TeamsPackageError, String(error));
    assert.match(error.message, problem);
    return true;
  });
}

describe('Teams app package', () => {
  let dir: string;
  let outFile: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
    outFile = path.join(dir, 'kyc-support-bot.zip');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds a zip whose manifest and zh-CN strings pass the newest official schema', async () => {
    const built = await buildTeamsPackage({ env: ENV, outFile });
    const files = readZip(fs.readFileSync(outFile));

    assert.deepEqual([...files.keys()].sort(), ['color.png', 'manifest.json', 'outline.png', 'zh-CN.json']);
    const schemaVersion = newestTeamsSchemaVersion();
    assert.equal(built.schemaVersion, schemaVersion);
    const validator = teamsSchemaValidator(schemaVersion);
    const manifest = jsonObject(files.get('manifest.json'));
    assert.deepEqual(validator.manifest(manifest), []);
    assert.deepEqual(validator.localization(jsonObject(files.get('zh-CN.json'))), []);
    assert.equal(manifest.manifestVersion, schemaVersion);
  });

  it('declares the bot from MicrosoftAppId in personal scope with file support and the commands', async () => {
    await buildTeamsPackage({ env: ENV, outFile });
    const manifest = jsonObject(readZip(fs.readFileSync(outFile)).get('manifest.json'));

    assert.ok(Array.isArray(manifest.bots) && manifest.bots.length === 1);
    const bot = record(manifest.bots[0]);
    assert.equal(bot.botId, BOT_ID);
    assert.equal(manifest.id, BOT_ID);
    assert.deepEqual(bot.scopes, ['personal']);
    assert.equal(bot.supportsFiles, true);
    assert.equal(manifest.defaultInstallScope, 'personal');
    const commandTitles = JSON.stringify(bot.commandLists);
    for (const title of ['check my photo', 'talk to a person', 'help', 'menu'])
      assert.ok(commandTitles.includes(`"title":"${title}"`), title);
    assert.deepEqual(record(manifest.localizationInfo).additionalLanguages, [
      { languageTag: 'zh-cn', file: 'zh-CN.json' },
    ]);
  });

  it('makes a 192x192 colour icon and a 32x32 outline that is white on transparent', async () => {
    await buildTeamsPackage({ env: ENV, outFile });
    const files = readZip(fs.readFileSync(outFile));
    const color = files.get('color.png');
    const outline = files.get('outline.png');
    assert.ok(color && outline);

    const colorMeta = await sharp(color).metadata();
    assert.deepEqual([colorMeta.format, colorMeta.width, colorMeta.height], ['png', 192, 192]);
    const { data, info } = await sharp(outline).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([info.width, info.height, info.channels], [32, 32, 4]);
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) transparent++;
      else {
        drawn++;
        assert.deepEqual([data[i], data[i + 1], data[i + 2]], [255, 255, 255], `pixel ${i / 4} is not white`);
      }
    }
    assert.ok(transparent > 32 * 32 * 0.4, 'the outline background must be transparent');
    assert.ok(drawn > 60, 'the outline must draw something');
  });

  it('offers command titles the conversation understands, in English and Chinese', () => {
    const commands: unknown = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../../dialogs/commands.json'), 'utf8'),
    );
    assert.ok(typeof commands === 'object' && commands !== null);
    const triggers = (language: string): Set<string> =>
      new Set(
        Object.values(commands).flatMap((entry: unknown) => {
          if (typeof entry !== 'object' || entry === null || !(language in entry)) return [];
          const list: unknown = Object.entries(entry).find(([key]) => key === language)?.[1];
          return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
        }),
      );
    const titles = teamsCommandTitles();

    assert.deepEqual(
      titles.en.filter((title) => !triggers('en').has(title)),
      [],
    );
    assert.deepEqual(
      titles.zhCN.filter((title) => !triggers('zh-CN').has(title)),
      [],
    );
  });

  it('refuses to build without MicrosoftAppId, saying which variable is missing', async () => {
    await rejectsAsInvalid(
      buildTeamsPackage({ env: { BRAND_NAME: 'KYC Help' }, outFile }),
      /MicrosoftAppId is not set/,
    );
    await rejectsAsInvalid(
      buildTeamsPackage({ env: { MicrosoftAppId: 'my-bot' }, outFile }),
      /MicrosoftAppId must be a GUID/,
    );
    await rejectsAsInvalid(
      buildTeamsPackage({ env: { ...ENV, TEAMS_APP_VERSION: '1.0' }, outFile }),
      /MAJOR\.MINOR\.PATCH/,
    );
    assert.equal(fs.existsSync(outFile), false);
  });

  it('refuses a manifest the schema rejects: no bot id, an unknown schema version, a version that is not semver', async () => {
    const withoutBotId = (manifest: TeamsManifest): unknown => ({
      ...manifest,
      bots: manifest.bots.map(({ botId: _dropped, ...bot }) => bot),
    });
    await rejectsAsInvalid(
      buildTeamsPackage({ env: ENV, outFile, adjustManifest: withoutBotId }),
      /\/bots\/0: must have required property 'botId'/,
    );
    await rejectsAsInvalid(
      buildTeamsPackage({
        env: ENV,
        outFile,
        adjustManifest: (manifest) => ({ ...manifest, manifestVersion: '1.99' }),
      }),
      /\/manifestVersion/,
    );
    await rejectsAsInvalid(
      buildTeamsPackage({ env: ENV, outFile, adjustManifest: (manifest) => ({ ...manifest, version: 'v2' }) }),
      /\/version: must be MAJOR\.MINOR\.PATCH/,
    );
    assert.equal(fs.existsSync(outFile), false);
  });

  it('picks the highest numbered schema version, not the last in alphabetical order', () => {
    const schemas = path.join(dir, 'schemas');
    for (const folder of ['v1.4', 'v1.30', 'v1.9', 'v1.100', 'vDevPreview'])
      fs.mkdirSync(path.join(schemas, folder), { recursive: true });

    assert.equal(newestTeamsSchemaVersion(schemas), '1.100');
  });
});
