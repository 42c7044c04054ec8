import { z } from 'zod';

const cursorSchema = z.tuple([z.iso.datetime(), z.string().max(64)]);

/** Where a page of the ticket list ends, in its (created_at, number) order. */
export interface TicketCursor {
  readonly createdAt: string;
  readonly number: string;
}

export function encodeTicketCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.number]), 'utf8').toString('base64url');
}

/** undefined for anything that is not a cursor the ticket store handed out. */
export function decodeTicketCursor(text: string): TicketCursor | undefined {
  if (text.length > 256 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { createdAt: parsed.data[0], number: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}
