import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { AgentAuthenticator, type AgentCredential, type AgentIdentity } from '../http/agentAuth';
import { HttpError } from '../http/httpError';
import { jsonBody } from '../http/jsonBody';
import { pathParam, route } from '../http/route';
import type { TicketChangeFeed } from './ticketChangeFeed';
import {
  TICKET_LIMITS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  toPublicTicket,
  type Ticket,
  type TicketReply,
} from '../tickets/ticket';
import { parseIfMatch, ticketETag } from './ticketETag';
import {
  InvalidTicketError,
  TicketAnonymisedError,
  TicketLimitError,
  TicketNotFoundError,
  VersionConflictError,
} from '../tickets/ticketErrors';
import { parseTicketNumber } from '../tickets/ticketNumber';
import { decodeTicketCursor, type TicketListFilter, type TicketStore } from '../tickets/ticketStore';
import { utf8Length } from '../tickets/ticketText';
import type { OutcomeRecorder } from '../reports/outcomes';

export interface TicketRouteDeps {
  readonly store: TicketStore;
  /** AGENT_API_TOKEN (acts as agent "api"); with no token and no agents the routes are off (404). */
  readonly token: string | undefined;
  /** AGENT_TOKENS: named agents, for the console and the API; each write records the name. */
  readonly agents?: readonly AgentCredential[];
  /** The console's live queue (GET /api/agent/events); without it that route is 404. */
  readonly feed?: TicketChangeFeed;
  /** The clock for the age filter. */
  readonly now?: () => number;
  /** Proactive delivery into the user's conversation; false (or a throw) = not delivered now, the reply waits. */
  readonly deliverReply: (ticket: Ticket, reply: TicketReply) => Promise<boolean>;
  /** A ticket became resolved: tell the user and ask for their rating (see proactiveReplies). */
  readonly onResolved?: (ticket: Ticket) => Promise<boolean>;
  /** Counts the time to the first agent reply for the reports. */
  readonly outcomes?: OutcomeRecorder;
  readonly onUnexpected: (error: unknown) => void;
}

/** Larger than the biggest valid body (a 4 kB note, JSON-escaped), so the note limit answers first. */
const MAX_BODY_BYTES = 32 * 1024;
const DEFAULT_PAGE = 50;

const patchSchema = z
  .strictObject({
    status: z.enum(TICKET_STATUSES).optional(),
    assignee: z.string().min(1).max(TICKET_LIMITS.assigneeCharacters).nullable().optional(),
    note: z.string().min(1).optional(),
  })
  .refine((patch) => patch.status !== undefined || patch.assignee !== undefined || patch.note !== undefined, {
    error: 'Send at least one of status, assignee, note.',
  });
const replySchema = z.strictObject({ text: z.string().min(1) });

function badRequest(error: z.ZodError): HttpError {
  const issue = error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? 'body' : issue.path.join('.');
  return new HttpError(400, 'bad_request', `${field}: ${issue?.message ?? 'invalid'}`);
}

function ticketNumberOf(req: Request): string {
  const raw = pathParam(req, 'number');
  const number = raw === undefined ? undefined : parseTicketNumber(raw);
  if (number === undefined) {
    throw new HttpError(400, 'bad_request', 'That is not a ticket number (e.g. KYC-7F3K9QX); check for a typo.');
  }
  return number;
}

function assertJson(req: Request): void {
  if (!req.is('json')) throw new HttpError(415, 'unsupported_media_type', 'Send application/json.');
}

const CAUSE_FILTER = /^(none|[a-z][a-z0-9_]{0,63})$/;
const MAX_AGE_HOURS = 24 * 365;

/** `?status=&cause=&priority=&olderThanHours=&limit=&cursor=`; `cause=none` is tickets without a recognised cause. */
function listFilter(req: Request, now: number): TicketListFilter {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const single = (name: string): string | undefined => {
    const values = query.getAll(name);
    if (values.length > 1) throw new HttpError(400, 'bad_request', `Give "${name}" once.`);
    return values[0];
  };
  const status = single('status');
  const cause = single('cause');
  const priority = single('priority');
  const olderThanHours = single('olderThanHours');
  const limit = single('limit');
  const cursor = single('cursor');
  const parsedStatus = z.enum(TICKET_STATUSES).safeParse(status);
  if (status !== undefined && !parsedStatus.success) {
    throw new HttpError(400, 'bad_request', `status must be one of ${TICKET_STATUSES.join(', ')}.`);
  }
  const parsedPriority = z.enum(TICKET_PRIORITIES).safeParse(priority);
  if (priority !== undefined && !parsedPriority.success) {
    throw new HttpError(400, 'bad_request', `priority must be one of ${TICKET_PRIORITIES.join(', ')}.`);
  }
  if (cause !== undefined && !CAUSE_FILTER.test(cause)) {
    throw new HttpError(400, 'bad_request', 'cause must be a topic id (e.g. photo_unclear) or none.');
  }
  const hours = olderThanHours === undefined ? undefined : Number(olderThanHours);
  if (hours !== undefined && (!/^[1-9][0-9]{0,3}$/.test(olderThanHours ?? '') || hours > MAX_AGE_HOURS)) {
    throw new HttpError(400, 'bad_request', `olderThanHours must be a whole number from 1 to ${MAX_AGE_HOURS}.`);
  }
  if (limit !== undefined && !/^(100|[1-9][0-9]?)$/.test(limit)) {
    throw new HttpError(400, 'bad_request', 'limit must be a whole number from 1 to 100.');
  }
  if (cursor !== undefined && decodeTicketCursor(cursor) === undefined) {
    throw new HttpError(400, 'bad_request', 'cursor must be a nextCursor from an earlier page.');
  }
  return {
    ...(parsedStatus.success ? { status: parsedStatus.data } : {}),
    ...(cause === undefined ? {} : { cause: cause === 'none' ? null : cause }),
    ...(parsedPriority.success ? { priority: parsedPriority.data } : {}),
    ...(hours === undefined ? {} : { createdBefore: new Date(now - hours * 3_600_000).toISOString() }),
    limit: limit === undefined ? DEFAULT_PAGE : Number(limit),
    ...(cursor === undefined ? {} : { cursor }),
  };
}

function sendTicket(res: Response, ticket: Ticket): void {
  res.header('ETag', ticketETag(ticket.version));
  res.header('Cache-Control', 'no-store');
  res.json(toPublicTicket(ticket));
}

/** Store errors that are the client's doing, as the HTTP answers DESIGN.md names. */
function asHttpError(error: unknown): unknown {
  if (error instanceof VersionConflictError) {
    return new HttpError(412, 'precondition_failed', 'The ticket changed since you read it; fetch it again.', {
      ETag: ticketETag(error.currentVersion),
    });
  }
  if (error instanceof TicketNotFoundError) return new HttpError(404, 'not_found', 'No ticket has that number.');
  if (error instanceof TicketLimitError) {
    return error.limit === 'noteBytes' || error.limit === 'replyBytes'
      ? new HttpError(413, 'payload_too_large', error.message)
      : new HttpError(409, 'conflict', error.message);
  }
  if (error instanceof TicketAnonymisedError)
    return new HttpError(409, 'conflict', 'The user asked to be forgotten; the ticket takes no replies.');
  if (error instanceof InvalidTicketError) return new HttpError(400, 'bad_request', error.message);
  return error;
}

/**
 * The agent-side ticket API (DESIGN.md, HTTP surface): bearer-token protected, ETag/If-Match on
 * writes, off (404) when no token is configured.
 */
export function registerTicketRoutes(server: Server, deps: TicketRouteDeps): void {
  const { store } = deps;
  const auth = new AgentAuthenticator(deps.token, deps.agents ?? []);
  const now = deps.now ?? Date.now;
  const guarded = (handler: (req: Request, res: Response, agent: AgentIdentity) => Promise<void>, named = false) =>
    route(
      async (req, res) => {
        if (!auth.enabled) throw new HttpError(404, 'not_found', 'Not found.');
        const agent = named ? auth.authenticateNamed(req) : auth.authenticate(req);
        try {
          await handler(req, res, agent);
        } catch (error) {
          throw asHttpError(error);
        }
      },
      (error) => deps.onUnexpected(error),
    );

  // eslint-disable-next-line @typescript-eslint/require-await -- guarded() takes async handlers
  const me = async (_req: Request, res: Response, agent: AgentIdentity): Promise<void> => {
    res.json({ name: agent.name });
  };
  server.get('/api/agent/me', guarded(me, true));

  const { feed } = deps;
  server.get(
    '/api/agent/events',
    guarded(async (req, res) => {
      if (feed === undefined) throw new HttpError(404, 'not_found', 'Not found.');
      await feed.stream(req, res);
    }, true),
  );

  server.get(
    '/api/tickets',
    guarded(async (req, res) => {
      const page = await store.list(listFilter(req, now()));
      res.header('Cache-Control', 'no-store');
      res.json({
        tickets: page.tickets.map(toPublicTicket),
        ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      });
    }),
  );

  server.get(
    '/api/tickets/:number',
    guarded(async (req, res) => {
      const number = ticketNumberOf(req);
      const ticket = await store.get(number);
      if (ticket === undefined) throw new TicketNotFoundError(number);
      sendTicket(res, ticket);
    }),
  );

  server.patch(
    '/api/tickets/:number',
    ...jsonBody(MAX_BODY_BYTES),
    guarded(async (req, res, agent) => {
      const number = ticketNumberOf(req);
      assertJson(req);
      const parsed = patchSchema.safeParse(req.body);
      if (!parsed.success) throw badRequest(parsed.error);
      if (parsed.data.note !== undefined && utf8Length(parsed.data.note) > TICKET_LIMITS.noteBytes) {
        throw new HttpError(413, 'payload_too_large', `A note may be at most ${TICKET_LIMITS.noteBytes} bytes.`);
      }
      const ifMatch = parseIfMatch(req.header('if-match'));
      if (ifMatch.kind === 'missing' || ifMatch.kind === 'any') {
        throw new HttpError(
          428,
          'precondition_required',
          "Send If-Match with the ticket's ETag, so a newer change is not overwritten.",
        );
      }
      if (ifMatch.kind === 'unmatchable') {
        const current = await store.get(number);
        if (current === undefined) throw new TicketNotFoundError(number);
        throw new VersionConflictError(number, 0, current.version);
      }
      const { status, assignee, note } = parsed.data;
      // Only the change into resolved tells the user; the version check below makes `before` the state it replaces.
      const before = status === 'resolved' && deps.onResolved ? await store.get(number) : undefined;
      const ticket = await store.update(number, ifMatch.version, {
        ...(status === undefined ? {} : { status }),
        ...(assignee === undefined ? {} : { assignee }),
        ...(note === undefined ? {} : { note }),
        agent: agent.name,
      });
      feed?.poke();
      if (before !== undefined && before.status !== 'resolved') {
        await deps.onResolved?.(ticket).catch((error: unknown) => deps.onUnexpected(error));
      }
      sendTicket(res, ticket);
    }),
  );

  server.post(
    '/api/tickets/:number/reply',
    ...jsonBody(MAX_BODY_BYTES),
    guarded(async (req, res, agent) => {
      const number = ticketNumberOf(req);
      assertJson(req);
      const parsed = replySchema.safeParse(req.body);
      if (!parsed.success) throw badRequest(parsed.error);
      if (utf8Length(parsed.data.text) > TICKET_LIMITS.replyBytes) {
        throw new HttpError(413, 'payload_too_large', `A reply may be at most ${TICKET_LIMITS.replyBytes} bytes.`);
      }
      const { ticket, reply } = await store.addReply(number, parsed.data.text, agent.name);
      if (ticket.replies.length === 1) {
        deps.outcomes?.record({
          kind: 'firstAgentReply',
          ticketCreatedAt: ticket.createdAt,
          repliedAt: reply.createdAt,
        });
      }
      let delivered = false;
      try {
        delivered = await deps.deliverReply(ticket, reply);
      } catch (error) {
        // The reply is stored; it waits for the user's next message instead.
        deps.onUnexpected(error);
      }
      if (delivered) await store.markReplyDelivered(number, reply.id);
      const latest = (await store.get(number)) ?? ticket;
      const stored = latest.replies.find((candidate) => candidate.id === reply.id) ?? reply;
      feed?.poke();
      res.header('ETag', ticketETag(latest.version));
      res.header('Cache-Control', 'no-store');
      res.status(delivered ? 200 : 202);
      res.json({ reply: { ...stored, delivered } });
    }),
  );
}
