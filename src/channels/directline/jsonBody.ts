import type { Request } from 'restify';
import { HttpError } from '../../http/httpError';

/**
 * The request's JSON body, read with a byte cap. When a body parser already ran on this route its
 * result is used, since the stream is then spent. An empty body is `undefined`.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  if (req.body !== undefined) return req.body;
  const text = await readText(req, maxBytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_request', 'The request body is not valid JSON.');
  }
}

function readText(req: Request, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the cap the rest is read and dropped (Node drains it after the answer), never kept.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) reject(new HttpError(413, 'payload_too_large', 'The request body is larger than allowed.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => reject(new HttpError(400, 'bad_request', 'The request body could not be read.')));
  });
}
