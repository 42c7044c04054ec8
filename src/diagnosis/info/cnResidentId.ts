import { dateProblem, type CalendarDate } from './calendarDate';

/** ISO 7064 MOD 11-2 weights for the first 17 digits of a resident ID number (GB 11643-1999). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character the 18th position must hold, from the first 17 digits. */
export function cnIdCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11];
}

/** An 18-character number shaped like a resident ID (17 digits then a digit or X). */
export function isCnIdShaped(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value);
}

/** Where the embedded birth date sits, as [start, end) character indexes. */
const CN_ID_BIRTH_DATE_SPAN = { start: 6, end: 14 } as const;

/** The birth date in characters 7–14 (YYYYMMDD); undefined when it is not a real date. */
export function cnIdBirthDate(number: string): CalendarDate | undefined {
  const digits = number.slice(CN_ID_BIRTH_DATE_SPAN.start, CN_ID_BIRTH_DATE_SPAN.end);
  if (!/^\d{8}$/.test(digits)) return undefined;
  const date = { year: Number(digits.slice(0, 4)), month: Number(digits.slice(4, 6)), day: Number(digits.slice(6, 8)) };
  return dateProblem(date.year, date.month, date.day) === undefined ? date : undefined;
}

/** A character of the cleaned number and where the user typed it. */
export interface PlacedCharacter {
  char: string;
  position: number | undefined;
}

export interface CnIdVerdict {
  rule: 'cn_id_format' | 'cn_id_check_character' | 'cn_id_impossible_birth_date';
  positions: number[];
  params: Record<string, string | number>;
}

/**
 * What is wrong with a resident ID number on its own (no document needed): length, check
 * character, embedded birth date. MOD 11-2 catches every single wrong digit and every swap of
 * two neighbours, so a number that passes is very likely typed right.
 */
export function cnIdVerdicts(number: readonly PlacedCharacter[]): CnIdVerdict[] {
  const value = number.map((placed) => placed.char).join('');
  const at = (from: number, to: number): number[] =>
    number.slice(from, to).flatMap((placed) => (placed.position === undefined ? [] : [placed.position]));
  if (value.length !== 18) {
    const params: Record<string, string | number> = { length: value.length };
    if (value.length === 15 && /^\d{15}$/.test(value)) params.context = 'firstGeneration';
    return [{ rule: 'cn_id_format', positions: value.length > 18 ? at(18, value.length) : [], params }];
  }
  if (!isCnIdShaped(value)) {
    const wrong = number.flatMap((placed, i) =>
      placed.position !== undefined && !(/\d/.test(placed.char) || (i === 17 && placed.char === 'X'))
        ? [placed.position]
        : [],
    );
    return [{ rule: 'cn_id_format', positions: wrong, params: { length: value.length, context: 'characters' } }];
  }
  const verdicts: CnIdVerdict[] = [];
  if (cnIdBirthDate(value) === undefined) {
    verdicts.push({
      rule: 'cn_id_impossible_birth_date',
      positions: at(CN_ID_BIRTH_DATE_SPAN.start, CN_ID_BIRTH_DATE_SPAN.end),
      params: { idBirthDigits: value.slice(CN_ID_BIRTH_DATE_SPAN.start, CN_ID_BIRTH_DATE_SPAN.end) },
    });
  }
  const expected = cnIdCheckCharacter(value.slice(0, 17));
  if (expected !== undefined && expected !== value[17]) {
    verdicts.push({
      rule: 'cn_id_check_character',
      positions: at(17, 18),
      params: { checkCharacter: value[17] ?? '', expected },
    });
  }
  return verdicts;
}

/** The birth date of a number whose check character is right, for checking the typed date of birth. */
export function verifiedCnIdBirthDate(value: string): CalendarDate | undefined {
  return isCnIdShaped(value) && cnIdCheckCharacter(value.slice(0, 17)) === value[17] ? cnIdBirthDate(value) : undefined;
}
