/**
 * Where each field sits in the three ICAO 9303 machine-readable zone formats, as 0-based
 * [start, end) ranges on a given line. Names and codes are not covered by any check digit.
 */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

/** The fields whose check digits the `mrz` check reports on. */
export type MrzCheckedField = 'documentNumber' | 'birthDate' | 'expiryDate' | 'optionalData' | 'composite';

/** What may legally stand at a position: the correction only proposes characters of that kind. */
export type MrzCharKind = 'digit' | 'alpha' | 'alnum';

export interface MrzSpan {
  line: number;
  start: number;
  end: number;
}

export interface MrzCheckGroup {
  field: MrzCheckedField;
  spans: MrzSpan[];
  digit: { line: number; index: number };
  /** The personal number's check digit may be `<` when the field is empty. */
  fillerAllowedWhenEmpty?: boolean;
}

export interface MrzLayout {
  format: MrzFormat;
  lineLength: number;
  lineCount: number;
  documentCode: MrzSpan;
  issuingState: MrzSpan;
  nationality: MrzSpan;
  name: MrzSpan;
  documentNumber: MrzSpan;
  birthDate: MrzSpan;
  sex: MrzSpan;
  expiryDate: MrzSpan;
  /** Positions with a fixed kind; positions not listed are `alnum`. */
  kinds: { span: MrzSpan; kind: MrzCharKind }[];
  checks: MrzCheckGroup[];
}

const span = (line: number, start: number, end: number): MrzSpan => ({ line, start, end });

const TD3: MrzLayout = {
  format: 'TD3',
  lineLength: 44,
  lineCount: 2,
  documentCode: span(0, 0, 2),
  issuingState: span(0, 2, 5),
  name: span(0, 5, 44),
  documentNumber: span(1, 0, 9),
  nationality: span(1, 10, 13),
  birthDate: span(1, 13, 19),
  sex: span(1, 20, 21),
  expiryDate: span(1, 21, 27),
  kinds: [
    { span: span(0, 0, 44), kind: 'alpha' },
    { span: span(1, 9, 10), kind: 'digit' },
    { span: span(1, 10, 13), kind: 'alpha' },
    { span: span(1, 13, 20), kind: 'digit' },
    { span: span(1, 20, 21), kind: 'alpha' },
    { span: span(1, 21, 28), kind: 'digit' },
    { span: span(1, 43, 44), kind: 'digit' },
  ],
  checks: [
    { field: 'documentNumber', spans: [span(1, 0, 9)], digit: { line: 1, index: 9 } },
    { field: 'birthDate', spans: [span(1, 13, 19)], digit: { line: 1, index: 19 } },
    { field: 'expiryDate', spans: [span(1, 21, 27)], digit: { line: 1, index: 27 } },
    { field: 'optionalData', spans: [span(1, 28, 42)], digit: { line: 1, index: 42 }, fillerAllowedWhenEmpty: true },
    { field: 'composite', spans: [span(1, 0, 10), span(1, 13, 20), span(1, 21, 43)], digit: { line: 1, index: 43 } },
  ],
};

const TD2: MrzLayout = {
  format: 'TD2',
  lineLength: 36,
  lineCount: 2,
  documentCode: span(0, 0, 2),
  issuingState: span(0, 2, 5),
  name: span(0, 5, 36),
  documentNumber: span(1, 0, 9),
  nationality: span(1, 10, 13),
  birthDate: span(1, 13, 19),
  sex: span(1, 20, 21),
  expiryDate: span(1, 21, 27),
  kinds: [
    { span: span(0, 0, 36), kind: 'alpha' },
    { span: span(1, 10, 13), kind: 'alpha' },
    { span: span(1, 13, 20), kind: 'digit' },
    { span: span(1, 20, 21), kind: 'alpha' },
    { span: span(1, 21, 28), kind: 'digit' },
    { span: span(1, 35, 36), kind: 'digit' },
  ],
  checks: [
    { field: 'documentNumber', spans: [span(1, 0, 9)], digit: { line: 1, index: 9 } },
    { field: 'birthDate', spans: [span(1, 13, 19)], digit: { line: 1, index: 19 } },
    { field: 'expiryDate', spans: [span(1, 21, 27)], digit: { line: 1, index: 27 } },
    { field: 'composite', spans: [span(1, 0, 10), span(1, 13, 20), span(1, 21, 35)], digit: { line: 1, index: 35 } },
  ],
};

const TD1: MrzLayout = {
  format: 'TD1',
  lineLength: 30,
  lineCount: 3,
  documentCode: span(0, 0, 2),
  issuingState: span(0, 2, 5),
  documentNumber: span(0, 5, 14),
  birthDate: span(1, 0, 6),
  sex: span(1, 7, 8),
  expiryDate: span(1, 8, 14),
  nationality: span(1, 15, 18),
  name: span(2, 0, 30),
  kinds: [
    { span: span(0, 0, 5), kind: 'alpha' },
    { span: span(1, 0, 7), kind: 'digit' },
    { span: span(1, 7, 8), kind: 'alpha' },
    { span: span(1, 8, 15), kind: 'digit' },
    { span: span(1, 15, 18), kind: 'alpha' },
    { span: span(1, 29, 30), kind: 'digit' },
    { span: span(2, 0, 30), kind: 'alpha' },
  ],
  checks: [
    { field: 'documentNumber', spans: [span(0, 5, 14)], digit: { line: 0, index: 14 } },
    { field: 'birthDate', spans: [span(1, 0, 6)], digit: { line: 1, index: 6 } },
    { field: 'expiryDate', spans: [span(1, 8, 14)], digit: { line: 1, index: 14 } },
    {
      field: 'composite',
      spans: [span(0, 5, 30), span(1, 0, 7), span(1, 8, 15), span(1, 18, 29)],
      digit: { line: 1, index: 29 },
    },
  ],
};

export const MRZ_LAYOUTS: Record<MrzFormat, MrzLayout> = { TD1, TD2, TD3 };

const kindTables = new Map<MrzFormat, MrzCharKind[][]>();

function kindTable(layout: MrzLayout): MrzCharKind[][] {
  let table = kindTables.get(layout.format);
  if (!table) {
    table = Array.from({ length: layout.lineCount }, () =>
      Array.from({ length: layout.lineLength }, (): MrzCharKind => 'alnum'),
    );
    for (const { span: s, kind } of layout.kinds) {
      for (let i = s.start; i < s.end; i++) table[s.line][i] = kind;
    }
    kindTables.set(layout.format, table);
  }
  return table;
}

export function charKindAt(layout: MrzLayout, line: number, index: number): MrzCharKind {
  return kindTable(layout)[line]?.[index] ?? 'alnum';
}

export function readSpan(lines: readonly string[], s: MrzSpan): string {
  return (lines[s.line] ?? '').slice(s.start, s.end);
}
