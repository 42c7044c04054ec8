import type { CalendarDate } from './calendarDate';
import {
  differOnlyInCase,
  digitLookalikeOf,
  isFullWidth,
  isLetterDigitConfusion,
  isSpace,
  latinLookalikeOf,
  toHalfWidth,
} from './characterClasses';
import { cnIdVerdicts, isCnIdShaped, verifiedCnIdBirthDate, type PlacedCharacter } from './cnResidentId';
import {
  collapseUnrelated,
  findingsFromOps,
  hygieneFindings,
  makeFinding,
  positionOf,
  type ClassifiedOp,
  type FieldContext,
} from './findingBuilder';
import type { InfoFinding } from './infoFinding';
import type { InfoRuleId } from './infoRuleIds';
import { mrzCheckDigit, mrzNumberField } from './mrzCheckDigit';
import { toTextUnits, type TextUnits } from './textUnits';
import { alignUnits, type AlignOp, type AlignmentCosts } from './unitAlignment';

export type DocumentType = 'passport' | 'id_card' | 'cn_resident_id';

export interface MrzDocumentNumber {
  documentNumber?: string;
  /** The check digit printed after the number in the MRZ. */
  documentNumberCheckDigit?: string;
  /** The MRZ reader's own verdict on that check digit, when it gives one. */
  documentNumberCheckValid?: boolean;
}

export interface DocumentNumberCheck {
  entered: string;
  document?: string;
  documentType?: DocumentType;
  mrz?: MrzDocumentNumber;
}

export interface DocumentNumberOutcome {
  findings: InfoFinding[];
  /** Birth date embedded in a resident ID number whose check character is right. */
  cnIdBirthDate?: CalendarDate;
}

const SEPARATORS = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '_', '.', '/']);

function isSeparator(unit: string): boolean {
  return isSpace(unit) || SEPARATORS.has(toHalfWidth(unit));
}

export function checkDocumentNumber(check: DocumentNumberCheck): DocumentNumberOutcome {
  const entered = toTextUnits(check.entered);
  const printed = check.document !== undefined && check.document.trim() !== '' ? check.document : undefined;
  const context: FieldContext =
    printed === undefined
      ? { field: 'documentNumber', entered }
      : { field: 'documentNumber', entered, document: printed };
  const typed = entered.units.map((unit) => unit.text);
  if (!typed.some((unit) => !isSeparator(unit))) return { findings: hygieneFindings(context, undefined) };

  // "ID card" is often chosen for a Chinese resident ID; its shape (17 digits and a digit or X)
  // is distinctive enough to apply the resident-ID rules to anything but a passport.
  const looksCn = isCnIdShaped(impliedNumber(typed, 'cn_resident_id').join(''));
  const kind = check.documentType !== 'passport' && looksCn ? 'cn_resident_id' : check.documentType;
  const implied = impliedNumber(typed, kind);
  const own = classifyAgainst(typed, implied);
  const cleaned = correction(own, entered, implied);

  if (printed !== undefined) {
    const reference = toTextUnits(printed).units.map((unit) => unit.text);
    const classified = collapseUnrelated(classifyAgainst(typed, reference), 'document_number_mismatch');
    const corrected = correction(classified, entered, reference);
    const suggestion = joined(corrected);
    const findings = [...hygieneFindings(context, suggestion), ...findingsFromOps(context, classified, suggestion)];
    // A number that differs from the document is wrong already; its check character adds nothing.
    const differs = classified.some(({ rule }) => rule === 'document_number_mismatch');
    return withCnChecks(context, findings, kind, differs ? undefined : corrected);
  }

  const mrzNumber = check.mrz?.documentNumber?.replace(/[<\s]/g, '').toUpperCase();
  if (mrzNumber !== undefined && mrzNumber !== '' && kind !== 'cn_resident_id') {
    return { findings: againstMrz(context, typed, own, joined(cleaned), mrzNumber, check.mrz ?? {}) };
  }
  const suggestion = joined(cleaned);
  const findings = [...hygieneFindings(context, suggestion), ...findingsFromOps(context, own, suggestion)];
  return withCnChecks(context, findings, kind, cleaned);
}

function correction(
  classified: readonly ClassifiedOp[],
  entered: TextUnits,
  reference: readonly string[],
): PlacedCharacter[] {
  const typed = entered.units;
  return classified.flatMap(({ op, rule }): PlacedCharacter[] => {
    const position = positionOf(op, typed);
    if (op.kind === 'ins') return rule === null ? [] : [{ char: reference[op.b] ?? '', position }];
    if (op.kind === 'del') return rule === null ? [{ char: typed[op.a]?.text ?? '', position }] : [];
    const char = op.kind === 'sub' && rule !== null ? reference[op.b] : typed[op.a]?.text;
    return [{ char: char ?? '', position }];
  });
}

function joined(number: readonly PlacedCharacter[]): string {
  return number.map((placed) => placed.char).join('');
}

function withCnChecks(
  context: FieldContext,
  findings: InfoFinding[],
  kind: DocumentType | undefined,
  number: PlacedCharacter[] | undefined,
): DocumentNumberOutcome {
  if (kind !== 'cn_resident_id' || number === undefined) return { findings };
  const cnFindings = cnIdVerdicts(number).map((verdict) =>
    makeFinding(context, verdict.rule, verdict.positions, undefined, verdict.params),
  );
  const birthDate = verifiedCnIdBirthDate(joined(number));
  const all = [...findings, ...cnFindings];
  return birthDate === undefined ? { findings: all } : { findings: all, cnIdBirthDate: birthDate };
}

function againstMrz(
  context: FieldContext,
  typed: string[],
  own: ClassifiedOp[],
  cleaned: string,
  mrzNumber: string,
  mrz: MrzDocumentNumber,
): InfoFinding[] {
  const checkDigit = mrz.documentNumberCheckDigit;
  const mrzValid =
    mrz.documentNumberCheckValid ??
    (checkDigit === undefined ? undefined : mrzCheckDigit(mrzNumberField(mrzNumber)) === checkDigit);
  // The MRZ holds nine characters; longer numbers continue in the optional-data field.
  const agrees = cleaned === mrzNumber || (mrzNumber.length === 9 && cleaned.startsWith(mrzNumber));
  if (agrees) return [...hygieneFindings(context, cleaned), ...findingsFromOps(context, own, cleaned)];
  if (mrzValid === false) {
    const typedFitsCheckDigit = checkDigit !== undefined && mrzCheckDigit(mrzNumberField(cleaned)) === checkDigit;
    const findings = [...hygieneFindings(context, cleaned), ...findingsFromOps(context, own, cleaned)];
    if (typedFitsCheckDigit) return findings;
    return [...findings, makeFinding(context, 'passport_mrz_check_digit', [], undefined, { mrzNumber })];
  }
  const reference = Array.from(mrzNumber);
  const classified = collapseUnrelated(classifyAgainst(typed, reference), 'document_number_mismatch').map(
    ({ op, rule }) => ({
      op,
      rule: rule === 'document_number_mismatch' ? ('passport_mrz_mismatch' as const) : rule,
    }),
  );
  const suggestion = joined(correction(classified, context.entered, reference));
  const params = (rule: InfoRuleId): Record<string, string | number> =>
    rule === 'passport_mrz_mismatch' ? { mrzNumber } : {};
  return [...hygieneFindings(context, suggestion), ...findingsFromOps(context, classified, suggestion, params)];
}

/**
 * The number as it should be typed when there is nothing to compare with: half-width, capitals,
 * no spaces; no dashes either for passports and resident IDs (they have none); and for a
 * resident ID, digits where a look-alike letter was typed.
 */
function impliedNumber(typed: string[], kind: DocumentType | undefined): string[] {
  const strictlyPlain = kind === 'passport' || kind === 'cn_resident_id';
  return typed.flatMap((unit) => {
    const half = toHalfWidth(latinLookalikeOf(unit) ?? unit);
    if (isSpace(half) || (strictlyPlain && SEPARATORS.has(half))) return [];
    const upper = half.toUpperCase();
    if (kind === 'cn_resident_id' && upper !== 'X') return [digitLookalikeOf(half) ?? upper];
    return [upper];
  });
}

function related(a: string, b: string): boolean {
  const half = toHalfWidth(latinLookalikeOf(a) ?? a);
  return half.toUpperCase() === b.toUpperCase() || isLetterDigitConfusion(half, b);
}

const NUMBER_COSTS: AlignmentCosts = {
  substitute: (a, b) => (related(a, b) ? 1 : 4),
  gap: (unit) => (isSeparator(unit) ? 2 : 3),
};

function classifyAgainst(typed: string[], reference: string[]): ClassifiedOp[] {
  return alignUnits(typed, reference, NUMBER_COSTS).map((op) => ({ op, rule: classify(op, typed, reference) }));
}

function classify(op: AlignOp, typed: string[], reference: string[]): InfoRuleId | null {
  if (op.kind === 'equal') return null;
  if (op.kind === 'ins') return isSeparator(reference[op.b] ?? '') ? null : 'document_number_mismatch';
  const a = typed[op.a] ?? '';
  if (op.kind === 'del') return isSeparator(a) ? 'document_number_separator' : 'document_number_mismatch';
  const b = reference[op.b] ?? '';
  if (isFullWidth(a) && toHalfWidth(a).toUpperCase() === b.toUpperCase()) return 'full_width';
  if (latinLookalikeOf(a)?.toUpperCase() === b.toUpperCase()) return 'mixed_script';
  if (differOnlyInCase(a, b)) {
    return b === 'X' && op.b === reference.length - 1 ? 'document_number_trailing_x' : 'document_number_case';
  }
  if (isLetterDigitConfusion(a, b)) return 'document_number_letter_digit';
  return 'document_number_mismatch';
}
