import type { Box, CheckResult } from '../photo/checkResult';
import type { MrzReading } from './mrzParser';

/** Words that say a document is a passport, which always carries an MRZ. */
const PASSPORT_WORDS = /PASSPORT|PASSEPORT|PASAPORTE|PASSAPORTO|REISEPASS|PASZPORT|护照|護照/i;

/**
 * `pass` when every check digit agrees, `fail` naming the first field that does not.
 * Without an MRZ the check cannot tell a hidden MRZ from a document that has none (a Chinese
 * resident ID card, many driving licences): it warns only when the printed text says
 * "passport", and is otherwise `skipped`.
 */
export function mrzCheck(reading: MrzReading | null, region: Box | null, printedText: string): CheckResult {
  const threshold = 'all check digits';
  if (!reading) {
    const expected = PASSPORT_WORDS.test(printedText);
    return {
      id: 'mrz',
      status: expected ? 'warn' : 'skipped',
      measured: 'not found',
      threshold,
      messageKey: expected ? 'text.mrz.notFound' : 'text.mrz.none',
    };
  }
  const failed = reading.checks.filter((c) => !c.valid).map((c) => c.field);
  const regions = region ? [region] : undefined;
  if (failed.length === 0) {
    return {
      id: 'mrz',
      status: 'pass',
      measured: reading.format,
      threshold,
      messageKey: 'text.mrz.pass',
      messageParams: { format: reading.format },
    };
  }
  // The composite digit covers the other fields, so a field's own failure is the useful one to name.
  const first = failed.find((f) => f !== 'composite') ?? 'composite';
  return {
    id: 'mrz',
    status: 'fail',
    measured: `${reading.format}: ${failed.join(', ')}`,
    threshold,
    messageKey: `text.mrz.failed.${first}`,
    messageParams: { format: reading.format, failed: failed.length },
    ...(regions ? { regions } : {}),
  };
}
