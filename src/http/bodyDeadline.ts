import type { Request, RequestHandler, Response } from 'restify';
import { HttpError, sendError } from './httpError';

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Every request body must have arrived `timeoutMs` after the headers: a body that trickles in
 * is answered 408 and its connection closed, so whatever a route buffered of it is released and
 * the upload budget it held is freed (Node's own limit is 300 s).
 */
export function bodyDeadline(timeoutMs: number): RequestHandler {
  return (req: Request, res: Response, next) => {
    if (!hasBody(req)) {
      next();
      return;
    }
    // Destroying the request with an error below must never become an uncaught 'error' event.
    req.on('error', () => undefined);
    const timer = setTimeout(() => {
      if (req.complete) return;
      const error = new HttpError(408, 'request_timeout', 'The request body did not arrive in time.');
      if (res.headersSent) {
        req.destroy(error);
        return;
      }
      res.once('finish', () => req.destroy(error));
      sendError(res, error.status, error.code, error.message, { Connection: 'close' });
    }, timeoutMs);
    timer.unref();
    const clear = (): void => clearTimeout(timer);
    req.once('end', clear);
    req.once('close', clear);
    next();
  };
}
