import { distinctDates, formatDate, sameDate, type CalendarDate } from './calendarDate';
import { isFullWidth, isSpace, toHalfWidth } from './characterClasses';
import { hygieneFindings, makeFinding, type FieldContext } from './findingBuilder';
import type { InfoFinding } from './infoFinding';
import { dateOrderOf, displayDateFormat, type InfoSettings } from './infoSettings';
import { parseDate, type DatePlausibility, type DateReading, type ParsedDate, type Span } from './dateParser';
import { toTextUnits } from './textUnits';

/** What the typed date of birth is compared with, best source first. */
export interface DateReference {
  dates: CalendarDate[];
  source: 'document' | 'mrz' | 'cnResidentId';
  /** The reference as shown to the user. */
  display: string;
}

export interface DateCheck {
  entered: string;
  /** The date as printed on the document, in any common printed format. */
  document?: string;
  /** `YYMMDD` from the MRZ. */
  mrzBirthDate?: string;
  /** From a Chinese resident ID number whose check character is right. */
  cnIdBirthDate?: CalendarDate;
  settings: InfoSettings;
  plausibility: DatePlausibility;
}

export interface DateCheckOutcome {
  findings: InfoFinding[];
  /** The dates the typed value can mean (one when it is unambiguous); empty when unreadable. */
  enteredDates: CalendarDate[];
  reference: DateReference | undefined;
}

export function checkDateOfBirth(check: DateCheck): DateCheckOutcome {
  const entered = toTextUnits(check.entered);
  const printed = check.document !== undefined && check.document.trim() !== '' ? check.document : undefined;
  const context: FieldContext =
    printed === undefined ? { field: 'dateOfBirth', entered } : { field: 'dateOfBirth', entered, document: printed };
  const typed = entered.units.map((unit) => unit.text);
  if (!typed.some((unit) => !isSpace(unit))) {
    return { findings: hygieneFindings(context, undefined), enteredDates: [], reference: undefined };
  }
  const findings: InfoFinding[] = [];
  const printedReference = printed === undefined ? undefined : documentReference(printed, check);
  if (printed !== undefined && printedReference === undefined) {
    findings.push(
      makeFinding(context, 'date_document_unreadable', [], undefined, { format: displayDateFormat(check.settings) }),
    );
  }
  const reference = printedReference ?? fallbackReference(check);
  const parsed = parseDate(typed, check.plausibility);
  const enteredDates = parsed === undefined ? [] : distinctDates(parsed.readings.map((reading) => reading.date));
  const judged = judge(context, parsed, reference, check.settings);
  // When the date itself is right, the value to type is the typed one made plain.
  const suggestion =
    judged.suggestion ?? (judged.findings.length === 0 ? formatted(parsed, check.settings) : undefined);
  const fullWidth = entered.units.filter((unit) => isFullWidth(unit.text)).map((unit) => unit.index);
  if (fullWidth.length > 0) {
    const halfWidth = entered.units
      .map((unit) => toHalfWidth(unit.text))
      .join('')
      .trim();
    findings.push(makeFinding(context, 'full_width', fullWidth, suggestion ?? halfWidth));
  }
  return {
    findings: [...hygieneFindings(context, suggestion), ...findings, ...judged.findings],
    enteredDates,
    reference,
  };
}

function formatted(parsed: ParsedDate | undefined, settings: InfoSettings): string | undefined {
  const [reading] = parsed?.readings ?? [];
  return reading === undefined ? undefined : formatDate(reading.date, settings);
}

function documentReference(printed: string, check: DateCheck): DateReference | undefined {
  const parsed = parseDate(
    toTextUnits(printed).units.map((unit) => unit.text),
    check.plausibility,
  );
  const readings = parsed?.readings ?? [];
  const dates = distinctDates(readings.map((reading) => reading.date));
  if (dates.length === 0) return undefined;
  return { dates: dayMonthDecided(dates, readings, check), source: 'document', display: printed.trim() };
}

/**
 * A printed date such as 04/08/2000 reads two ways. The MRZ birth date, a verified resident ID
 * number or the configured printed order can say which; without them every reading stays and
 * the check asks.
 */
function dayMonthDecided(dates: CalendarDate[], readings: readonly DateReading[], check: DateCheck): CalendarDate[] {
  if (dates.length < 2) return dates;
  const mrzDate = mrzBirthDateOf(check);
  const cnIdDate = check.cnIdBirthDate;
  const order = check.settings.printedDateOrder;
  const evidence = [
    mrzDate === undefined ? [] : dates.filter((date) => sameDate(date, mrzDate)),
    cnIdDate === undefined ? [] : dates.filter((date) => sameDate(date, cnIdDate)),
    order === undefined
      ? []
      : distinctDates(readings.filter((reading) => reading.order === order).map((reading) => reading.date)),
  ];
  return evidence.find((decided) => decided.length === 1) ?? dates;
}

/** The MRZ `YYMMDD` birth date, its century read as for a typed two-digit year. */
function mrzBirthDateOf(check: DateCheck): CalendarDate | undefined {
  if (check.mrzBirthDate === undefined || !/^\d{6}$/.test(check.mrzBirthDate)) return undefined;
  const parsed = parseDate(Array.from(check.mrzBirthDate), check.plausibility);
  return parsed?.readings.find((candidate) => candidate.order === 'YMD')?.date;
}

function fallbackReference(check: DateCheck): DateReference | undefined {
  const mrzDate = mrzBirthDateOf(check);
  if (mrzDate !== undefined) return { dates: [mrzDate], source: 'mrz', display: formatDate(mrzDate, check.settings) };
  if (check.cnIdBirthDate !== undefined) {
    return {
      dates: [check.cnIdBirthDate],
      source: 'cnResidentId',
      display: formatDate(check.cnIdBirthDate, check.settings),
    };
  }
  return undefined;
}

interface Judgement {
  findings: InfoFinding[];
  suggestion: string | undefined;
}

function judge(
  context: FieldContext,
  parsed: ParsedDate | undefined,
  reference: DateReference | undefined,
  settings: InfoSettings,
): Judgement {
  const format = displayDateFormat(settings);
  const base: Record<string, string | number> = { format };
  if (reference !== undefined) base.reference = reference.display;
  const only = reference?.dates.length === 1 ? reference.dates[0] : undefined;
  const referenceSuggestion = only === undefined ? undefined : formatDate(only, settings);
  const single = (finding: InfoFinding, suggestion: string | undefined): Judgement => ({
    findings: [finding],
    suggestion,
  });
  const everything = context.entered.units.flatMap((unit) => (isSpace(unit.text) ? [] : [unit.index]));

  const withSuggestion = (variant: string): string =>
    referenceSuggestion === undefined ? variant : `${variant}_withSuggestion`;
  if (parsed === undefined) {
    const params = referenceSuggestion === undefined ? base : { ...base, context: 'withSuggestion' };
    return single(
      makeFinding(context, 'date_unreadable', everything, referenceSuggestion, params),
      referenceSuggestion,
    );
  }
  const candidates = distinctDates(parsed.readings.map((reading) => reading.date));
  const impossible = parsed.impossible[0];
  if (candidates.length === 0 && impossible !== undefined) {
    return single(
      makeFinding(context, 'date_invalid', spanPositions(context, impossible.span), referenceSuggestion, {
        ...base,
        context: withSuggestion(impossible.problem),
      }),
      referenceSuggestion,
    );
  }
  // `printedOnly`: the typed date is clear and only the printed one reads two ways, so the
  // message asks about the document's date rather than the typed one.
  const ask = (options: CalendarDate[], printedOnly = false): Judgement => {
    const [optionA, optionB] = options;
    const params: Record<string, string | number> = {
      ...base,
      optionA: optionA === undefined ? '' : formatDate(optionA, settings),
      optionB: optionB === undefined ? '' : formatDate(optionB, settings),
    };
    if (printedOnly) params.context = 'document';
    const positions = parsed.readings.flatMap((reading) => [
      ...spanPositions(context, reading.spans.month),
      ...spanPositions(context, reading.spans.day),
    ]);
    return single(makeFinding(context, 'date_day_month_ambiguous', positions, undefined, params), undefined);
  };
  const resolvedBy = (date: CalendarDate): Judgement => {
    const reading = parsed.readings.find((candidate) => sameDate(candidate.date, date));
    return reading === undefined
      ? { findings: [], suggestion: undefined }
      : formatFindings(context, parsed, reading, settings, base);
  };

  if (reference === undefined) {
    const [onlyCandidate] = candidates;
    if (candidates.length === 1 && onlyCandidate !== undefined) return resolvedBy(onlyCandidate);
    return ask(candidates);
  }
  if (only === undefined) {
    // The printed date reads two ways, so it cannot confirm the typed one even when a reading
    // agrees: 2000-08-04 and 2000-04-08 would both "match" 04/08/2000. When the typed value is
    // the same two-way date, the usual question fits; otherwise the question is about the print.
    const typedAsPrinted =
      candidates.length > 1 &&
      candidates.every((candidate) => reference.dates.some((date) => sameDate(date, candidate)));
    return typedAsPrinted ? ask(candidates) : ask(reference.dates, true);
  }
  if (candidates.some((candidate) => sameDate(candidate, only))) return resolvedBy(only);

  const swapped = parsed.readings.find(
    (reading) => reading.date.year === only.year && reading.date.day === only.month && reading.date.month === only.day,
  );
  if (swapped !== undefined) {
    const positions = [...spanPositions(context, swapped.spans.month), ...spanPositions(context, swapped.spans.day)];
    return single(
      makeFinding(context, 'date_day_month_swapped', positions, referenceSuggestion, base),
      referenceSuggestion,
    );
  }
  const closest = closestReading(parsed.readings, only);
  const positions =
    closest === undefined
      ? everything
      : [
          ...(closest.date.year !== only.year ? spanPositions(context, closest.spans.year) : []),
          ...(closest.date.month !== only.month ? spanPositions(context, closest.spans.month) : []),
          ...(closest.date.day !== only.day ? spanPositions(context, closest.spans.day) : []),
        ];
  const rule = reference.source === 'cnResidentId' ? 'cn_id_birth_date' : 'date_mismatch';
  return single(makeFinding(context, rule, positions, referenceSuggestion, base), referenceSuggestion);
}

function closestReading(readings: readonly DateReading[], target: CalendarDate): DateReading | undefined {
  const agreement = (reading: DateReading): number =>
    Number(reading.date.year === target.year) +
    Number(reading.date.month === target.month) +
    Number(reading.date.day === target.day);
  return [...readings].sort((x, y) => agreement(y) - agreement(x))[0];
}

/** The date is right; what about the way it is written? */
function formatFindings(
  context: FieldContext,
  parsed: ParsedDate,
  reading: DateReading,
  settings: InfoSettings,
  baseParams: Record<string, string | number>,
): Judgement {
  let base = baseParams;
  const suggestion = formatDate(reading.date, settings);
  const findings: InfoFinding[] = [];
  // With a reference the message quotes it ("the document says 08.04.2000"), so it reads as the
  // comparison the user asked for.
  if (base.reference !== undefined) base = { ...base, context: 'withReference' };
  const everything = context.entered.units.flatMap((unit) => (isSpace(unit.text) ? [] : [unit.index]));
  if (
    parsed.layout !== 'numeric' ||
    reading.order !== dateOrderOf(settings) ||
    reading.monthDigits > 2 ||
    reading.dayDigits > 2
  ) {
    findings.push(makeFinding(context, 'date_format', everything, suggestion, base));
    return { findings, suggestion };
  }
  const badSeparators = [
    ...parsed.separators
      .filter((separator) => separator.text !== settings.dateSeparator)
      .map((separator) => separator.span),
    ...parsed.stray,
  ];
  if (badSeparators.length > 0) {
    findings.push(
      makeFinding(
        context,
        'date_separator',
        badSeparators.flatMap((span) => spanPositions(context, span)),
        suggestion,
        {
          ...base,
          separator: settings.dateSeparator,
        },
      ),
    );
  }
  const unpadded = [
    ...(reading.monthDigits === 1 ? [reading.spans.month] : []),
    ...(reading.dayDigits === 1 ? [reading.spans.day] : []),
  ];
  if (unpadded.length > 0) {
    findings.push(
      makeFinding(
        context,
        'date_leading_zero',
        unpadded.flatMap((span) => spanPositions(context, span)),
        suggestion,
        base,
      ),
    );
  }
  if (reading.yearDigits === 2) {
    findings.push(
      makeFinding(context, 'date_two_digit_year', spanPositions(context, reading.spans.year), suggestion, base),
    );
  }
  return { findings, suggestion: findings.length > 0 ? suggestion : undefined };
}

function spanPositions(context: FieldContext, span: Span): number[] {
  return context.entered.units.slice(span.start, span.end).map((unit) => unit.index);
}
