import type { Box } from '../photo/checkResult';
import type { DocumentImage } from '../photo/documentImage';
import { scaleRegion, type ScaledRegion } from '../ocr/greyRegion';
import type { OcrEngine, OcrLine, OcrOutput } from '../ocr/ocrJob';
import type { GreyImage } from '../photo/greyImage';
import type { CorrectionLimits } from './mrzCorrection';
import { bandToSource, type BandSampling } from './mrzBandImage';
import { halfTurn, type FoundMrzBand, type MrzBandView } from './mrzBands';
import { mergeReadings, parseMrz, readingScore, type MrzReading } from './mrzParser';

export const MRZ_WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

export interface MrzReaderOptions extends CorrectionLimits {
  ocrWidth: number;
}

export interface MrzScan {
  reading: MrzReading | null;
  /** The MRZ lines' extent in full-image coordinates, when found. */
  region: Box | null;
}

function unionBox(boxes: Box[]): Box | null {
  if (boxes.length === 0) return null;
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const right = Math.max(...boxes.map((b) => b.left + b.width));
  const bottom = Math.max(...boxes.map((b) => b.top + b.height));
  return { left, top, width: right - left, height: bottom - top };
}

/** Maps a box from DocumentImage pixels to the full photo, through the document's box. */
function toImageBox(box: Box, image: DocumentImage): Box {
  const scaleX = image.box.width / image.width;
  const scaleY = image.box.height / image.height;
  return {
    left: Math.round(image.box.left + box.left * scaleX),
    top: Math.round(image.box.top + box.top * scaleY),
    width: Math.round(box.width * scaleX),
    height: Math.round(box.height * scaleY),
  };
}

/** Line height, in pixels, at which tesseract reads OCR-B best in the second look. */
const TIGHT_LINE_HEIGHT = 44;
const MAX_TIGHT_WIDTH = 2000;

interface Attempt {
  reading: MrzReading | null;
  /** MRZ line boxes in DocumentImage coordinates. */
  lineBoxes: Box[];
}

/** The MRZ in one OCR output, with its line boxes mapped back to DocumentImage pixels. */
function readOutput(output: OcrOutput, scaled: ScaledRegion, limits: CorrectionLimits): Attempt {
  const reading = parseMrz(
    output.lines.map((line: OcrLine) => line.text),
    limits,
  );
  const lineBoxes = (reading?.sourceLines ?? []).flatMap((i) => {
    const box = output.lines[i]?.box;
    if (!box) return [];
    return [
      {
        left: scaled.region.left + box.left / scaled.scale,
        top: scaled.region.top + box.top / scaled.scale,
        width: box.width / scaled.scale,
        height: box.height / scaled.scale,
      },
    ];
  });
  return { reading, lineBoxes };
}

async function attempt(
  engine: OcrEngine,
  image: DocumentImage,
  area: Box,
  width: number,
  limits: CorrectionLimits,
): Promise<Attempt> {
  const scaled = await scaleRegion(image, area, width);
  const output = await engine.recognize({ image: scaled.image, segmentation: 'block', whitelist: MRZ_WHITELIST });
  return readOutput(output, scaled, limits);
}

/** The found lines with a margin, at a scale that gives each line the height tesseract likes. */
function tightArea(lineBoxes: Box[], image: DocumentImage): { area: Box; width: number } | null {
  const lines = unionBox(lineBoxes);
  if (!lines) return null;
  const lineHeight = lines.height / lineBoxes.length;
  const area = {
    left: lines.left - lines.width * 0.03,
    top: lines.top - lineHeight * 0.6,
    width: lines.width * 1.06,
    height: lines.height + lineHeight * 1.2,
  };
  const left = Math.max(0, area.left);
  const top = Math.max(0, area.top);
  const clamped = {
    left,
    top,
    width: Math.min(image.width - left, area.width),
    height: Math.min(image.height - top, area.height),
  };
  return {
    area: clamped,
    width: Math.min(MAX_TIGHT_WIDTH, Math.round(clamped.width * (TIGHT_LINE_HEIGHT / Math.max(1, lineHeight)))),
  };
}

/** When a reading has a failing check digit, reads just its lines again at a better scale and keeps the better reading. */
async function secondLook(
  engine: OcrEngine,
  image: DocumentImage,
  first: Attempt,
  limits: CorrectionLimits,
): Promise<Attempt> {
  const tight = first.reading && !first.reading.valid ? tightArea(first.lineBoxes, image) : null;
  if (!tight || !first.reading) return first;
  const second = await attempt(engine, image, tight.area, tight.width, limits);
  return second.reading && readingScore(second.reading) > readingScore(first.reading) ? second : first;
}

function toScan(found: Attempt, image: DocumentImage): MrzScan {
  const region = unionBox(found.lineBoxes);
  return { reading: found.reading, region: region ? toImageBox(region, image) : null };
}

/** Finds candidate MRZ bands in a document image (in a pixel worker) and cuts them out upright. */
export type MrzBandFinder = (image: GreyImage) => Promise<FoundMrzBand[]>;

/** A band-pixel box as the axis-aligned box around its four corners in DocumentImage pixels. */
function bandBoxToImage(box: Box, sampling: BandSampling): Box {
  const corners = [
    bandToSource(sampling, box.left, box.top),
    bandToSource(sampling, box.left + box.width, box.top),
    bandToSource(sampling, box.left, box.top + box.height),
    bandToSource(sampling, box.left + box.width, box.top + box.height),
  ];
  const left = Math.min(...corners.map((p) => p.x));
  const top = Math.min(...corners.map((p) => p.y));
  return {
    left,
    top,
    width: Math.max(...corners.map((p) => p.x)) - left,
    height: Math.max(...corners.map((p) => p.y)) - top,
  };
}

async function readView(engine: OcrEngine, view: MrzBandView, limits: CorrectionLimits): Promise<Attempt> {
  const output = await engine.recognize({
    image: { data: Buffer.from(view.image.data), width: view.image.width, height: view.image.height },
    segmentation: 'block',
    whitelist: MRZ_WHITELIST,
  });
  const reading = parseMrz(
    output.lines.map((line) => line.text),
    limits,
  );
  const lineBoxes = (reading?.sourceLines ?? []).flatMap((i) => {
    const box = output.lines[i]?.box;
    return box ? [bandBoxToImage(box, view.sampling)] : [];
  });
  return { reading, lineBoxes };
}

/** Below this score (half the check digits) a reading may be upside down or of the wrong text: look further. */
export const DOUBTFUL_SCORE = 2.5;

/** Reads views of one band in turn, each merged with the earlier ones, until every check digit agrees. */
async function readViews(
  engine: OcrEngine,
  views: readonly MrzBandView[],
  limits: CorrectionLimits,
  earlier: MrzReading[],
): Promise<Attempt> {
  let best: Attempt = { reading: mergeReadings(earlier, limits), lineBoxes: [] };
  for (const view of views) {
    if (best.reading?.valid) break;
    const attempt = await readView(engine, view, limits);
    if (!attempt.reading) continue;
    earlier.push(attempt.reading);
    const merged = mergeReadings(earlier, limits);
    if (merged && (!best.reading || readingScore(merged) > readingScore(best.reading) || best.lineBoxes.length === 0)) {
      best = { reading: merged, lineBoxes: attempt.lineBoxes };
    }
  }
  return best;
}

/**
 * Reads one band: the first scale grey and black-and-white, then, when that reads poorly, the
 * same turned half a turn (a document upside down); then the other scales in the better
 * direction. A clean band costs one OCR job.
 */
async function readBand(engine: OcrEngine, band: FoundMrzBand, limits: CorrectionLimits): Promise<Attempt> {
  const first = band.views.slice(0, 2);
  const rest = band.views.slice(2);
  const upright: MrzReading[] = [];
  let best = await readViews(engine, first, limits, upright);
  let direction = upright;
  let turn = false;
  if (!best.reading || readingScore(best.reading) < DOUBTFUL_SCORE) {
    const turned: MrzReading[] = [];
    const flipped = await readViews(engine, first.map(halfTurn), limits, turned);
    if (flipped.reading && (!best.reading || readingScore(flipped.reading) > readingScore(best.reading))) {
      best = flipped;
      direction = turned;
      turn = true;
    }
  }
  if (best.reading?.valid) return best;
  const more = await readViews(engine, turn ? rest.map(halfTurn) : rest, limits, direction);
  return more.reading && (!best.reading || readingScore(more.reading) > readingScore(best.reading)) ? more : best;
}

/**
 * How hard to try: `thorough` reads every candidate band in every view until one agrees;
 * `firstLook` reads only the first views of the best band, for a photo the user has to retake anyway.
 */
export type MrzEffort = 'thorough' | 'firstLook';

/**
 * Finds the MRZ from its characters (any rotation, skew, size; see mrzLocator.ts) and reads
 * the best candidate bands until one reads with every check digit agreeing. A clean photo
 * costs one OCR job.
 */
export async function scanMrzBands(
  engine: OcrEngine,
  find: MrzBandFinder,
  image: DocumentImage,
  limits: CorrectionLimits,
  effort: MrzEffort = 'thorough',
): Promise<MrzScan> {
  const bands = await find(image);
  let best: Attempt = { reading: null, lineBoxes: [] };
  for (const band of effort === 'thorough' ? bands : bands.slice(0, 1)) {
    const attempt =
      effort === 'thorough'
        ? await readBand(engine, band, limits)
        : await readViews(engine, band.views.slice(0, 2), limits, []);
    if (attempt.reading && (!best.reading || readingScore(attempt.reading) > readingScore(best.reading))) {
      best = attempt;
    }
    if (best.reading?.valid) break;
  }
  return toScan(best, image);
}

/**
 * Looks for the MRZ in an OCR of the whole page that was made anyway (for legibility): it
 * finds zones the bottom strip missed (a document located upside down or cropped loosely)
 * without another OCR job unless the reading needs a second look.
 */
export async function scanMrzInPage(
  engine: OcrEngine,
  image: DocumentImage,
  page: OcrOutput,
  scaled: ScaledRegion,
  options: MrzReaderOptions,
  effort: MrzEffort = 'thorough',
): Promise<MrzScan> {
  const first = readOutput(page, scaled, options);
  // Without the MRZ alphabet, long printed lines ("555123ABC12 24JUN2004 23DEC2004") look
  // MRZ-like too; only fillers, which printed text never has, make it an MRZ here.
  const hasFillers = (first.reading?.sourceLines ?? []).some((i) => /<<|«/.test(page.lines[i]?.text ?? ''));
  if (!hasFillers) return { reading: null, region: null };
  return toScan(effort === 'thorough' ? await secondLook(engine, image, first, options) : first, image);
}
