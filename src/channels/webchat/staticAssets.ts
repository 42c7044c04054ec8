import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { PROJECT_ROOT } from '../../projectPaths';

const gzipAsync = promisify(gzip);

interface AssetSource {
  readonly file: string;
  readonly contentType: string;
  /** Web Chat's bundle changes only with the package version; our own files may change any time. */
  readonly cacheControl: string;
}

export interface LoadedAsset {
  readonly contentType: string;
  readonly cacheControl: string;
  readonly etag: string;
  readonly raw: Buffer;
  readonly gzipped: Buffer;
}

const PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'channels', 'webchat', 'public');
const WEBCHAT_DIST = path.resolve(path.dirname(require.resolve('botframework-webchat')), '..', 'dist');

/** The only files `/webchat/:asset` serves: a fixed table, so no request path ever reaches the file system. */
const SOURCES: Readonly<Record<string, AssetSource>> = {
  'webchat.js': {
    file: path.join(WEBCHAT_DIST, 'webchat.js'),
    contentType: 'text/javascript; charset=utf-8',
    cacheControl: 'public, max-age=86400',
  },
  'app.js': {
    file: path.join(PUBLIC_DIR, 'app.js'),
    contentType: 'text/javascript; charset=utf-8',
    cacheControl: 'no-cache',
  },
  'page.css': {
    file: path.join(PUBLIC_DIR, 'page.css'),
    contentType: 'text/css; charset=utf-8',
    cacheControl: 'no-cache',
  },
  'icon.svg': { file: path.join(PUBLIC_DIR, 'icon.svg'), contentType: 'image/svg+xml', cacheControl: 'no-cache' },
};

const loaded = new Map<string, Promise<LoadedAsset>>();

/** The named asset, read and gzipped once per process; `undefined` for any name not in the table. */
export function loadAsset(name: string): Promise<LoadedAsset> | undefined {
  if (!Object.hasOwn(SOURCES, name)) return undefined;
  const source = SOURCES[name];
  if (!source) return undefined;
  let asset = loaded.get(name);
  if (!asset) {
    asset = readAsset(source);
    // A failed read is retried on the next request rather than cached.
    asset.catch(() => loaded.delete(name));
    loaded.set(name, asset);
  }
  return asset;
}

async function readAsset(source: AssetSource): Promise<LoadedAsset> {
  const raw = await readFile(source.file);
  const gzipped = await gzipAsync(raw, { level: 9 });
  const etag = `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`;
  return { contentType: source.contentType, cacheControl: source.cacheControl, etag, raw, gzipped };
}
