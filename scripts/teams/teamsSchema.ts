import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * Offline validation against the Teams manifest JSON schemas shipped in `@microsoft/app-manifest`.
 * That package's own `validateManifest` downloads the schema named in `$schema`, and requiring it
 * fails on an undeclared dependency, so only its schema files are used.
 */
export const TEAMS_SCHEMAS_DIR = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The highest numbered schema folder (v1.30 beats v1.4; vDevPreview is not a release). */
export function newestTeamsSchemaVersion(schemasDir = TEAMS_SCHEMAS_DIR): string {
  const versions = fs
    .readdirSync(schemasDir)
    .map((folder) => /^v(\d+)\.(\d+)$/.exec(folder))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ text: `${match[1]}.${match[2]}`, major: Number(match[1]), minor: Number(match[2]) }))
    .sort((a, b) => b.major - a.major || b.minor - a.minor);
  const newest = versions[0];
  if (!newest) throw new Error(`no numbered Teams manifest schema under ${schemasDir}`);
  return newest.text;
}

export interface TeamsSchemaValidator {
  /** Problems with a manifest, one line each ("/bots/0/botId: must match pattern ..."); empty when valid. */
  manifest(manifest: unknown): string[];
  /** Problems with a localization file; empty when valid. */
  localization(localization: unknown): string[];
}

export function teamsSchemaValidator(schemaVersion: string, schemasDir = TEAMS_SCHEMAS_DIR): TeamsSchemaValidator {
  // The schemas use patterns that are invalid with the `u` flag (e.g. "\b...]" in Localization).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const folder = path.join(schemasDir, `v${schemaVersion}`);
  const load = (file: string): object => {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file} is not a JSON schema`);
    return parsed;
  };
  const validateManifest = ajv.compile(load('MicrosoftTeams.schema.json'));
  const validateLocalization = ajv.compile(load('MicrosoftTeams.Localization.schema.json'));
  return {
    manifest(manifest) {
      const problems = validateManifest(manifest) ? [] : describe(validateManifest.errors);
      // The schema only says "must follow semver" in prose; Teams refuses anything else on upload.
      const version =
        typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
      if (typeof version !== 'string' || !SEMVER.test(version)) problems.push('/version: must be MAJOR.MINOR.PATCH');
      return problems;
    },
    localization(localization) {
      return validateLocalization(localization) ? [] : describe(validateLocalization.errors);
    },
  };
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const detail = error.keyword === 'additionalProperties' ? ` (${JSON.stringify(error.params)})` : '';
    return `${error.instancePath || '/'}: ${error.message ?? error.keyword}${detail}`;
  });
}
