import { z } from 'zod';
import type { Locale } from '../i18n/locales';

/** Where the user is, as far as the activity tells: an IANA zone, or an offset from localTimestamp. */
export interface UserClock {
  timeZone?: string;
  offsetMinutes?: number;
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Teams describes the user's client in an entity: `{ type: 'clientInfo', timezone: 'Europe/Berlin', ... }`. */
const clientInfoSchema = z.looseObject({ type: z.literal('clientInfo'), timezone: z.string().max(64) });

function clientInfoZone(entities: readonly unknown[] | undefined): string | undefined {
  for (const entity of entities ?? []) {
    const parsed = clientInfoSchema.safeParse(entity);
    if (parsed.success && isValidZone(parsed.data.timezone)) return parsed.data.timezone;
  }
  return undefined;
}

/**
 * Channels send `localTimezone` (IANA) and/or `localTimestamp` with the user's UTC offset; Teams
 * also puts the zone in its clientInfo entity. Nothing of it: the caller says UTC.
 */
export function userClockFrom(
  localTimezone: string | undefined,
  localTimestamp: string | Date | undefined,
  entities?: readonly unknown[],
): UserClock {
  if (localTimezone && isValidZone(localTimezone)) return { timeZone: localTimezone };
  const zone = clientInfoZone(entities);
  if (zone) return { timeZone: zone };
  const raw = localTimestamp instanceof Date ? undefined : localTimestamp;
  const m = raw ? /([+-])(\d{2}):?(\d{2})$/.exec(raw) : null;
  if (m) return { offsetMinutes: (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) };
  return {};
}

/** A date and time the user reads as their own, e.g. "Nov 29, 2026, 3:05 PM" / "2026年11月29日 15:05". */
export function formatUserTime(epochMs: number, clock: UserClock, locale: Locale): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  if (clock.timeZone) return new Intl.DateTimeFormat(locale, { ...options, timeZone: clock.timeZone }).format(epochMs);
  if (clock.offsetMinutes !== undefined) {
    const shifted = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(
      epochMs + clock.offsetMinutes * 60_000,
    );
    const sign = clock.offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(clock.offsetMinutes);
    return `${shifted} (UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')})`;
  }
  return `${new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(epochMs)} (UTC)`;
}
