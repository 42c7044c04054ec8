import { maskDocumentNumber } from '../documentNumberMask';
import type { Box, CheckResult } from '../photo/checkResult';
import type { DocumentFacts, DocumentImage } from '../photo/documentImage';
import { mrzCheck } from '../mrz/mrzCheck';
import type { MrzReading } from '../mrz/mrzParser';
import { scanMrz, scanMrzInPage } from '../mrz/mrzReader';
import { expiryCheck } from './expiryCheck';
import { scaleRegion } from './greyRegion';
import { legibilityCheck } from './legibilityCheck';
import type { OcrEngine } from './ocrJob';
import type { OcrSettings } from './ocrSettings';

export interface TextCheckResults {
  checks: CheckResult[];
  document?: DocumentFacts;
  regions?: Box[];
  /** The corrected MRZ when every check digit agrees: personal data, for an information check in memory only. */
  mrz?: { format: MrzReading['format']; lines: string[] };
}

export type TextChecks = (image: DocumentImage) => Promise<TextCheckResults>;

const DOCUMENT_TYPES: Record<string, string> = { P: 'passport', V: 'visa', I: 'id_card', A: 'id_card', C: 'id_card' };

function documentFacts(
  reading: MrzReading | null,
  expiry: { expiryDate?: string; expired?: boolean },
): DocumentFacts | undefined {
  const facts: DocumentFacts = {};
  if (reading) {
    const type = DOCUMENT_TYPES[reading.fields.documentCode.charAt(0)];
    if (type) facts.type = type;
    const documentNumberValid = reading.checks.find((c) => c.field === 'documentNumber')?.valid === true;
    facts.mrz = {
      format: reading.format,
      documentCode: reading.fields.documentCode || null,
      issuingState: reading.fields.issuingState || null,
      nationality: reading.fields.nationality || null,
      documentNumber: documentNumberValid ? maskDocumentNumber(reading.fields.documentNumber) : null,
    };
  }
  if (expiry.expiryDate) facts.expiryDate = expiry.expiryDate;
  if (expiry.expired !== undefined) facts.expired = expiry.expired;
  return Object.keys(facts).length > 0 ? facts : undefined;
}

/**
 * The OCR-based checks (legibility, mrz, expiry) for the orchestrator. The MRZ strip and the
 * whole document are read as two jobs at once, one per worker on a 2-core machine; the page
 * OCR doubles as the place to look for an MRZ the strip did not show.
 */
export function createTextChecks(
  pool: OcrEngine,
  settings: OcrSettings,
  now: () => Date = () => new Date(),
): TextChecks {
  return async (image) => {
    const page = scaleRegion(
      image,
      { left: 0, top: 0, width: image.width, height: image.height },
      settings.legibility.ocrWidth,
    ).then(async (scaled) => ({
      scaled,
      output: await pool.recognize({ image: scaled.image, segmentation: 'auto' }),
    }));
    const [strip, text] = await Promise.all([scanMrz(pool, image, settings.mrz), page]);
    const mrz = strip.reading ? strip : await scanMrzInPage(pool, image, text.output, text.scaled, settings.mrz);
    const printedLines = text.output.lines.map((line) => line.text);
    const expiry = expiryCheck(mrz.reading, printedLines, now(), settings.expiry);
    const document = documentFacts(mrz.reading, expiry);
    return {
      checks: [
        legibilityCheck(text.output, settings.legibility),
        mrzCheck(mrz.reading, mrz.region, text.output.text),
        expiry.check,
      ],
      ...(document ? { document } : {}),
      ...(mrz.region ? { regions: [mrz.region] } : {}),
      ...(mrz.reading?.valid ? { mrz: { format: mrz.reading.format, lines: mrz.reading.lines } } : {}),
    };
  };
}
