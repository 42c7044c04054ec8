import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { HttpError } from '../../http/httpError';
import type { UploadedFile } from './attachmentStore';

export interface UploadLimits {
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
  readonly maxFiles: number;
  readonly maxActivityBytes: number;
}

/** What Direct Line's upload carries: the activity template (part `activity`) and its files (parts `file`). */
export interface ParsedUpload {
  readonly activity: unknown;
  readonly files: readonly UploadedFile[];
}

const MIME_TYPE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/i;

/** Room for part headers and boundaries on top of the payload caps. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The largest body an upload within `limits` can have. */
export function maxUploadBodyBytes(limits: UploadLimits): number {
  return limits.maxTotalBytes + limits.maxActivityBytes + MULTIPART_OVERHEAD_BYTES;
}

/**
 * Parses a Direct Line upload with busboy, keeping every byte in memory and nothing on disk.
 * Rejects with HttpError: 415 when not multipart, 413 past a size or count cap, 400 when malformed.
 */
export function parseUpload(req: IncomingMessage, limits: UploadLimits): Promise<ParsedUpload> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    return Promise.reject(new HttpError(415, 'unsupported_media_type', 'An upload must be multipart/form-data.'));
  }
  const declaredLength = Number(req.headers['content-length']);
  if (declaredLength > maxUploadBodyBytes(limits)) {
    return Promise.reject(tooLarge());
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles + 1,
        fields: 1,
        fieldSize: limits.maxActivityBytes,
        parts: limits.maxFiles + 2,
      },
    });
  } catch {
    return Promise.reject(malformed());
  }

  return new Promise<ParsedUpload>((resolve, reject) => {
    let settled = false;
    let activityText: string | undefined;
    let totalBytes = 0;
    const files: UploadedFile[] = [];

    const fail = (error: HttpError): void => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // Drain what the client is still sending so the 4xx answer reaches it.
      req.resume();
      reject(error);
    };

    parser.on('file', (name, stream, info) => {
      // Busboy destroys an unfinished part's stream with the parse error; unheard, it would crash the process.
      stream.on('error', () => fail(malformed()));
      if (name === 'activity') {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxActivityBytes) fail(tooLarge());
          else chunks.push(chunk);
        });
        stream.on('end', () => {
          activityText = Buffer.concat(chunks).toString('utf8');
        });
        return;
      }
      if (name !== 'file') {
        stream.resume();
        fail(new HttpError(400, 'bad_request', `Unexpected multipart part "${name.slice(0, 40)}".`));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        totalBytes += chunk.length;
        if (totalBytes > limits.maxTotalBytes) fail(tooLarge());
        else if (!settled) chunks.push(chunk);
      });
      stream.on('limit', () => fail(tooLarge()));
      stream.on('end', () => {
        if (settled) return;
        files.push({
          name: cleanFileName(info.filename),
          contentType: MIME_TYPE.test(info.mimeType) ? info.mimeType.toLowerCase() : 'application/octet-stream',
          bytes: Buffer.concat(chunks),
        });
      });
    });
    parser.on('field', (name, value, info) => {
      if (name !== 'activity') fail(new HttpError(400, 'bad_request', 'Unexpected multipart field.'));
      else if (info.valueTruncated) fail(tooLarge());
      else activityText = value;
    });
    parser.on('filesLimit', () => fail(tooLarge()));
    parser.on('partsLimit', () => fail(tooLarge()));
    parser.on('fieldsLimit', () => fail(new HttpError(400, 'bad_request', 'Unexpected multipart field.')));
    parser.on('error', () => fail(malformed()));
    req.on('error', () => fail(new HttpError(400, 'bad_request', 'The upload was interrupted.')));
    parser.on('close', () => {
      if (settled) return;
      if (activityText === undefined) {
        fail(new HttpError(400, 'bad_request', 'The upload has no "activity" part.'));
        return;
      }
      if (files.length === 0) {
        fail(new HttpError(400, 'bad_request', 'The upload has no "file" part.'));
        return;
      }
      let activity: unknown;
      try {
        activity = JSON.parse(activityText);
      } catch {
        fail(new HttpError(400, 'bad_request', 'The "activity" part is not JSON.'));
        return;
      }
      settled = true;
      resolve({ activity, files });
    });
    req.pipe(parser);
  });
}

function malformed(): HttpError {
  return new HttpError(400, 'bad_request', 'The multipart body is malformed.');
}

function tooLarge(): HttpError {
  return new HttpError(413, 'payload_too_large', 'The upload is larger than allowed.');
}

/** A display name only: no path, no control characters, bounded. */
function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}
