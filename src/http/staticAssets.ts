import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'restify';
import { sendError } from './httpError';

const gzipAsync = promisify(gzip);

export interface AssetSource {
  readonly file: string;
  readonly contentType: string;
  /** A bundle from node_modules changes only with the package version; our own files may change any time. */
  readonly cacheControl: string;
  /** How the file becomes the body (a page assembled from parts); by default its bytes as they are. */
  readonly read?: (file: string) => Promise<Buffer>;
}

export interface LoadedAsset {
  readonly contentType: string;
  readonly cacheControl: string;
  readonly etag: string;
  readonly raw: Buffer;
  readonly gzipped: Buffer;
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export type AssetLoader = (name: string) => Promise<LoadedAsset> | undefined;

/**
 * The only files a page's asset route serves: a fixed table, so no request path ever reaches the
 * file system. Each is read and gzipped once per process; a failed read is retried next time.
 */
export function assetLoader(sources: Readonly<Record<string, AssetSource>>): AssetLoader {
  const loaded = new Map<string, Promise<LoadedAsset>>();
  return (name) => {
    if (!Object.hasOwn(sources, name)) return undefined;
    const source = sources[name];
    if (!source) return undefined;
    let asset = loaded.get(name);
    if (!asset) {
      asset = readAsset(source);
      asset.catch(() => loaded.delete(name));
      loaded.set(name, asset);
    }
    return asset;
  };
}

async function readAsset(source: AssetSource): Promise<LoadedAsset> {
  const raw = await (source.read ?? readFile)(source.file);
  const gzipped = await gzipAsync(raw, { level: 9 });
  const etag = `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`;
  return { contentType: source.contentType, cacheControl: source.cacheControl, etag, raw, gzipped };
}

/** Answers with the asset (304 on a matching ETag, gzip when accepted), or the JSON 404/500. */
export async function sendAsset(req: Request, res: Response, pending: Promise<LoadedAsset> | undefined): Promise<void> {
  if (!pending) {
    sendError(res, 404, 'not_found', 'No such file.');
    return;
  }
  let asset: LoadedAsset;
  try {
    asset = await pending;
  } catch {
    sendError(res, 500, 'internal', 'The file could not be read.');
    return;
  }
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': asset.contentType,
    'Cache-Control': asset.cacheControl,
    ETag: asset.etag,
    Vary: 'Accept-Encoding',
  };
  if (req.headers['if-none-match'] === asset.etag) {
    res.sendRaw(304, '', headers);
    return;
  }
  const gzipOk = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  if (gzipOk) headers['Content-Encoding'] = 'gzip';
  res.sendRaw(200, gzipOk ? asset.gzipped : asset.raw, headers);
}
