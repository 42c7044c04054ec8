import { compareDates, dateProblem, type CalendarDate } from './calendarDate';
import { isDigit, isLetter, toHalfWidth, withoutAccents } from './characterClasses';
import type { DateOrder } from './infoSettings';

/** Unit indexes [start, end) of one part of a typed date. */
export interface Span {
  start: number;
  end: number;
}

/** One way of reading a typed date as a calendar date. */
export interface DateReading {
  date: CalendarDate;
  order: DateOrder;
  yearDigits: number;
  /** Digits typed for month and day; 0 when the month is a word or a marker says which is which. */
  monthDigits: number;
  dayDigits: number;
  spans: { year: Span; month: Span; day: Span };
}

export type DateLayout = 'numeric' | 'compact' | 'monthName' | 'cjk';
export type DateProblem = 'month' | 'day' | 'future' | 'year';

export interface ParsedDate {
  layout: DateLayout;
  /** Readings that are real, plausible birth dates. */
  readings: DateReading[];
  /** Readings that are not, with the part at fault (for "2000-02-30 does not exist"). */
  impossible: { problem: DateProblem; span: Span }[];
  /** Text between the three parts, numeric layout only (`-`, `/`, ` / `...). */
  separators: { text: string; span: Span }[];
  /** Characters before the first or after the last part. */
  stray: Span[];
}

/** The range of birth years a reading must fall in, and today (no birth dates in the future). */
export interface DatePlausibility {
  today: CalendarDate;
  oldestYear: number;
}

const MONTH_WORDS: Record<string, number> = {};
const monthNames: [number, string[]][] = [
  [1, ['JAN', 'JANUARY', 'JANV', 'JANVIER', 'JANUAR', 'ENE', 'GEN']],
  [2, ['FEB', 'FEBRUARY', 'FEV', 'FEVR', 'FEVRIER', 'FEBRUAR']],
  [3, ['MAR', 'MARCH', 'MARS', 'MAR', 'MRZ', 'MARZ', 'MAERZ']],
  [4, ['APR', 'APRIL', 'AVR', 'AVRIL', 'ABR']],
  [5, ['MAY', 'MAI', 'MAG']],
  [6, ['JUN', 'JUNE', 'JUIN', 'JUNI']],
  [7, ['JUL', 'JULY', 'JUIL', 'JUILLET', 'JULI']],
  [8, ['AUG', 'AUGUST', 'AOU', 'AOUT', 'AGO']],
  [9, ['SEP', 'SEPT', 'SEPTEMBER', 'SEPTEMBRE', 'SET']],
  [10, ['OCT', 'OCTOBER', 'OCTOBRE', 'OKT', 'OKTOBER', 'OTT']],
  [11, ['NOV', 'NOVEMBER', 'NOVEMBRE']],
  [12, ['DEC', 'DECEMBER', 'DECEMBRE', 'DEZ', 'DEZEMBER', 'DIC']],
];
for (const [month, words] of monthNames) for (const word of words) MONTH_WORDS[word] = month;

type Token =
  | { kind: 'number'; text: string; span: Span }
  | { kind: 'word'; month: number | undefined; span: Span }
  | { kind: 'marker'; marker: '年' | '月' | '日'; span: Span };

function tokenize(units: readonly string[]): { tokens: Token[]; gaps: { text: string; span: Span }[] } {
  const tokens: Token[] = [];
  const gaps: { text: string; span: Span }[] = [];
  let i = 0;
  while (i < units.length) {
    const unit = units[i] ?? '';
    const start = i;
    if (isDigit(unit)) {
      while (i < units.length && isDigit(units[i] ?? '')) i += 1;
      tokens.push({ kind: 'number', text: units.slice(start, i).join(''), span: { start, end: i } });
    } else if (unit === '年' || unit === '月' || unit === '日') {
      i += 1;
      tokens.push({ kind: 'marker', marker: unit, span: { start, end: i } });
    } else if (isLetter(unit)) {
      while (i < units.length && isLetter(units[i] ?? '') && !'年月日'.includes(units[i] ?? '')) i += 1;
      const word = withoutAccents(units.slice(start, i).join('')).toUpperCase();
      tokens.push({ kind: 'word', month: MONTH_WORDS[word.replace(/\.$/, '')], span: { start, end: i } });
    } else {
      while (i < units.length && !isDigit(units[i] ?? '') && !isLetter(units[i] ?? '')) i += 1;
      gaps.push({ text: units.slice(start, i).join(''), span: { start, end: i } });
    }
  }
  return { tokens, gaps };
}

interface Part {
  value: number;
  digits: number;
  span: Span;
}

function part(token: { text: string; span: Span }): Part {
  return { value: Number(token.text), digits: token.text.length, span: token.span };
}

function slicePart(token: { text: string; span: Span }, from: number, length: number): Part {
  const text = token.text.slice(from, from + length);
  return {
    value: Number(text),
    digits: length,
    span: { start: token.span.start + from, end: token.span.start + from + length },
  };
}

/** Reads a typed or printed date; undefined when it is not recognisable as a date at all. */
export function parseDate(rawUnits: readonly string[], plausibility: DatePlausibility): ParsedDate | undefined {
  const units = rawUnits.map(toHalfWidth);
  const { tokens, gaps } = tokenize(units);
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const stray = gaps
    .filter((gap) => gap.span.end <= first.span.start || gap.span.start >= last.span.end)
    .map((gap) => gap.span);
  const inner = gaps.filter((gap) => gap.span.start >= first.span.end && gap.span.end <= last.span.start);
  const numbers = tokens.flatMap((token) => (token.kind === 'number' ? [token] : []));
  const words = tokens.flatMap((token) => (token.kind === 'word' ? [token] : []));
  const markers = tokens.flatMap((token) => (token.kind === 'marker' ? [token] : []));
  if (words.some((word) => word.month === undefined)) return undefined;
  if (numbers.some((token) => token.text.length > 8)) return undefined;

  const build = (layout: DateLayout, shapes: Shape[]): ParsedDate => ({
    layout,
    ...interpret(shapes, plausibility),
    separators: layout === 'numeric' ? inner : [],
    stray,
  });

  if (markers.length > 0 || words.length > 0) {
    const numberBefore = (marker: '年' | '月' | '日'): (typeof numbers)[number] | undefined => {
      const at = tokens.findIndex((token) => token.kind === 'marker' && token.marker === marker);
      const previous = at > 0 ? tokens[at - 1] : undefined;
      return previous?.kind === 'number' ? previous : undefined;
    };
    const markedMonth = numberBefore('月');
    const wordMonths = new Set(words.map((word) => word.month));
    if (wordMonths.size > 1) return undefined;
    const wordMonth = words[0];
    if (markedMonth === undefined && wordMonth === undefined) return undefined;
    if (markedMonth !== undefined && wordMonth !== undefined && Number(markedMonth.text) !== wordMonth.month)
      return undefined;
    const rest = numbers.filter((token) => token !== markedMonth);
    if (rest.length !== 2) return undefined;
    const markedYear = numberBefore('年');
    const yearToken = markedYear ?? rest.find((token) => token.text.length === 4) ?? rest[1];
    const dayToken = rest.find((token) => token !== yearToken);
    if (yearToken === undefined || dayToken === undefined) return undefined;
    const month: Part =
      markedMonth !== undefined
        ? { ...part(markedMonth), digits: 0 }
        : { value: wordMonth?.month ?? 0, digits: 0, span: wordMonth?.span ?? { start: 0, end: 0 } };
    const shape: Shape = { order: 'YMD', year: part(yearToken), month, day: { ...part(dayToken), digits: 0 } };
    return build(markers.some((marker) => marker.marker === '年') ? 'cjk' : 'monthName', [shape]);
  }

  if (numbers.length === 1 && first.kind === 'number') {
    const digits = first.text;
    if (digits.length === 8) {
      return build('compact', [
        { order: 'YMD', year: slicePart(first, 0, 4), month: slicePart(first, 4, 2), day: slicePart(first, 6, 2) },
        { order: 'DMY', day: slicePart(first, 0, 2), month: slicePart(first, 2, 2), year: slicePart(first, 4, 4) },
        { order: 'MDY', month: slicePart(first, 0, 2), day: slicePart(first, 2, 2), year: slicePart(first, 4, 4) },
      ]);
    }
    if (digits.length === 6) {
      return build('compact', [
        { order: 'YMD', year: slicePart(first, 0, 2), month: slicePart(first, 2, 2), day: slicePart(first, 4, 2) },
        { order: 'DMY', day: slicePart(first, 0, 2), month: slicePart(first, 2, 2), year: slicePart(first, 4, 2) },
        { order: 'MDY', month: slicePart(first, 0, 2), day: slicePart(first, 2, 2), year: slicePart(first, 4, 2) },
      ]);
    }
    return undefined;
  }

  const [a, b, c] = numbers;
  if (numbers.length !== 3 || a === undefined || b === undefined || c === undefined) return undefined;
  if (b.text.length > 2) return undefined;
  const ymd: Shape = { order: 'YMD', year: part(a), month: part(b), day: part(c) };
  const dmy: Shape = { order: 'DMY', day: part(a), month: part(b), year: part(c) };
  const mdy: Shape = { order: 'MDY', month: part(a), day: part(b), year: part(c) };
  // Dotted dates are written day first wherever dots are used; only slashes and dashes leave
  // room for the American month-first order.
  const dotted = inner.length > 0 && inner.every((gap) => gap.text.trim() === '.');
  if (a.text.length > 2) return build('numeric', [ymd]);
  if (c.text.length > 2) return build('numeric', dotted ? [dmy] : [dmy, mdy]);
  return build('numeric', dotted ? [ymd, dmy] : [ymd, dmy, mdy]);
}

interface Shape {
  order: DateOrder;
  year: Part;
  month: Part;
  day: Part;
}

function interpret(shapes: Shape[], plausibility: DatePlausibility): Pick<ParsedDate, 'readings' | 'impossible'> {
  const readings: DateReading[] = [];
  const impossible: ParsedDate['impossible'] = [];
  for (const shape of shapes) {
    const years = shape.year.digits === 2 ? [2000 + shape.year.value, 1900 + shape.year.value] : [shape.year.value];
    const problems: { problem: DateProblem; span: Span }[] = [];
    for (const year of years) {
      const problem = dateProblem(year, shape.month.value, shape.day.value);
      const date = { year, month: shape.month.value, day: shape.day.value };
      if (problem !== undefined) {
        problems.push({ problem, span: problem === 'month' ? shape.month.span : shape.day.span });
      } else if (compareDates(date, plausibility.today) > 0) {
        problems.push({ problem: 'future', span: shape.year.span });
      } else if (year < plausibility.oldestYear) {
        problems.push({ problem: 'year', span: shape.year.span });
      } else if (!readings.some((reading) => reading.order === shape.order)) {
        // A two-digit year is read in the most recent century that does not put the birth in
        // the future (years are tried 20yy first), as ICAO does for MRZ dates.
        readings.push({
          date,
          order: shape.order,
          yearDigits: shape.year.digits,
          monthDigits: shape.month.digits,
          dayDigits: shape.day.digits,
          spans: { year: shape.year.span, month: shape.month.span, day: shape.day.span },
        });
      }
    }
    if (problems.length === years.length && problems[0] !== undefined) impossible.push(problems[0]);
  }
  return { readings, impossible };
}
