import restify, { type Request, type Response, type Server } from 'restify';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { ChannelAdapter } from './bot/channelAdapter';
import type { Logger } from 'pino';
import { assertActivity } from './http/activityGuard';
import { admitAnonymousActivity } from './bot/anonymousActivity';
import { bodyDeadline } from './http/bodyDeadline';
import { comesFromThisMachine } from './http/callerAddress';
import { markLoopbackEmulatorTurn } from './channels/turnOrigin';
import { errorCodeFor } from './http/errorCodes';
import { HttpError } from './http/httpError';
import { jsonBody } from './http/jsonBody';
import { route } from './http/route';

/** Activities are small; anything bigger is not from a channel. Photos travel as attachments. */
const MAX_ACTIVITY_BYTES = 256 * 1024;

export interface ServerDeps {
  logger: Logger;
  adapter: ChannelAdapter;
  bot: ActivityHandler;
  /** True when MicrosoftAppId is set and the adapter verifies every channel's token. */
  authenticated: boolean;
  /** How long a request body may take to arrive (see bodyDeadline). */
  bodyTimeoutMs: number;
  /** Each dependency the bot needs to serve (storage, OCR workers): resolves when it is usable. */
  readiness: Record<string, () => Promise<void>>;
  /** Feature routes (diagnose API, local Direct Line, web page), registered by the composition root. */
  routes?: readonly ((server: Server) => void)[];
}

export interface KycServer {
  server: Server;
  /** Turns being processed right now; shutdown waits for them. */
  inFlight(): number;
  /** Stops accepting connections and resolves when in-flight turns are done (or the timeout passes). */
  drain(timeoutMs: number): Promise<void>;
}

/** Attachment URLs are the only key to a user's uploaded ID photo: never log them whole. */
function loggablePath(pathname: string): string {
  return pathname.replace(/^(\/v3\/attachments\/)[^/]+/, '$1:id');
}

/** botframework-connector's AuthenticationError carries the status it wants answered. */
function isAuthenticationFailure(error: unknown): boolean {
  return error instanceof Error && 'statusCode' in error && (error.statusCode === 401 || error.statusCode === 403);
}

/** Builds the restify server with every route; it does not listen, so tests start it on port 0. */
export function createServer(deps: ServerDeps): KycServer {
  const { logger } = deps;
  const server = restify.createServer({ name: 'kyc-support-bot', handleUncaughtExceptions: false });
  let inFlight = 0;
  const onUnexpected = (error: unknown, req: Request): void => {
    logger.error({ err: error, reqId: req.id(), path: req.getPath() }, 'request failed');
  };

  server.pre((req, res, next) => {
    res.header('X-Request-Id', req.id());
    next();
  });
  server.pre(bodyDeadline(deps.bodyTimeoutMs));
  server.on('after', (req: Request, res: Response) => {
    logger.info(
      {
        reqId: req.id(),
        method: req.method,
        path: loggablePath(req.getPath()),
        status: res.statusCode,
        ms: Date.now() - req.time(),
      },
      'request',
    );
  });
  // restify answers 404/405/body-parser errors itself: give them the project's JSON shape.
  server.on(
    'restifyError',
    (
      req: Request,
      _res: Response,
      err: Error & { statusCode?: number; toJSON?: () => unknown },
      callback: () => void,
    ) => {
      const status = err.statusCode ?? 500;
      if (status >= 500) onUnexpected(err, req);
      const message = status >= 500 ? 'Something went wrong on our side. Please try again.' : err.message;
      err.toJSON = () => ({ error: { code: errorCodeFor(status), message } });
      callback();
    },
  );

  server.get('/healthz', (_req: Request, res: Response, next) => {
    res.json({ status: 'ok' });
    next();
  });
  server.get(
    '/readyz',
    route(async (_req, res) => {
      const results = await Promise.all(
        Object.entries(deps.readiness).map(async ([name, check]) => {
          try {
            await check();
            return [name, 'ok'] as const;
          } catch {
            return [name, 'unavailable'] as const;
          }
        }),
      );
      const checks = Object.fromEntries(results);
      const ready = results.every(([, status]) => status === 'ok');
      res.status(ready ? 200 : 503);
      res.json({ status: ready ? 'ready' : 'not_ready', checks });
    }, onUnexpected),
  );

  server.post(
    '/api/messages',
    ...jsonBody(MAX_ACTIVITY_BYTES),
    route(async (req, res) => {
      if (!req.is('json'))
        throw new HttpError(415, 'unsupported_media_type', 'Activities must be sent as application/json');
      const guarded = assertActivity(req.body);
      // restify leaves the parsed body untyped; assertActivity has just checked the fields the adapter reads.
      const activity = req.body as Activity;
      const fromThisMachine = comesFromThisMachine(req);
      const admission = deps.authenticated ? undefined : admitAnonymousActivity(guarded, fromThisMachine);
      if (admission?.kind === 'loopbackEmulator') activity.serviceUrl = admission.serviceUrl;
      const localEmulator = guarded.channelId === 'emulator' && fromThisMachine;
      inFlight += 1;
      try {
        const invoke = await deps.adapter.processIncoming(req.header('authorization') ?? '', activity, (context) => {
          if (localEmulator) markLoopbackEmulatorTurn(context);
          return deps.bot.run(context);
        });
        const status = invoke?.status ?? 200;
        if (status >= 400 && invoke?.body === undefined) {
          // The adapter's answer to an invoke nobody handles is a bare 501: give it the error shape.
          throw new HttpError(status, errorCodeFor(status), `The bot does not handle this ${guarded.type} activity.`);
        }
        res.status(status);
        if (invoke?.body !== undefined) res.json(invoke.body);
        else res.end();
      } catch (error) {
        if (isAuthenticationFailure(error))
          throw new HttpError(401, 'unauthorized', 'The request is not authorized for this bot');
        throw error;
      } finally {
        inFlight -= 1;
      }
    }, onUnexpected),
  );

  for (const register of deps.routes ?? []) register(server);

  return {
    server,
    inFlight: () => inFlight,
    drain: async (timeoutMs) => {
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      // Idle keep-alive sockets would hold close() open; requests in flight are waited for.
      server.server.closeIdleConnections();
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      server.server.closeAllConnections();
      await closed;
    },
  };
}
