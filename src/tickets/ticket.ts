import { z } from 'zod';
import { INFO_FIELDS } from '../diagnosis/info/infoFinding';
import { INFO_RULE_IDS } from '../diagnosis/info/infoRuleIds';
import { CHECK_IDS } from '../diagnosis/photo/checkResult';
import { SELFIE_CHECK_IDS } from '../diagnosis/selfie/selfieCheckResult';
import { InvalidTicketError, TicketLimitError } from './ticketErrors';
import { cleanTicketText, truncateCodePoints, utf8Length } from './ticketText';

export const TICKET_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['normal', 'high'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
const PHOTO_CHECK_STATUSES = ['pass', 'warn', 'fail', 'skipped'] as const;

export const TICKET_LIMITS = {
  promptCharacters: 500,
  noteBytes: 4096,
  notes: 100,
  replyBytes: 2048,
  replies: 100,
  /** A long conversation keeps its latest steps; the agent needs where it ended, not every loop. */
  steps: 200,
  conversationReferenceBytes: 16 * 1024,
  assigneeCharacters: 128,
  /** The latest agent actions kept on a ticket; older ones drop off. */
  activity: 500,
  agentNameCharacters: 64,
} as const;

export const TICKET_ACTIONS = ['status', 'assignee', 'note', 'reply'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const topicOrStepId = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a snake_case id');
/** An i18n key with its namespace, e.g. `topics:photo_unclear.label` (resolved by the reader). */
const labelKey = z
  .string()
  .max(200)
  .regex(/^[a-z][a-zA-Z]*:[A-Za-z0-9_.]+$/, 'expected "namespace:key"');
const isoTime = z.iso.datetime();

/** The reference the user's KYC application carries; agents need it in full (DESIGN.md, Privacy). */
export const applicationReferenceSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{4,64}$/, 'expected 4-64 letters, digits, "-" or "_"');

const causeSchema = z.strictObject({ id: topicOrStepId.nullable(), labelKey: labelKey.nullable() });
const stepVisitSchema = z.strictObject({ topic: topicOrStepId, step: topicOrStepId });
/** Counts and times only: what the lockout rule needs, nothing about the person. */
const attemptsSchema = z.strictObject({
  failures: z.int().min(0).max(99),
  lastFailureAt: isoTime.nullable(),
  restrictedUntil: isoTime.nullable(),
});
const photoCheckSchema = z.strictObject({ id: z.enum(CHECK_IDS), status: z.enum(PHOTO_CHECK_STATUSES) });
/** The latest selfie check's ids and statuses: never the selfie, never a measure of the face. */
const selfieCheckSchema = z.strictObject({ id: z.enum(SELFIE_CHECK_IDS), status: z.enum(PHOTO_CHECK_STATUSES) });
/** Field and rule id only: the entered and document values never reach a ticket. */
const infoFindingSchema = z.strictObject({ field: z.enum(INFO_FIELDS), rule: z.enum(INFO_RULE_IDS) });
const conversationReferenceSchema = z
  .record(z.string(), z.unknown())
  .refine(
    (reference) => utf8Length(JSON.stringify(reference)) <= TICKET_LIMITS.conversationReferenceBytes,
    `the conversation reference must stay under ${TICKET_LIMITS.conversationReferenceBytes} bytes of JSON`,
  );

/** Who did what: an agent's name from AGENT_TOKENS (or "api" for AGENT_API_TOKEN), never a user's. */
export const agentNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected 1-64 letters, digits, ".", "_" or "-"');
const activitySchema = z.strictObject({
  at: isoTime,
  agent: agentNameSchema,
  action: z.enum(TICKET_ACTIONS),
  /** The new status for `status`, the note or reply id for `note` and `reply`, the assignee (or null) for `assignee`. */
  value: z.string().max(TICKET_LIMITS.assigneeCharacters).nullable(),
});

export type PhotoCheckSummary = z.infer<typeof photoCheckSchema>;

/** What the escalation dialog hands over to create a ticket. The user key comes from userKeyOf(). */
export const newTicketSchema = z.strictObject({
  userKey: z.string().regex(/^[0-9a-f]{64}$/, 'expected the hex user key from userKeyOf()'),
  channelId: z.string().min(1).max(128),
  locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'expected a language tag'),
  /** Stored as given, for proactive replies; dropped when the user asks to be forgotten. */
  conversationReference: conversationReferenceSchema.nullable(),
  cause: causeSchema,
  /** What the user pasted from the exchange; cut to 500 characters, null when nothing is left. */
  promptText: z
    .string()
    .transform((text) => truncateCodePoints(cleanTicketText(text).trim(), TICKET_LIMITS.promptCharacters) || null)
    .nullable()
    .default(null),
  applicationReference: applicationReferenceSchema.nullable().default(null),
  steps: z
    .array(stepVisitSchema)
    .max(10_000)
    .transform((steps) => steps.slice(-TICKET_LIMITS.steps))
    .default([]),
  attempts: attemptsSchema.nullable().default(null),
  photoChecks: z.array(photoCheckSchema).max(CHECK_IDS.length).default([]),
  selfieChecks: z.array(selfieCheckSchema).max(SELFIE_CHECK_IDS.length).default([]),
  infoFindings: z.array(infoFindingSchema).max(100).default([]),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
});
export type NewTicket = z.input<typeof newTicketSchema>;

/**
 * The part of a ticket stored as one JSON document (the rest are columns or rows of their own):
 * what the escalation handed over, read back through the same rules it was written with.
 */
export const ticketDetailsSchema = newTicketSchema.omit({ userKey: true, priority: true }).extend({
  /** Who did what; absent on tickets stored before agents were named. */
  activity: z.array(activitySchema).max(TICKET_LIMITS.activity).default([]),
});
export type TicketDetails = z.output<typeof ticketDetailsSchema>;

export interface TicketNote {
  readonly id: string;
  readonly text: string;
  readonly createdAt: string;
}

/** A message from an agent to the user; `deliveredAt` null while it waits for the user to come back. */
export interface TicketReply extends TicketNote {
  readonly deliveredAt: string | null;
}

export interface Ticket extends TicketDetails {
  readonly number: string;
  readonly status: TicketStatus;
  readonly priority: TicketPriority;
  readonly assignee: string | null;
  /** Keyed hash of channel + user id, so "forget me" finds the tickets; null once anonymised. */
  readonly userKey: string | null;
  readonly notes: readonly TicketNote[];
  readonly replies: readonly TicketReply[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Bumps on every change; the HTTP ETag is `"<version>"`. */
  readonly version: number;
  readonly anonymisedAt: string | null;
}

/** What an agent may change in one atomic step (PATCH). */
export interface TicketChange {
  readonly status?: TicketStatus;
  /** null unassigns. */
  readonly assignee?: string | null;
  readonly note?: string;
  /** The agent making the change, recorded in the ticket's activity. */
  readonly agent?: string;
}

/** The ticket as agents and the helpdesk see it: without the user key and the conversation reference. */
export function toPublicTicket({ userKey: _userKey, conversationReference: _reference, ...visible }: Ticket) {
  return visible;
}

/** Validates what the escalation hands over; the error names the fields, never their values. */
export function validateNewTicket(input: unknown): z.output<typeof newTicketSchema> {
  const parsed = newTicketSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'ticket'}: ${issue.message}`);
    throw new InvalidTicketError(`Invalid ticket: ${fields.join('; ')}`);
  }
  return parsed.data;
}

function boundedText(text: string, limit: 'noteBytes' | 'replyBytes', what: string): string {
  const cleaned = cleanTicketText(text).trim();
  if (cleaned === '') throw new InvalidTicketError(`A ${what} needs some text.`);
  if (utf8Length(cleaned) > TICKET_LIMITS[limit]) {
    throw new TicketLimitError(limit, `A ${what} may be at most ${TICKET_LIMITS[limit]} bytes (UTF-8).`);
  }
  return cleaned;
}

function assigneeValue(assignee: string | null): string | null {
  if (assignee === null) return null;
  const cleaned = cleanTicketText(assignee).trim();
  if (cleaned === '' || Array.from(cleaned).length > TICKET_LIMITS.assigneeCharacters) {
    throw new InvalidTicketError(`An assignee is 1-${TICKET_LIMITS.assigneeCharacters} characters.`);
  }
  return cleaned;
}

/** A change (or a reply) as stored: texts cleaned and within their limits, the agent a valid name. */
export function validTicketChange(change: TicketChange & { readonly reply?: string }) {
  const valid = {
    status: change.status,
    note: change.note === undefined ? undefined : boundedText(change.note, 'noteBytes', 'note'),
    reply: change.reply === undefined ? undefined : boundedText(change.reply, 'replyBytes', 'reply'),
    assignee: change.assignee === undefined ? undefined : assigneeValue(change.assignee),
    agent: change.agent,
  };
  if (valid.agent !== undefined && !agentNameSchema.safeParse(valid.agent).success) {
    throw new InvalidTicketError('That is not an agent name.');
  }
  return valid;
}

/** What "forget me" leaves of a ticket's details: the failure and the checks, nothing that leads back to the user. */
export function anonymisedDetails(current: TicketDetails): TicketDetails {
  return { ...current, conversationReference: null, promptText: null, applicationReference: null };
}
