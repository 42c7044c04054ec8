import type { Response } from 'restify';

/** The one error shape every route answers with (DESIGN.md, HTTP surface). */
export interface ErrorBody {
  error: { code: string; message: string };
}

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'request_timeout'
  | 'precondition_required'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'not_implemented'
  | 'overloaded'
  | 'internal';

/** An error a route throws on purpose; the server turns it into the JSON shape with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** An ErrorCode, or a route's more specific code ('conflict', 'token_expired', a photo input code). */
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const body: ErrorBody = { error: { code, message } };
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.header(name, value);
  res.json(body);
}
