import type { Request } from 'restify';
import { HttpError } from '../../http/httpError';
import { readRawBody } from '../../http/readBody';

/**
 * The request's JSON body, read with a byte cap. When a body parser already ran on this route its
 * result is used, since the stream is then spent. An empty body is `undefined`.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  if (req.body !== undefined) return req.body;
  const text = (await readRawBody(req, maxBytes)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_request', 'The request body is not valid JSON.');
  }
}
