import type { IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { AttachmentDownloadError } from './attachmentDownloadError';

export interface PinnedGetRequest {
  url: URL;
  /** The addresses the caller vetted, in preference order; the socket goes to one of them and nowhere else. */
  addresses: readonly string[];
  headers: Record<string, string>;
  maxBytes: number;
  signal: AbortSignal;
  /** Extra PEM certificates trusted besides Node's bundled roots. */
  extraCa?: readonly string[];
}

export type PinnedGetResult =
  | { readonly kind: 'body'; readonly bytes: Buffer }
  | { readonly kind: 'redirect'; readonly location: string | undefined };

/**
 * One GET without following redirects, connected to pre-vetted addresses only. Pinning the address in
 * `lookup` (rather than letting the client resolve the name again) closes the DNS-rebinding gap
 * between the check and the connection, while TLS still verifies the certificate against the
 * URL's host name. No connection pooling, no compression negotiated, body capped while streaming.
 */
export function pinnedGet(request: PinnedGetRequest): Promise<PinnedGetResult> {
  const { url, maxBytes, signal } = request;
  const vetted = request.addresses.map((address) => ({ address, family: net.isIP(address) }));
  // With `all`, Node's happy-eyeballs connect tries each vetted address in turn.
  const lookup: net.LookupFunction = (_hostname, options, callback) => {
    const [first] = vetted;
    if (options.all) callback(null, vetted);
    else if (first) callback(null, first.address, first.family);
    else callback(Object.assign(new Error('no vetted address'), { code: 'ENOTFOUND' }), '', 0);
  };
  const client = url.protocol === 'https:' ? https : http;

  return new Promise<PinnedGetResult>((resolve, reject) => {
    const fail = (error: unknown): void => {
      reject(toDownloadError(error, signal));
      req.destroy();
    };
    const req = client.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: request.headers,
      lookup,
      agent: false,
      signal,
      ...(request.extraCa ? { ca: [...tls.rootCertificates, ...request.extraCa] } : {}),
    });
    req.on('error', fail);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        resolve({ kind: 'redirect', location: res.headers.location });
        req.destroy();
        return;
      }
      if (status === 401 || status === 403) {
        fail(new AttachmentDownloadError('auth_failed', `the attachment host refused access (${status})`));
        return;
      }
      if (status < 200 || status >= 300) {
        fail(new AttachmentDownloadError('http_status', `the attachment host answered ${status}`));
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        fail(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      let ended = false;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) fail(tooLarge());
        else chunks.push(chunk);
      });
      res.on('end', () => {
        ended = true;
        resolve({ kind: 'body', bytes: Buffer.concat(chunks, received) });
      });
      res.on('error', fail);
      res.on('close', () => {
        if (!ended) fail(new AttachmentDownloadError('network', 'the attachment download was cut off'));
      });
    });
    req.end();
  });
}

function tooLarge(): AttachmentDownloadError {
  return new AttachmentDownloadError('too_large', 'the attachment is larger than the photo size limit');
}

export function toDownloadError(error: unknown, signal: AbortSignal): AttachmentDownloadError {
  if (error instanceof AttachmentDownloadError) return error;
  if (signal.aborted) return new AttachmentDownloadError('timeout', 'the attachment download took too long');
  // Node's network errors name the host and port but never the path or query, where tokens live.
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown error';
  return new AttachmentDownloadError('network', `the attachment host could not be reached (${code})`);
}
