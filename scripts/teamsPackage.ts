import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  buildTeamsManifest,
  buildTeamsZhCnLocalization,
  TEAMS_PACKAGE_FILES,
  TeamsManifestError,
  type TeamsManifest,
} from '../src/channels/teams/manifest';
import { renderColorIcon, renderOutlineIcon } from './teams/teamsIcons';
import { newestTeamsSchemaVersion, teamsSchemaValidator } from './teams/teamsSchema';
import { createZip } from './teams/zipArchive';

/**
 * `npm run teams:package`: builds build/teams/kyc-support-bot.zip, the app package to sideload in
 * Microsoft Teams, and refuses to write it unless it passes the official manifest schema.
 */

const PROJECT_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_PACKAGE_FILE = path.join(PROJECT_ROOT, 'build', 'teams', 'kyc-support-bot.zip');

const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

const packageEnvSchema = z.object({
  MicrosoftAppId: optionalText,
  BRAND_NAME: optionalText,
  /** Defaults to package.json's version. */
  TEAMS_APP_VERSION: optionalText,
  /** Comma-separated, e.g. the bot's public host. */
  TEAMS_VALID_DOMAINS: optionalText,
  TEAMS_WEBSITE_URL: optionalText,
  TEAMS_PRIVACY_URL: optionalText,
  TEAMS_TERMS_URL: optionalText,
});

export class TeamsPackageError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length === 0 ? message : `${message}\n  ${problems.join('\n  ')}`);
    this.name = 'TeamsPackageError';
  }
}

export interface TeamsPackageOptions {
  env: NodeJS.ProcessEnv;
  outFile?: string;
  /** Where the Teams schemas live; the installed `@microsoft/app-manifest` by default. */
  schemasDir?: string;
  /** Last look at the manifest before validation; lets a test prove a broken one is refused. */
  adjustManifest?: (manifest: TeamsManifest) => unknown;
}

export interface TeamsPackage {
  outFile: string;
  schemaVersion: string;
  manifest: unknown;
}

export async function buildTeamsPackage(options: TeamsPackageOptions): Promise<TeamsPackage> {
  const env = packageEnvSchema.parse(options.env);
  if (!env.MicrosoftAppId) {
    throw new TeamsPackageError(
      "MicrosoftAppId is not set. The Teams package needs the bot's Microsoft App ID (Azure Bot > Configuration); set it in the environment or in .env.",
    );
  }
  const schemaVersion = newestTeamsSchemaVersion(options.schemasDir);
  const input = {
    botId: env.MicrosoftAppId,
    brandName: env.BRAND_NAME ?? 'KYC Help',
    version: env.TEAMS_APP_VERSION ?? packageVersion(),
    schemaVersion,
    validDomains: (env.TEAMS_VALID_DOMAINS ?? '')
      .split(',')
      .map((domain) => domain.trim())
      .filter((domain) => domain !== ''),
    developer: {
      ...(env.TEAMS_WEBSITE_URL ? { websiteUrl: env.TEAMS_WEBSITE_URL } : {}),
      ...(env.TEAMS_PRIVACY_URL ? { privacyUrl: env.TEAMS_PRIVACY_URL } : {}),
      ...(env.TEAMS_TERMS_URL ? { termsOfUseUrl: env.TEAMS_TERMS_URL } : {}),
    },
  };
  let built: TeamsManifest;
  try {
    built = buildTeamsManifest(input);
  } catch (error) {
    if (error instanceof TeamsManifestError) throw new TeamsPackageError(error.message);
    throw error;
  }
  const manifest = options.adjustManifest ? options.adjustManifest(built) : built;
  const localization = buildTeamsZhCnLocalization(input);

  const validator = teamsSchemaValidator(schemaVersion, options.schemasDir);
  const problems = [
    ...validator.manifest(manifest).map((problem) => `${TEAMS_PACKAGE_FILES.manifest} ${problem}`),
    ...validator.localization(localization).map((problem) => `${TEAMS_PACKAGE_FILES.zhCN} ${problem}`),
  ];
  if (problems.length > 0)
    throw new TeamsPackageError(`The Teams manifest does not match schema v${schemaVersion}:`, problems);

  const zip = createZip([
    { name: TEAMS_PACKAGE_FILES.manifest, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: TEAMS_PACKAGE_FILES.color, data: await renderColorIcon() },
    { name: TEAMS_PACKAGE_FILES.outline, data: await renderOutlineIcon() },
    { name: TEAMS_PACKAGE_FILES.zhCN, data: Buffer.from(`${JSON.stringify(localization, null, 2)}\n`) },
  ]);
  const outFile = options.outFile ?? DEFAULT_PACKAGE_FILE;
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, zip);
  return { outFile, schemaVersion, manifest };
}

function packageVersion(): string {
  const pkg = z
    .object({ version: z.string() })
    .parse(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')));
  return pkg.version;
}

async function main(): Promise<void> {
  const envFile = path.join(PROJECT_ROOT, '.env');
  // Variables already in the environment win over .env, as with `node --env-file`.
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  const built = await buildTeamsPackage({ env: process.env });
  console.log(
    `Teams app package (manifest schema v${built.schemaVersion}, valid): ${path.relative(process.cwd(), built.outFile)}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof TeamsPackageError ? error.message : error);
    process.exitCode = 1;
  });
}
