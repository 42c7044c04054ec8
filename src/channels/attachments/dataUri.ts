import { AttachmentDownloadError } from './attachmentDownloadError';

const DATA_URI = /^data:([^,]*),(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

export function isDataUri(url: string): boolean {
  return url.slice(0, 5).toLowerCase() === 'data:';
}

/** The media type a data: URI declares, lower-cased, '' when it declares none. */
export function dataUriMediaType(url: string): string {
  const match = DATA_URI.exec(url);
  return match ? (match[1].split(';')[0] ?? '').trim().toLowerCase() : '';
}

/** Decodes in memory, refusing before decoding anything that would exceed `maxBytes`. */
export function decodeDataUri(url: string, maxBytes: number): Buffer {
  const match = DATA_URI.exec(url);
  if (!match) throw new AttachmentDownloadError('bad_url', 'malformed data: URI');
  const isBase64 = match[1].split(';').some((parameter) => parameter.trim().toLowerCase() === 'base64');
  const bytes = isBase64 ? decodeBase64(match[2], maxBytes) : decodePercentEncoded(match[2], maxBytes);
  if (bytes.length === 0) throw new AttachmentDownloadError('no_content', 'the data: URI is empty');
  if (bytes.length > maxBytes) throw tooLarge();
  return bytes;
}

function decodeBase64(payload: string, maxBytes: number): Buffer {
  const compact = payload.replace(/\s+/g, '');
  if (Math.floor((compact.length * 3) / 4) - 2 > maxBytes) throw tooLarge();
  if (!BASE64.test(compact)) throw new AttachmentDownloadError('bad_url', 'data: URI is not valid base64');
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
}

function decodePercentEncoded(payload: string, maxBytes: number): Buffer {
  // Every decoded byte takes one to three characters.
  if (Math.ceil(payload.length / 3) > maxBytes) throw tooLarge();
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    const hex = payload[i] === '%' ? payload.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(payload.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function tooLarge(): AttachmentDownloadError {
  return new AttachmentDownloadError('too_large', 'the data: URI is larger than the photo size limit');
}
