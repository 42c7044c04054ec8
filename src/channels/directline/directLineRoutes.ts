import type { Logger } from 'pino';
import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { HttpError, sendError } from '../../http/httpError';
import { ATTACHMENT_PATH_PREFIX, ATTACHMENT_PATH_SUFFIX, type AttachmentStore } from './attachmentStore';
import type { Conversation } from './conversation';
import type { ConversationStore } from './conversationStore';
import {
  buildUserActivity,
  conversationAccount,
  DIRECT_LINE_CHANNEL_ID,
  userAccount,
  type UserActivityFields,
} from './directLineActivity';
import type { DirectLineLimits } from './directLineLimits';
import { inboundActivitySchema, LOCALE_TAG, uploadActivitySchema } from './inboundActivity';
import { readJsonBody } from './jsonBody';
import type { LocalDirectLineAdapter } from './localDirectLineAdapter';
import { maxUploadBodyBytes, parseUpload, type UploadLimits } from './multipartUpload';
import { callerAddress } from '../../http/callerAddress';
import type { UploadGate } from '../../http/uploadGate';
import { randomToken } from './randomToken';
import type { RateLimiter } from '../../http/rateLimiter';
import type { TokenLookup, TokenRegistry } from './tokenRegistry';

export interface DirectLineRouteDeps {
  readonly bot: { run(context: TurnContext): Promise<void> };
  readonly adapter: LocalDirectLineAdapter;
  readonly conversations: ConversationStore;
  readonly tokens: TokenRegistry;
  readonly attachments: AttachmentStore;
  readonly limiter: RateLimiter;
  /** The process-wide upload budget, shared with the photo API. */
  readonly uploads: UploadGate;
  readonly limits: DirectLineLimits;
  readonly maxUploadBytes: number;
  readonly logger: Logger;
  readonly now: () => number;
}

const PREFIX = '/v3/directline';
/** Slots free up as pages close (evictIdleMs) or conversations end. */
const RETRY_START_SECONDS = 30;

const conversationParams = z.object({ id: z.string().min(1).max(64) });
const attachmentParams = z.object({ id: z.string().min(1).max(64) });

/**
 * A client's own user id is kept only when it is long enough to be random (the page's is 128 bits):
 * it finds the user's tickets and held reminders in every later conversation, so a short or
 * guessable one ("alice") is replaced by ours. Direct Line's `dl_` prefix is reserved for ids
 * embedded in signed tokens, so we never hand one out.
 */
const USER_ID = /^(?!dl_)[A-Za-z0-9_.:-]{16,64}$/;

const startConversationBody = z
  .object({
    user: z.object({ id: z.string().optional(), name: z.string().max(256).optional() }).optional(),
    locale: z.string().regex(LOCALE_TAG).optional(),
  })
  .optional();

/** Image types a browser may render inline; anything else is served as a download. */
const INLINE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/heic',
  'image/heif',
]);

export function registerDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const route = (handler: (req: Request, res: Response) => void | Promise<void>) => guarded(deps.logger, handler);

  server.post(
    `${PREFIX}/conversations`,
    route((req, res) => startConversation(deps, req, res)),
  );
  server.get(
    `${PREFIX}/conversations/:id`,
    route((req, res) => reconnect(deps, req, res)),
  );
  server.get(
    `${PREFIX}/conversations/:id/activities`,
    route((req, res) => getActivities(deps, req, res)),
  );
  server.post(
    `${PREFIX}/conversations/:id/activities`,
    route((req, res) => postActivity(deps, req, res)),
  );
  server.post(
    `${PREFIX}/conversations/:id/upload`,
    route((req, res) => upload(deps, req, res)),
  );
  server.post(
    `${PREFIX}/tokens/refresh`,
    route((req, res) => refreshToken(deps, req, res)),
  );
  server.get(
    `${ATTACHMENT_PATH_PREFIX}:id${ATTACHMENT_PATH_SUFFIX}`,
    route((req, res) => getAttachment(deps, req, res)),
  );
}

async function startConversation(deps: DirectLineRouteDeps, req: Request, res: Response): Promise<void> {
  limitRate(deps, req, { status: 'unknown' });
  const body = startConversationBody.safeParse(await readJsonBody(req, deps.limits.maxJsonBodyBytes));
  if (!body.success) throw new HttpError(400, 'bad_request', 'The conversation start body is malformed.');
  const requestedId = body.data?.user?.id;
  const userId = requestedId !== undefined && USER_ID.test(requestedId) ? requestedId : `u_${randomToken(12)}`;
  const result = deps.conversations.create(userId, requestOrigin(req), callerAddress(req));
  if (!result.created) {
    deps.logger.warn({ reason: result.reason }, 'local direct line conversation refused');
    if (result.reason === 'address')
      throw new HttpError(429, 'rate_limited', 'This address has too many open conversations.', {
        'Retry-After': String(RETRY_START_SECONDS),
      });
    throw new HttpError(503, 'overloaded', 'Too many conversations are open right now; try again shortly.', {
      'Retry-After': String(RETRY_START_SECONDS),
    });
  }
  const { conversation } = result;
  const { token, expiresInSeconds } = deps.tokens.issue(conversation.id);
  deps.logger.info({ conversationId: conversation.id }, 'local direct line conversation started');

  const bot = deps.adapter.botAccount;
  const user = userAccount(conversation, body.data?.user?.name);
  const update: Partial<Activity> = {
    type: 'conversationUpdate',
    id: `${conversation.id}|start`,
    timestamp: new Date(deps.now()),
    channelId: DIRECT_LINE_CHANNEL_ID,
    serviceUrl: conversation.serviceUrl,
    conversation: conversationAccount(conversation.id),
    from: user,
    recipient: bot,
    membersAdded: [bot, user],
    locale: body.data?.locale,
  };
  void deliver(deps, conversation, update);

  res.header('Cache-Control', 'no-store');
  res.json(201, { conversationId: conversation.id, token, expires_in: expiresInSeconds });
}

function reconnect(deps: DirectLineRouteDeps, req: Request, res: Response): void {
  const conversation = authorize(deps, req);
  const { token, expiresInSeconds } = deps.tokens.issue(conversation.id);
  res.header('Cache-Control', 'no-store');
  res.json(200, { conversationId: conversation.id, token, expires_in: expiresInSeconds });
}

function getActivities(deps: DirectLineRouteDeps, req: Request, res: Response): void {
  const conversation = authorize(deps, req);
  const raw = new URL(req.url ?? '/', 'http://local').searchParams.get('watermark') ?? '';
  if (!/^\d{0,12}$/.test(raw)) throw new HttpError(400, 'bad_request', 'The watermark must be a number.');
  const page = conversation.activitiesFrom(raw === '' ? 0 : Number(raw));
  // The history is kept serialized, so the answer is assembled rather than re-encoded.
  const body = `{"activities":[${page.activities.join(',')}],"watermark":${JSON.stringify(page.watermark)}}`;
  if (conversation.endedByBot && conversation.caughtUp(page.watermark)) deps.conversations.end(conversation.id);
  res.sendRaw(200, body, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
}

async function postActivity(deps: DirectLineRouteDeps, req: Request, res: Response): Promise<void> {
  const conversation = authorize(deps, req);
  const parsed = inboundActivitySchema.safeParse(await readJsonBody(req, deps.limits.maxJsonBodyBytes));
  if (!parsed.success)
    throw new HttpError(400, 'bad_request', `The activity is malformed (${issuePaths(parsed.error)}).`);
  if (parsed.data.type === 'endOfConversation') {
    const activity = buildUserActivity(
      conversation,
      deps.adapter.botAccount,
      parsed.data,
      `${conversation.id}|end`,
      deps.now(),
    );
    // The bot hears it first (to drop its own state), then everything of this conversation is deleted.
    void deliver(deps, conversation, activity).finally(() => deps.conversations.end(conversation.id));
    res.json(200, { id: activity.id });
    return;
  }
  const id = accept(deps, conversation, parsed.data);
  res.json(200, { id });
}

async function upload(deps: DirectLineRouteDeps, req: Request, res: Response): Promise<void> {
  const conversation = authorize(deps, req);
  const limits: UploadLimits = {
    maxFileBytes: deps.maxUploadBytes,
    maxTotalBytes: deps.maxUploadBytes,
    maxFiles: deps.limits.maxFilesPerUpload,
    maxActivityBytes: deps.limits.maxJsonBodyBytes,
  };
  // Once parsed, the files belong to the attachment store and its own bounds.
  const release = deps.uploads.admit(req, maxUploadBodyBytes(limits));
  const { activity, files } = await parseUpload(req, limits).finally(release);
  const parsed = uploadActivitySchema.safeParse(activity);
  if (!parsed.success)
    throw new HttpError(400, 'bad_request', `The activity part is malformed (${issuePaths(parsed.error)}).`);
  const templates = parsed.data.attachments ?? [];
  const attachments: Attachment[] = files.map((file, index) => {
    const stored = deps.attachments.add(conversation.id, conversation.serviceUrl, file);
    const thumbnailUrl = templates[index]?.thumbnailUrl;
    return {
      contentType: file.contentType,
      contentUrl: stored.url,
      name: file.name,
      ...(thumbnailUrl ? { thumbnailUrl } : {}),
    };
  });
  deps.logger.info({ conversationId: conversation.id, files: files.length }, 'local direct line upload received');
  const id = accept(deps, conversation, { ...parsed.data, attachments });
  res.json(200, { id });
}

function refreshToken(deps: DirectLineRouteDeps, req: Request, res: Response): void {
  const token = bearerToken(req);
  const lookup = token === undefined ? { status: 'unknown' as const } : deps.tokens.lookup(token);
  limitRate(deps, req, lookup);
  if (lookup.status === 'unknown') throw new HttpError(401, 'unauthorized', 'A valid Direct Line token is required.');
  if (lookup.status === 'expired') throw new HttpError(403, 'token_expired', 'The token has expired.');
  const conversation = deps.conversations.get(lookup.conversationId);
  if (!conversation) throw new HttpError(404, 'not_found', 'The conversation has ended.');
  const issued = deps.tokens.issue(conversation.id);
  res.header('Cache-Control', 'no-store');
  res.json(200, { conversationId: conversation.id, token: issued.token, expires_in: issued.expiresInSeconds });
}

function getAttachment(deps: DirectLineRouteDeps, req: Request, res: Response): void {
  const token = bearerToken(req);
  const lookup = token === undefined ? { status: 'unknown' as const } : deps.tokens.lookup(token);
  limitRate(deps, req, lookup);
  const params = attachmentParams.safeParse(req.params);
  const attachment = params.success ? deps.attachments.get(params.data.id) : undefined;
  // The unguessable URL is the credential (an <img> sends no token), and it dies with its conversation.
  if (!attachment || !deps.conversations.get(attachment.conversationId)) {
    throw new HttpError(404, 'not_found', 'No such attachment.');
  }
  if (lookup.status !== 'unknown' && lookup.conversationId !== attachment.conversationId) {
    throw new HttpError(403, 'forbidden', 'This attachment belongs to another conversation.');
  }
  const inline = INLINE_TYPES.has(attachment.contentType);
  res.sendRaw(200, attachment.bytes, {
    'Content-Type': inline ? attachment.contentType : 'application/octet-stream',
    'Content-Disposition': inline ? 'inline' : 'attachment',
    'Content-Length': String(attachment.bytes.length),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
}

/** Echoes the user's activity into the history (Web Chat waits for it) and queues the bot's turn. */
function accept(deps: DirectLineRouteDeps, conversation: Conversation, fields: UserActivityFields): string {
  const activity = conversation.append((id) =>
    buildUserActivity(conversation, deps.adapter.botAccount, fields, id, deps.now()),
  );
  void deliver(deps, conversation, activity);
  return activity.id ?? '';
}

/** Queues the bot's turn; the promise settles when it ran and never rejects. */
function deliver(deps: DirectLineRouteDeps, conversation: Conversation, activity: Partial<Activity>): Promise<void> {
  return conversation
    .enqueueTurn(() => deps.adapter.processActivity(activity, (context) => deps.bot.run(context)))
    .catch((error: unknown) => {
      deps.logger.error(
        { conversationId: conversation.id, activityType: activity.type, err: errorName(error) },
        'local direct line turn failed after onTurnError',
      );
    });
}

/**
 * The conversation named in the path, if the bearer token may use it. Order matters for Web Chat:
 * 404 means "conversation over", 403 means "token expired or not yours", 401 "no usable token".
 */
function authorize(deps: DirectLineRouteDeps, req: Request): Conversation {
  const token = bearerToken(req);
  const lookup = token === undefined ? { status: 'unknown' as const } : deps.tokens.lookup(token);
  limitRate(deps, req, lookup);
  const params = conversationParams.safeParse(req.params);
  const conversation = params.success ? deps.conversations.get(params.data.id) : undefined;
  if (!conversation) throw new HttpError(404, 'not_found', 'No such conversation.');
  if (lookup.status === 'unknown') throw new HttpError(401, 'unauthorized', 'A valid Direct Line token is required.');
  if (lookup.conversationId !== conversation.id) {
    throw new HttpError(403, 'forbidden', 'This token belongs to another conversation.');
  }
  if (lookup.status === 'expired') throw new HttpError(403, 'token_expired', 'The token has expired.');
  deps.conversations.touch(conversation);
  return conversation;
}

/** A client is its conversation when it shows a token we issued, otherwise its address. */
function limitRate(deps: DirectLineRouteDeps, req: Request, lookup: TokenLookup): void {
  const key =
    lookup.status === 'unknown'
      ? `ip:${req.socket.remoteAddress ?? 'unknown'}`
      : `conversation:${lookup.conversationId}`;
  const decision = deps.limiter.take(key);
  if (decision.allowed) return;
  deps.logger.warn(
    { client: lookup.status === 'unknown' ? 'address' : 'conversation' },
    'local direct line rate limited',
  );
  throw new HttpError(429, 'rate_limited', 'Too many requests; slow down.', {
    'Retry-After': String(decision.retryAfterSeconds),
  });
}

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** Where this server was reached, for serviceUrl and attachment URLs; a malformed Host falls back to localhost. */
function requestOrigin(req: Request): string {
  const host = req.headers.host ?? '';
  const valid = /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/.test(host);
  return `${req.isSecure() ? 'https' : 'http'}://${valid ? host : 'localhost'}`;
}

function issuePaths(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => issue.path.join('.') || 'activity')
    .join(', ');
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function guarded(logger: Logger, handler: (req: Request, res: Response) => void | Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof HttpError) {
        sendError(res, error.status, error.code, error.message, error.headers);
        return;
      }
      logger.error({ err: errorName(error), method: req.method }, 'local direct line route failed');
      sendError(res, 500, 'internal', 'Something went wrong.');
    }
  };
}
