import type { DocumentType, InfoValues, MrzInfo } from './infoCheck';

/** The document side of an information check, as read from a photo's machine-readable zone. */
export interface MrzDocument {
  documentType: DocumentType;
  values: InfoValues;
  mrz: MrzInfo;
}

/** Where the fields sit in each ICAO 9303 layout: [line, start, end) of each span. */
const LAYOUTS = {
  TD1: { names: [2, 0, 30], number: [0, 5, 14], numberCheck: [0, 14, 15], birth: [1, 0, 6] },
  TD2: { names: [0, 5, 36], number: [1, 0, 9], numberCheck: [1, 9, 10], birth: [1, 13, 19] },
  TD3: { names: [0, 5, 44], number: [1, 0, 9], numberCheck: [1, 9, 10], birth: [1, 13, 19] },
} as const;

type Span = readonly [number, number, number];

function span(lines: readonly string[], [line, start, end]: Span): string {
  return (lines[line] ?? '').slice(start, end);
}

/** `SURNAME<<GIVEN<NAMES` → surname and given names as printed in the MRZ (spaces for fillers). */
function splitNames(field: string): { surname: string; givenNames: string } {
  const [surname = '', given = ''] = field.split('<<');
  const clean = (value: string): string => value.replace(/</g, ' ').trim().replace(/ +/g, ' ');
  return { surname: clean(surname), givenNames: clean(given) };
}

/** YYMMDD → YYYY-MM-DD, a birth date being in the past. */
function birthDate(yymmdd: string, today: Date): string | undefined {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const century = 2000 + yy > today.getUTCFullYear() ? 1900 : 2000;
  return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/**
 * What an information check needs from a read MRZ: the printed name, date of birth and document
 * number, and the raw MRZ fields for the rules that compare against them. Personal data: the
 * caller keeps it in memory only, for the check that needs it.
 */
export function mrzDocument(
  format: keyof typeof LAYOUTS,
  lines: readonly string[],
  today: Date = new Date(),
): MrzDocument {
  const layout = LAYOUTS[format];
  const names = splitNames(span(lines, layout.names));
  const number = span(lines, layout.number).replace(/</g, '');
  const birth = span(lines, layout.birth);
  return {
    documentType: format === 'TD3' ? 'passport' : 'id_card',
    values: {
      name: [names.surname, names.givenNames].filter(Boolean).join(' '),
      dateOfBirth: birthDate(birth, today),
      documentNumber: number,
    },
    mrz: {
      ...names,
      documentNumber: number,
      documentNumberCheckDigit: span(lines, layout.numberCheck),
      birthDate: birth,
    },
  };
}
