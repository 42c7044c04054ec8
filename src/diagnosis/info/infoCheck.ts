import { calendarDateOf, formatDate, sameDate } from './calendarDate';
import { checkDateOfBirth } from './dateRules';
import { checkDocumentNumber, type DocumentType } from './documentNumberRules';
import { makeFinding, type FieldContext } from './findingBuilder';
import type { InfoCheckResult, InfoFinding } from './infoFinding';
import { DEFAULT_INFO_SETTINGS, displayDateFormat, type InfoSettings } from './infoSettings';
import { checkName } from './nameRules';
import { toTextUnits } from './textUnits';

export type { DocumentType } from './documentNumberRules';

export interface InfoValues {
  name?: string;
  dateOfBirth?: string;
  documentNumber?: string;
}

/** Fields read from the document's machine-readable zone (by the photo check's MRZ reader). */
export interface MrzInfo {
  surname?: string;
  givenNames?: string;
  documentNumber?: string;
  documentNumberCheckDigit?: string;
  documentNumberCheckValid?: boolean;
  /** `YYMMDD`. */
  birthDate?: string;
}

export interface InfoCheckInput {
  /** What the user typed into the verification form. */
  entered: InfoValues;
  /** What is printed on the document, as far as the user told us. */
  document?: InfoValues;
  documentType?: DocumentType;
  mrz?: MrzInfo;
}

export interface InfoCheckOptions {
  /** The `info` settings (dialogs/settings.json); defaults to YYYY-MM-DD and `ignoreAllCaps`. */
  settings?: InfoSettings;
  /** "Today", for rejecting birth dates in the future and reading two-digit years. */
  today?: Date;
}

/**
 * Compares what the user typed with the document and names every difference that makes a
 * verification fail with "Information does not match the document". Pure: no I/O, no clock
 * unless `today` is omitted, never throws on strange strings. A field the user did not type is
 * skipped; with no document, the rules that need only the typed values still run.
 */
export function checkInfo(input: InfoCheckInput, options: InfoCheckOptions = {}): InfoCheckResult {
  const settings = options.settings ?? DEFAULT_INFO_SETTINGS;
  const today = calendarDateOf(options.today ?? new Date());
  const plausibility = { today, oldestYear: today.year - settings.oldestPlausibleAgeYears };
  // `?? {}`: untyped callers (plain JavaScript) may leave it out.
  const entered = input.entered ?? {};
  const document = input.document ?? {};
  const mrz = input.mrz ?? {};
  const findings: InfoFinding[] = [];

  const name = text(entered.name);
  if (name !== undefined) {
    const mrzName = { surname: text(mrz.surname), givenNames: text(mrz.givenNames) };
    findings.push(...checkName({ entered: name, document: text(document.name), mrz: mrzName, settings }));
  }

  const enteredNumber = text(entered.documentNumber);
  const number =
    enteredNumber === undefined
      ? undefined
      : checkDocumentNumber({
          entered: enteredNumber,
          document: text(document.documentNumber),
          documentType: input.documentType,
          mrz: {
            documentNumber: text(mrz.documentNumber),
            documentNumberCheckDigit: text(mrz.documentNumberCheckDigit),
            documentNumberCheckValid:
              typeof mrz.documentNumberCheckValid === 'boolean' ? mrz.documentNumberCheckValid : undefined,
          },
        });

  const birth = text(entered.dateOfBirth);
  if (birth !== undefined) {
    const cnIdBirthDate = number?.cnIdBirthDate;
    const outcome = checkDateOfBirth({
      entered: birth,
      document: text(document.dateOfBirth),
      mrzBirthDate: text(mrz.birthDate),
      cnIdBirthDate,
      settings,
      plausibility,
    });
    findings.push(...outcome.findings);
    // The number's embedded birth date also has to agree when the date was checked against
    // the printed document (or the MRZ) instead.
    if (
      cnIdBirthDate !== undefined &&
      outcome.reference?.source !== 'cnResidentId' &&
      outcome.enteredDates.length > 0 &&
      !outcome.enteredDates.some((date) => sameDate(date, cnIdBirthDate))
    ) {
      const units = toTextUnits(birth);
      const params = {
        format: displayDateFormat(settings),
        reference: formatDate(cnIdBirthDate, settings),
        context: 'unverified',
      };
      const context: FieldContext = { field: 'dateOfBirth', entered: units, document: text(document.dateOfBirth) };
      findings.push(
        makeFinding(
          context,
          'cn_id_birth_date',
          units.units.map((unit) => unit.index),
          undefined,
          params,
        ),
      );
    }
  }
  if (number !== undefined) findings.push(...number.findings);
  return { match: findings.length === 0, findings };
}

/** A usable string, or undefined for absent, non-string (from untyped callers) and empty values. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
