import type { Request, Response } from 'restify';
import { HttpError, sendError } from './httpError';

type Handler = (req: Request, res: Response) => void | Promise<void>;

/**
 * Wraps an async route: a thrown HttpError becomes its JSON error, anything else a 500 without
 * details (the cause is logged by the server's error hook), and the server keeps serving. Every
 * answer is `no-store`: they carry one user's check results or ticket, which no proxy or browser
 * cache may keep.
 */
export function route(handler: Handler, onUnexpected: (error: unknown, req: Request) => void) {
  // restify 11 runs an async (req, res) handler and continues the chain when it settles.
  return async (req: Request, res: Response): Promise<void> => {
    res.header('Cache-Control', 'no-store');
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof HttpError) sendError(res, error.status, error.code, error.message, error.headers);
      else {
        onUnexpected(error, req);
        sendError(res, 500, 'internal', 'Something went wrong on our side. Please try again.');
      }
    }
  };
}

/** A path parameter as a string; restify types `req.params` as `any`. */
export function pathParam(req: Request, name: string): string | undefined {
  const params: unknown = req.params;
  const value: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, name) : undefined;
  return typeof value === 'string' ? value : undefined;
}
