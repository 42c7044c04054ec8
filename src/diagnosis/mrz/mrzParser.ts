import { correctMrz, type CorrectionLimits } from './mrzCorrection';
import { checkGroupsFor, isGroupValid } from './mrzCheckGroups';
import { findMrzCandidates, type FoundMrz } from './mrzLineFinder';
import { MRZ_LAYOUTS, readSpan, type MrzCheckedField, type MrzFormat, type MrzLayout } from './mrzLayout';

export interface MrzFieldCheck {
  field: MrzCheckedField;
  valid: boolean;
}

/** What the checks need from a machine-readable zone; names are deliberately not extracted. */
export interface MrzReading {
  format: MrzFormat;
  /** Corrected lines, for tests and debugging only: they contain personal data. */
  lines: string[];
  sourceLines: number[];
  checks: MrzFieldCheck[];
  /** Every check digit agrees. */
  valid: boolean;
  /** The document code is an ICAO one (P, I, A, C, V) and the issuing state is letters. */
  plausible: boolean;
  corrections: number;
  fields: {
    documentCode: string;
    issuingState: string;
    nationality: string;
    documentNumber: string;
    sex: string;
    /** YYMMDD as printed */
    expiryDate: string;
  };
}

const stripFillers = (value: string): string => value.replace(/</g, ' ').trim().replace(/ +/g, ' ');

/** Reads MRZ lines out of OCR output lines, or null when there is no MRZ-like run of lines. */
export function parseMrz(rawLines: readonly string[], limits: CorrectionLimits): MrzReading | null {
  let best: { reading: MrzReading; score: number } | null = null;
  for (const candidate of findMrzCandidates(rawLines)) {
    const reading = readCandidate(candidate, limits);
    // A format whose line length fits the OCR output breaks ties between equally valid readings.
    const score = readingScore(reading) - 0.1 * candidate.lengthMismatch + (fitsDocumentCode(reading) ? 0.6 : 0);
    if (!best || score > best.score) best = { reading, score };
  }
  return best?.reading ?? null;
}

/**
 * Agreeing check digits: 10 when all agree, else up to 5 for the share that does. Garbage (an
 * upside-down band read as letters) matches a digit by chance one time in ten, so a reading
 * whose document code or issuing state cannot be what it is loses 3.
 */
export function readingScore(reading: MrzReading): number {
  const digits = reading.valid ? 10 : (5 * reading.checks.filter((c) => c.valid).length) / reading.checks.length;
  return digits - (reading.plausible ? 0 : 3);
}

const STATE_CODE = /^[A-Z]{1,3}$/;

/** The holder's nationality is left out: no check digit covers it and no decision here depends on it. */
function isPlausible(fields: MrzReading['fields']): boolean {
  return /^[PIACV]/.test(fields.documentCode) && STATE_CODE.test(fields.issuingState);
}

/** Passports are TD3; ID cards are TD1 or TD2 (ICAO 9303 parts 4-6). Visas come in both large sizes. */
function fitsDocumentCode(reading: MrzReading): boolean {
  const code = reading.lines[0]?.charAt(0);
  if (code === 'P') return reading.format === 'TD3';
  if (code === 'I' || code === 'A' || code === 'C') return reading.format !== 'TD3';
  return false;
}

function readCandidate(found: FoundMrz, limits: CorrectionLimits): MrzReading {
  return readLines(found.layout, found.lines, found.sourceLines, limits);
}

/**
 * Readings of one MRZ from several images of it (binarisations, scales) disagree in different
 * places: each field whose check digit fails in the best reading is taken from a reading where
 * it agrees, and the composite digit then judges the combination.
 */
export function mergeReadings(readings: readonly MrzReading[], limits: CorrectionLimits): MrzReading | null {
  const best = readings.reduce<MrzReading | null>(
    (top, r) => (!top || readingScore(r) > readingScore(top) ? r : top),
    null,
  );
  if (!best || best.valid) return best;
  const layout = MRZ_LAYOUTS[best.format];
  const cells = best.lines.map((line) => [...line]);
  let changed = false;
  for (const group of checkGroupsFor(layout, best.lines)) {
    if (group.field === 'composite' || isGroupValid(best.lines, group, layout)) continue;
    for (const donor of readings) {
      if (donor === best || donor.format !== best.format) continue;
      const donorGroup = checkGroupsFor(layout, donor.lines).find((g) => g.field === group.field);
      if (!donorGroup || !isGroupValid(donor.lines, donorGroup, layout)) continue;
      for (const s of donorGroup.spans) {
        for (let i = s.start; i < s.end; i++) cells[s.line][i] = donor.lines[s.line][i];
      }
      cells[donorGroup.digit.line][donorGroup.digit.index] = donor.lines[donorGroup.digit.line][donorGroup.digit.index];
      changed = true;
      break;
    }
  }
  if (!changed) return best;
  const merged = readLines(
    layout,
    cells.map((row) => row.join('')),
    best.sourceLines,
    limits,
  );
  return readingScore(merged) > readingScore(best) ? merged : best;
}

export function readLines(
  layout: MrzLayout,
  found: readonly string[],
  sourceLines: number[],
  limits: CorrectionLimits,
): MrzReading {
  const corrected = correctMrz(found, layout, limits);
  const lines = corrected.lines;
  const groups = checkGroupsFor(layout, lines);
  const checks = groups.map((group) => ({ field: group.field, valid: isGroupValid(lines, group, layout) }));
  const documentNumberGroup = groups.find((g) => g.field === 'documentNumber');
  const documentNumber = documentNumberGroup
    ? documentNumberGroup.spans.map((s) => readSpan(lines, s)).join('')
    : readSpan(lines, layout.documentNumber);
  const fields = {
    documentCode: stripFillers(readSpan(lines, layout.documentCode)),
    issuingState: stripFillers(readSpan(lines, layout.issuingState)),
    nationality: stripFillers(readSpan(lines, layout.nationality)),
    documentNumber: stripFillers(documentNumber).replace(/ /g, ''),
    sex: stripFillers(readSpan(lines, layout.sex)),
    expiryDate: readSpan(lines, layout.expiryDate),
  };
  return {
    format: layout.format,
    lines,
    sourceLines,
    checks,
    valid: checks.every((c) => c.valid),
    plausible: isPlausible(fields),
    corrections: corrected.corrections,
    fields,
  };
}
