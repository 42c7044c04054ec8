import { z } from 'zod';
import { InvalidTicketError, TicketLimitError } from './ticketErrors';
import { newTicketSchema, TICKET_LIMITS, type TicketDetails, type ValidNewTicket } from './ticket';
import { cleanTicketText, utf8Length } from './ticketText';

/** Validates what the escalation hands over; the error names the fields, never their values. */
export function validateNewTicket(input: unknown): ValidNewTicket {
  const parsed = newTicketSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'ticket'}: ${issue.message}`);
    throw new InvalidTicketError(`Invalid ticket: ${fields.join('; ')}`);
  }
  return parsed.data;
}

function boundedText(text: string, maxBytes: number, limit: 'noteBytes' | 'replyBytes', what: string): string {
  const cleaned = cleanTicketText(text).trim();
  if (cleaned === '') throw new InvalidTicketError(`A ${what} needs some text.`);
  if (utf8Length(cleaned) > maxBytes) {
    throw new TicketLimitError(limit, `A ${what} may be at most ${maxBytes} bytes (UTF-8).`);
  }
  return cleaned;
}

export function noteText(text: string): string {
  return boundedText(text, TICKET_LIMITS.noteBytes, 'noteBytes', 'note');
}

export function replyText(text: string): string {
  return boundedText(text, TICKET_LIMITS.replyBytes, 'replyBytes', 'reply');
}

export function assigneeValue(assignee: string | null): string | null {
  if (assignee === null) return null;
  const cleaned = cleanTicketText(assignee).trim();
  if (cleaned === '' || Array.from(cleaned).length > TICKET_LIMITS.assigneeCharacters) {
    throw new InvalidTicketError(`An assignee is 1-${TICKET_LIMITS.assigneeCharacters} characters.`);
  }
  return cleaned;
}

const cursorSchema = z.tuple([z.iso.datetime(), z.string().max(64)]);

export interface TicketCursor {
  readonly createdAt: string;
  readonly number: string;
}

export function encodeTicketCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.number]), 'utf8').toString('base64url');
}

/** undefined for anything that is not a cursor this store handed out. */
export function decodeTicketCursor(text: string): TicketCursor | undefined {
  if (text.length > 256 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { createdAt: parsed.data[0], number: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

export function cutoffFor(now: Date, days: number): Date {
  if (!Number.isFinite(days) || days < 0) throw new RangeError('The retention period must be zero or more days.');
  return new Date(now.getTime() - days * 86_400_000);
}

export function listLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('A page holds 1-100 tickets.');
  return limit;
}

/** What "forget me" leaves of a ticket's details: the failure and the checks, nothing that leads back to the user. */
export function anonymisedDetails(current: TicketDetails): TicketDetails {
  return { ...current, conversationReference: null, promptText: null, applicationReference: null };
}
