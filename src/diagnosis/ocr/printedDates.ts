const MONTHS: Record<string, number> = {
  JAN: 1,
  FEB: 2,
  FEV: 2,
  MAR: 3,
  APR: 4,
  AVR: 4,
  MAY: 5,
  MAI: 5,
  JUN: 6,
  JUIN: 6,
  JUL: 7,
  JUIL: 7,
  AUG: 8,
  AOU: 8,
  AOUT: 8,
  SEP: 9,
  SEPT: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function valid(year: number, month: number, day: number): CalendarDate | null {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year, month, day } : null;
}

/** Dates printed on a document in the usual forms: 15 APR 2034, 15.04.2034, 2034-04-15, 15/04/2034, 2034年4月15日. */
export function findPrintedDates(text: string): CalendarDate[] {
  const dates: CalendarDate[] = [];
  const upper = text.toUpperCase();
  for (const m of upper.matchAll(/\b(\d{1,2})\s*([A-Z]{3,4})(?:\s*\/\s*[A-Z]{3,4})?\s*(\d{4})\b/g)) {
    const month = MONTHS[m[2]];
    const date = month ? valid(Number(m[3]), month, Number(m[1])) : null;
    if (date) dates.push(date);
  }
  for (const m of upper.matchAll(/\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b/g)) {
    const date = valid(Number(m[3]), Number(m[2]), Number(m[1]));
    if (date) dates.push(date);
  }
  for (const m of upper.matchAll(/\b(\d{4})[./-](\d{1,2})[./-](\d{1,2})\b/g)) {
    const date = valid(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) dates.push(date);
  }
  for (const m of text.matchAll(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g)) {
    const date = valid(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) dates.push(date);
  }
  return dates;
}

export function toIsoDate(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
