import dns from 'node:dns';
import net from 'node:net';
import type { Attachment } from 'botbuilder';
import { AttachmentDownloadError } from './attachmentDownloadError';
import { acceptsBotToken } from './botConnectorHosts';
import { decodeDataUri, isDataUri } from './dataUri';
import { inboundAttachment } from './inboundAttachment';
import { pinnedGet, toDownloadError } from './pinnedGet';
import { isLoopbackAddress, isPublicAddress } from '../../http/publicAddress';
import { TEAMS_FILE_DOWNLOAD_INFO, teamsDownloadContent } from './teamsAttachmentContent';

export { AttachmentDownloadError, type AttachmentDownloadErrorCode } from './attachmentDownloadError';
export { isImageCandidate } from './imageCandidate';

export interface AttachmentFetcherOptions {
  /** MAX_PHOTO_MB in bytes. */
  maxBytes: number;
  /** For the whole download: name resolution, token, redirects and body. Default 10 s. */
  timeoutMs?: number;
  /** True when the bot runs without Bot Framework credentials (local development): then the Emulator's localhost URLs are allowed. */
  allowLocalhostForEmulator: boolean;
  /** In-process bytes of the local Direct Line's own uploads (`readLocalAttachment` of localDirectLine.ts). */
  readLocal: (url: string) => Buffer | undefined;
  /** Name resolution; default `dns.promises.lookup` with `all: true`. */
  lookup?: (hostname: string) => Promise<string[]>;
  /**
   * Tests only: stand-in servers on loopback that pretend to be public hosts. These exact host
   * names may resolve to a loopback address, and `ca` is trusted besides the public roots.
   */
  testStandIn?: { hosts: readonly string[]; ca: string };
}

export interface AttachmentChannel {
  channelId: string;
  /** The bot's Bot Framework token, for Teams pasted images; only ever sent to `BOT_CONNECTOR_TOKEN_HOSTS`. */
  getBotToken?: () => Promise<string>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;
const ACCEPT = 'image/*, application/octet-stream;q=0.8, */*;q=0.1';

interface DownloadSource {
  url: string;
  /** Teams pasted images need the bot's token; Teams file uploads are pre-authorised. */
  mayUseBotToken: boolean;
}

/**
 * The bytes of an attachment, in memory, from wherever its channel keeps them: a data: URI, the
 * local Direct Line's own store, a Teams file upload's `downloadUrl`, a Teams pasted image (with
 * the bot's token) or a plain `contentUrl`. Refuses non-public addresses, other-origin
 * redirects, bodies over `maxBytes` and anything slower than the timeout.
 */
export async function fetchAttachmentBytes(
  attachment: Attachment,
  channel: AttachmentChannel,
  options: AttachmentFetcherOptions,
): Promise<Buffer> {
  const source = downloadSource(attachment, channel.channelId);
  const local = options.readLocal(source.url);
  if (local) return withinLimit(local, options.maxBytes);
  if (isDataUri(source.url)) return decodeDataUri(source.url, options.maxBytes);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    return await untilAborted(download(source, channel, options, controller.signal), controller.signal);
  } catch (error) {
    throw toDownloadError(error, controller.signal);
  } finally {
    clearTimeout(timer);
    // Cancels whatever is still in flight after an early failure (a lookup, the token request).
    controller.abort();
  }
}

function downloadSource(raw: Attachment, channelId: string): DownloadSource {
  const attachment = inboundAttachment(raw);
  if (attachment.contentType === TEAMS_FILE_DOWNLOAD_INFO) {
    const content = teamsDownloadContent(attachment.content);
    if (!content) throw new AttachmentDownloadError('bad_url', 'Teams file upload without a downloadUrl');
    return { url: content.downloadUrl, mayUseBotToken: false };
  }
  const url = attachment.contentUrl ?? teamsDownloadContent(attachment.content)?.downloadUrl;
  if (!url) throw new AttachmentDownloadError('no_content', 'the attachment has no URL');
  return { url, mayUseBotToken: channelId === 'msteams' };
}

async function download(
  source: DownloadSource,
  channel: AttachmentChannel,
  options: AttachmentFetcherOptions,
  signal: AbortSignal,
): Promise<Buffer> {
  let url = parseUrl(source.url);
  let token: string | undefined;
  for (let redirects = 0; ; redirects++) {
    const addresses = await vetTarget(url, channel.channelId, options);
    const headers: Record<string, string> = { accept: ACCEPT };
    if (
      source.mayUseBotToken &&
      channel.getBotToken &&
      url.protocol === 'https:' &&
      acceptsBotToken(bareHostname(url))
    ) {
      token ??= await botToken(channel.getBotToken);
      headers.authorization = `Bearer ${token}`;
    }
    const result = await pinnedGet({
      url,
      addresses,
      headers,
      maxBytes: options.maxBytes,
      signal,
      ...(options.testStandIn ? { extraCa: [options.testStandIn.ca] } : {}),
    });
    if (result.kind === 'body') return withinLimit(result.bytes, options.maxBytes);
    if (redirects >= MAX_REDIRECTS)
      throw new AttachmentDownloadError('redirect', `more than ${MAX_REDIRECTS} redirects`);
    url = sameOriginRedirect(url, result.location);
  }
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new AttachmentDownloadError('bad_url', 'the attachment URL is not a valid URL');
  }
}

/** Redirects stay on the same scheme, host and port, so a token or a vetted host is never traded for another. */
function sameOriginRedirect(from: URL, location: string | undefined): URL {
  let next: URL | undefined;
  try {
    next = location ? new URL(location, from) : undefined;
  } catch {
    next = undefined;
  }
  if (next?.origin !== from.origin) {
    throw new AttachmentDownloadError('redirect', 'the attachment host redirected to another host');
  }
  return next;
}

/**
 * Decides whether `url` may be fetched and returns the addresses the connection may use. https to a
 * public address only; the Emulator's http(s)://localhost only in local development.
 */
async function vetTarget(url: URL, channelId: string, options: AttachmentFetcherOptions): Promise<string[]> {
  if (url.username !== '' || url.password !== '') {
    throw new AttachmentDownloadError('bad_url', 'attachment URLs with credentials are refused');
  }
  const hostname = bareHostname(url);
  const isLocalName = hostname === 'localhost' || hostname.endsWith('.localhost');
  const emulatorLocal =
    options.allowLocalhostForEmulator && channelId === 'emulator' && (isLocalName || isLoopbackAddress(hostname));
  if (!emulatorLocal && (isLocalName || (net.isIP(hostname) !== 0 && !isPublicAddress(hostname)))) {
    throw blocked();
  }
  if (url.protocol !== 'https:' && !(emulatorLocal && url.protocol === 'http:')) {
    throw new AttachmentDownloadError('bad_url', 'attachment URLs must use https');
  }
  const addresses = net.isIP(hostname) !== 0 ? [hostname] : await resolve(hostname, options.lookup);
  const standIn = options.testStandIn?.hosts.includes(hostname) ?? false;
  const allowed = (address: string): boolean =>
    emulatorLocal ? isLoopbackAddress(address) : isPublicAddress(address) || (standIn && isLoopbackAddress(address));
  // Every answer must pass: a name that resolves to one public and one private address is refused.
  if (addresses.length === 0 || !addresses.every(allowed)) throw blocked();
  return addresses;
}

/** Lower-case host without IPv6 brackets or the root label's trailing dot. */
function bareHostname(url: URL): string {
  return url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

async function resolve(hostname: string, lookup: AttachmentFetcherOptions['lookup']): Promise<string[]> {
  try {
    if (lookup) return await lookup(hostname);
    const answers = await dns.promises.lookup(hostname, { all: true, verbatim: true });
    return answers.map((answer) => answer.address);
  } catch (error) {
    const code =
      error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown error';
    throw new AttachmentDownloadError('network', `the attachment host name did not resolve (${code})`);
  }
}

async function botToken(getBotToken: () => Promise<string>): Promise<string> {
  try {
    return await getBotToken();
  } catch {
    throw new AttachmentDownloadError('auth_failed', 'no Bot Framework token for the Teams attachment');
  }
}

function withinLimit(bytes: Buffer, maxBytes: number): Buffer {
  if (bytes.length === 0) throw new AttachmentDownloadError('no_content', 'the attachment is empty');
  if (bytes.length > maxBytes)
    throw new AttachmentDownloadError('too_large', 'the attachment is larger than the photo size limit');
  return bytes;
}

function blocked(): AttachmentDownloadError {
  return new AttachmentDownloadError('blocked_address', 'the attachment URL points at a private or local address');
}

/** Settles with `work`, or rejects as soon as `signal` aborts even if a step ignores it. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = (): void => reject(new AttachmentDownloadError('timeout', 'the attachment download took too long'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolvePromise, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
