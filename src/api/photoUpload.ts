import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { HttpError } from '../http/httpError';
import { readRawBody } from '../http/readBody';

const FIELD = 'photo';
/** Room for part headers and boundaries on top of the photo itself. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * The photo bytes of a diagnose request: the raw body for `image/*` and
 * `application/octet-stream`, the `photo` part of `multipart/form-data`; anything else is 415
 * (DESIGN.md, Contracts). The declared type only routes the parsing: the bytes decide the format.
 */
export function readPhotoUpload(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (/^image\/[a-z0-9.+-]+\s*(;|$)/.test(contentType) || /^application\/octet-stream\s*(;|$)/.test(contentType)) {
    return readRawBody(req, maxBytes);
  }
  if (/^multipart\/form-data\s*;/.test(contentType)) return readMultipartPhoto(req, maxBytes);
  req.resume();
  return Promise.reject(
    new HttpError(
      415,
      'unsupported_media_type',
      'Send the photo as image/*, application/octet-stream, or multipart/form-data with a "photo" field.',
    ),
  );
}

function readMultipartPhoto(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    req.resume();
    return Promise.reject(new HttpError(413, 'payload_too_large', 'The photo is larger than allowed.'));
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 1024, parts: 5 },
    });
  } catch {
    req.resume();
    return Promise.reject(new HttpError(400, 'bad_request', 'The multipart body is malformed.'));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    let photo: Buffer | undefined;
    const fail = (error: HttpError): void => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('file', (name, stream) => {
      stream.on('error', () => fail(new HttpError(400, 'bad_request', 'The multipart body is malformed.')));
      if (name !== FIELD) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new HttpError(413, 'payload_too_large', 'The photo is larger than allowed.')));
      stream.on('end', () => {
        if (!settled) photo = Buffer.concat(chunks);
      });
    });
    parser.on('error', () => fail(new HttpError(400, 'bad_request', 'The multipart body is malformed.')));
    parser.on('close', () => {
      if (settled) return;
      if (!photo) {
        fail(new HttpError(400, 'bad_request', 'The multipart body has no "photo" file.'));
        return;
      }
      settled = true;
      resolve(photo);
    });
    req.pipe(parser);
  });
}
