import { maskDocumentNumber } from '../documentNumberMask';
import type { Box, CheckResult } from '../photo/checkResult';
import type { DocumentFacts, DocumentImage } from '../photo/documentImage';
import { mrzCheck } from '../mrz/mrzCheck';
import type { MrzReading } from '../mrz/mrzParser';
import { readingScore } from '../mrz/mrzParser';
import {
  DOUBTFUL_SCORE,
  scanMrzBands,
  scanMrzInPage,
  type MrzBandFinder,
  type MrzEffort,
  type MrzScan,
} from '../mrz/mrzReader';
import { cnFrontLegibility } from './cnFrontLegibility';
import { documentAcceptance, documentKind, readCnResidentIdNumber, typeSettledByMrz } from './documentKind';
import { expiryCheck } from './expiryCheck';
import { scaleRegion } from './greyRegion';
import { legibilityCheck, legibilityFromMrz } from './legibilityCheck';
import type { OcrEngine } from './ocrJob';
import type { OcrSettings } from './ocrSettings';

export interface TextCheckResults {
  checks: CheckResult[];
  document?: DocumentFacts;
  regions?: Box[];
  /** The corrected MRZ when every check digit agrees: personal data, for an information check in memory only. */
  mrz?: { format: MrzReading['format']; lines: string[] };
}

/** What the image checks already found, so the text checks spend no effort the user cannot use. */
export interface TextCheckContext {
  /**
   * The blur check already failed: the user retakes the photo anyway, and sharper views of a
   * blurred MRZ do not exist, so it gets one look, not every retry. Glare is not a reason: it
   * covers a spot, and the other views often read around it.
   */
  blurry?: boolean;
}

export type TextChecks = (
  image: DocumentImage,
  wholePhoto?: () => Promise<DocumentImage>,
  context?: TextCheckContext,
) => Promise<TextCheckResults>;

function documentFacts(
  reading: MrzReading | null,
  printedText: string,
  expiry: { expiryDate?: string; expired?: boolean },
  policy: OcrSettings['documents'],
): DocumentFacts {
  const kind = documentKind(reading, printedText);
  const acceptance = documentAcceptance(kind, policy);
  const facts: DocumentFacts = { type: kind.type, accepted: acceptance.accepted };
  if (kind.issuer) facts.issuer = kind.issuer;
  if (acceptance.reason) facts.notAcceptedReason = acceptance.reason;
  if (reading) {
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
  return facts;
}

/**
 * The OCR-based checks (legibility, mrz, expiry) and the document's kind for the orchestrator.
 * The MRZ is read first: when every check digit agrees on a document whose type the MRZ alone
 * settles (a passport, a visa), that reading proves the text legible and the page OCR, the
 * costliest job, is not needed. Otherwise the page is read too, for legibility, the printed
 * dates and words, and as the place to look for an MRZ no band showed.
 */
export function createTextChecks(
  pool: OcrEngine,
  settings: OcrSettings,
  deps: {
    findBands: MrzBandFinder;
    now?: () => Date;
    /** A `chi_sim` engine, started on first use: only a Chinese resident ID front needs it. */
    chinese?: () => OcrEngine;
  },
): TextChecks {
  const now = deps.now ?? ((): Date => new Date());
  const readBands = async (
    image: DocumentImage,
    wholePhoto: (() => Promise<DocumentImage>) | undefined,
    effort: MrzEffort,
  ): Promise<MrzScan> => {
    const scan = await scanMrzBands(pool, deps.findBands, image, settings.mrz, effort);
    if (!wholePhoto || effort !== 'thorough' || (scan.reading && readingScore(scan.reading) >= DOUBTFUL_SCORE)) {
      return scan;
    }
    const photo = await wholePhoto();
    const same = (['left', 'top', 'width', 'height'] as const).every((k) => photo.box[k] === image.box[k]);
    if (same) return scan;
    // A document located too tightly (a visa on a passport page, a dark phone frame) can leave its MRZ out.
    const wider = await scanMrzBands(pool, deps.findBands, photo, settings.mrz);
    return wider.reading && (!scan.reading || readingScore(wider.reading) > readingScore(scan.reading)) ? wider : scan;
  };
  return async (image, wholePhoto, context = {}) => {
    const effort: MrzEffort = context.blurry ? 'firstLook' : 'thorough';
    const bands = await readBands(image, wholePhoto, effort);
    if (bands.reading?.valid && typeSettledByMrz(bands.reading)) {
      return fromMrzAlone(bands.reading, bands.region, settings, now());
    }
    const scaled = await scaleRegion(
      image,
      { left: 0, top: 0, width: image.width, height: image.height },
      settings.legibility.ocrWidth,
    );
    const text = { scaled, output: await pool.recognize({ image: scaled.image, segmentation: 'auto' }) };
    const scan = bands.reading
      ? bands
      : await scanMrzInPage(pool, image, text.output, text.scaled, settings.mrz, effort);
    // Lines that fit no document code or state code are other text taken for an MRZ, unless every digit agrees.
    const mrz = scan.reading && (scan.reading.plausible || scan.reading.valid) ? scan : { reading: null, region: null };
    const printedLines = text.output.lines.map((line) => line.text);
    const expiry = expiryCheck(mrz.reading, printedLines, now(), settings.expiry);
    const document = documentFacts(mrz.reading, text.output.text, expiry, settings.documents);
    // A resident ID front has no MRZ and Chinese fields the English model cannot read.
    const cnNumber = mrz.reading ? undefined : readCnResidentIdNumber(text.output.text);
    const chinese = cnNumber && deps.chinese?.();
    const legibility =
      cnNumber && chinese
        ? cnFrontLegibility(
            text.output,
            await chinese.recognize({ image: text.scaled.image, segmentation: 'auto' }),
            cnNumber,
            settings.legibility,
          )
        : legibilityCheck(text.output, settings.legibility);
    return {
      checks: [legibility, mrzCheck(mrz.reading, mrz.region, text.output.text), expiry.check],
      document,
      ...(mrz.region ? { regions: [mrz.region] } : {}),
      ...(mrz.reading?.valid ? { mrz: { format: mrz.reading.format, lines: mrz.reading.lines } } : {}),
    };
  };
}

/** The checks from an MRZ whose every check digit agrees on a document it fully identifies. */
function fromMrzAlone(reading: MrzReading, region: Box | null, settings: OcrSettings, now: Date): TextCheckResults {
  const expiry = expiryCheck(reading, [], now, settings.expiry);
  return {
    checks: [legibilityFromMrz(), mrzCheck(reading, region, ''), expiry.check],
    document: documentFacts(reading, '', expiry, settings.documents),
    ...(region ? { regions: [region] } : {}),
    mrz: { format: reading.format, lines: reading.lines },
  };
}
