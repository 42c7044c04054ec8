import type { CheckResult } from '../photo/checkResult';
import type { MrzReading } from '../mrz/mrzParser';
import { findPrintedDates, toIsoDate, type CalendarDate } from './printedDates';
import type { OcrSettings } from './ocrSettings';

export interface ExpiryFinding {
  check: CheckResult;
  /** ISO date, when one was found. */
  expiryDate?: string;
  expired?: boolean;
}

const EXPIRY_WORDS = /EXPIR|VALID\s*(UNTIL|THRU|TO)|DATE\s*OF\s*EXP|GÜLTIG|VALABLE|VENCIMIENTO|SCADENZA|有效期/i;

/** MRZ years have two digits: the nearest century that does not put the expiry 50+ years ahead. */
function fromMrzDate(yymmdd: string, now: Date): CalendarDate | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const year = 2000 + yy > now.getUTCFullYear() + 50 ? 1900 + yy : 2000 + yy;
  const found = findPrintedDates(`${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`);
  return found[0] ?? null;
}

const later = (a: CalendarDate, b: CalendarDate): CalendarDate => (toIsoDate(a) >= toIsoDate(b) ? a : b);

/**
 * The expiry printed on the document: a date on a line that says so, the end of a validity
 * range ("2015.01.01-2035.01.01" on a Chinese ID card), or else the latest of at least three
 * dates (birth, issue and expiry are the usual trio; the expiry comes last).
 */
export function findPrintedExpiry(lines: readonly string[]): CalendarDate | null {
  const labelled = lines.flatMap((line, i) =>
    EXPIRY_WORDS.test(line) ? findPrintedDates(`${line} ${lines[i + 1] ?? ''}`) : [],
  );
  if (labelled.length > 0) return labelled.reduce(later);
  const ranges = lines
    .map(findPrintedDates)
    .filter((dates) => dates.length === 2 && toIsoDate(dates[1]) > toIsoDate(dates[0]));
  if (ranges.length > 0) return ranges.map((dates) => dates[1]).reduce(later);
  const all = lines.flatMap(findPrintedDates);
  return all.length >= 3 ? all.reduce(later) : null;
}

function daysBetween(from: Date, to: CalendarDate): number {
  const today = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - today) / 86_400_000);
}

/** Expired relative to `now` fails, expiring within the warning window warns. MRZ dates win over printed ones when their check digit agrees. */
export function expiryCheck(
  reading: MrzReading | null,
  printedLines: readonly string[],
  now: Date,
  settings: OcrSettings['expiry'],
): ExpiryFinding {
  const threshold = settings.warnWithinDays;
  const mrzValid = reading?.checks.find((c) => c.field === 'expiryDate')?.valid === true;
  const date =
    (reading && mrzValid ? fromMrzDate(reading.fields.expiryDate, now) : null) ?? findPrintedExpiry(printedLines);
  if (!date) {
    return { check: { id: 'expiry', status: 'skipped', measured: null, threshold, messageKey: 'text.expiry.unknown' } };
  }
  const days = daysBetween(now, date);
  const expiryDate = toIsoDate(date);
  const status = days < 0 ? 'fail' : days <= settings.warnWithinDays ? 'warn' : 'pass';
  const messageKey =
    status === 'fail' ? 'text.expiry.expired' : status === 'warn' ? 'text.expiry.soon' : 'text.expiry.pass';
  return {
    check: {
      id: 'expiry',
      status,
      measured: days,
      threshold,
      messageKey,
      messageParams: { date: expiryDate, days: Math.abs(days) },
    },
    expiryDate,
    expired: days < 0,
  };
}
