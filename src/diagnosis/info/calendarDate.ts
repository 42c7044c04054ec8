import { dateOrderOf, type InfoSettings } from './infoSettings';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why three numbers are not a date, or undefined when they are one. */
export function dateProblem(year: number, month: number, day: number): 'month' | 'day' | undefined {
  if (month < 1 || month > 12) return 'month';
  if (day < 1 || day > daysInMonth(year, month)) return 'day';
  return undefined;
}

export function sameDate(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function calendarDateOf(instant: Date): CalendarDate {
  return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
}

/** The date written the way the verification form expects (settings `dateFormat`). */
export function formatDate(date: CalendarDate, settings: InfoSettings): string {
  const year = String(date.year).padStart(4, '0');
  const month = String(date.month).padStart(2, '0');
  const day = String(date.day).padStart(2, '0');
  const parts =
    dateOrderOf(settings) === 'DMY'
      ? [day, month, year]
      : dateOrderOf(settings) === 'MDY'
        ? [month, day, year]
        : [year, month, day];
  return parts.join(settings.dateSeparator);
}

/** Distinct dates, in the order first seen. */
export function distinctDates(dates: readonly CalendarDate[]): CalendarDate[] {
  return dates.filter((date, i) => dates.findIndex((other) => sameDate(other, date)) === i);
}
