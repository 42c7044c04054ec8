import sharp from 'sharp';
import { CHECK_IDS, type Box, type CheckId, type CheckResult } from './checkResult';
import { blurCheck } from './blurCheck';
import { cameraMetadataCheck } from './cameraMetadataCheck';
import { decodePhoto, type DecodedPhoto } from './decodePhoto';
import { locateDocument, type DocumentLocation } from './documentLocator';
import type { DocumentFacts, DocumentImage } from './documentImage';
import { exposureCheck } from './exposureCheck';
import { framingCheck } from './framingCheck';
import { glareCheck } from './glareCheck';
import { cropGrey, cropGreyTo, greyPipeline, scaleBox, toGreyImage, type GreyImage } from './greyImage';
import { settleMrzVerdict } from './mrzVerdict';
import { markPreview, plainPreview, previewBase } from './photoPreview';
import type { PhotoSettings } from './photoSettings';
import { sharedPixelWorkerPool, type PixelWorkerPool } from './pixelWorkerPool';
import { resolutionCheck } from './resolutionCheck';

export interface TextCheckOutcome {
  checks: CheckResult[];
  document?: DocumentFacts;
  /** Where the text that matters is (e.g. the MRZ band), in full-image coordinates. */
  regions?: Box[];
  mrz?: ReadMrz;
}

/** A machine-readable zone whose check digits all agree. Personal data: never logged, stored or returned by the API. */
export interface ReadMrz {
  format: 'TD1' | 'TD2' | 'TD3';
  lines: string[];
}

/** The whole photo as a document image, for when the located document turns out to miss its MRZ. */
export type WholePhoto = () => Promise<DocumentImage>;

/** What the image checks found before the text is read. */
export interface TextCheckContext {
  /** The blur check failed: the photo must be retaken whatever the text says. */
  blurry: boolean;
}

export type TextChecks = (
  image: DocumentImage,
  wholePhoto: WholePhoto,
  context: TextCheckContext,
) => Promise<TextCheckOutcome>;

export interface PhotoDiagnosisDeps {
  settings: PhotoSettings;
  /** Upload size limit in bytes (from `MAX_PHOTO_MB`). */
  maxBytes: number;
  /** The OCR-based checks (legibility, mrz, expiry); skipped when absent. */
  textChecks?: TextChecks;
  /** Where the JavaScript pixel loops run; a process-wide pool of `settings.pixelWorkers` by default. */
  pixelWorkers?: PixelWorkerPool;
}

export interface PhotoDiagnosis {
  verdict: 'pass' | 'fail';
  /** In CHECK_IDS order, every id exactly once. */
  checks: CheckResult[];
  document?: DocumentFacts;
  timingsMs: Record<string, number>;
  /** Small JPEG without EXIF, problem areas outlined. */
  preview: Buffer;
  mrz?: ReadMrz;
}

const TEXT_CHECK_IDS: readonly CheckId[] = ['legibility', 'mrz', 'expiry'];

function skipped(id: CheckId, messageKey: string): CheckResult {
  return { id, status: 'skipped', measured: null, threshold: null, messageKey };
}

function inset(box: Box, fraction: number): Box {
  return {
    left: box.left + box.width * fraction,
    top: box.top + box.height * fraction,
    width: box.width * (1 - 2 * fraction),
    height: box.height * (1 - 2 * fraction),
  };
}

function toFull(location: DocumentLocation, scale: number): DocumentLocation {
  return {
    ...location,
    box: scaleBox(location.box, 1 / scale),
    corners: location.corners.map((p) => ({ x: Math.round(p.x / scale), y: Math.round(p.y / scale) })),
  };
}

/**
 * Greyscale crop of the document for OCR, `width` wide, from the text copy: a small scan is
 * enlarged so its MRZ characters can be found and read.
 */
async function documentImage(photo: DecodedPhoto, text: GreyImage, box: Box, width: number): Promise<DocumentImage> {
  const region = {
    left: Math.max(0, box.left),
    top: Math.max(0, box.top),
    width: Math.min(photo.width - Math.max(0, box.left), box.width),
    height: Math.min(photo.height - Math.max(0, box.top), box.height),
  };
  const inText = scaleBox(region, text.width / photo.width);
  const source = greyPipeline(text).extract({
    left: inText.left,
    top: inText.top,
    width: Math.min(text.width - inText.left, inText.width),
    height: Math.min(text.height - inText.top, inText.height),
  });
  const image = await toGreyImage(source.resize({ width, kernel: inText.width < width ? 'cubic' : 'lanczos3' }));
  return {
    data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    width: image.width,
    height: image.height,
    box: region,
  };
}

/** How many more pixels per side the text copy has than the working copy. */
function textDetail(photo: DecodedPhoto, settings: PhotoSettings): number {
  const longSide = Math.max(photo.width, photo.height);
  return Math.min(1, settings.textLongSide / longSide) / photo.scale;
}

class Stopwatch {
  readonly timings: Record<string, number> = {};
  private last = performance.now();
  private readonly start = this.last;

  lap(name: string): void {
    const now = performance.now();
    this.timings[name] = Math.round(now - this.last);
    this.last = now;
  }

  total(): Record<string, number> {
    return { ...this.timings, total: Math.round(performance.now() - this.start) };
  }
}

/**
 * Every image check on one photo, then the injected text checks, most actionable first and
 * without double blame: a low-resolution or too-dark photo is not also called blurry, and an
 * overexposed one is not also blamed on glare.
 */
export async function diagnosePhoto(bytes: Buffer, deps: PhotoDiagnosisDeps): Promise<PhotoDiagnosis> {
  const { settings } = deps;
  const pixels = deps.pixelWorkers ?? sharedPixelWorkerPool(settings.pixelWorkers);
  const clock = new Stopwatch();
  const photo = await decodePhoto(bytes, {
    maxBytes: deps.maxBytes,
    maxPixels: settings.maxInputPixels,
    workingLongSide: settings.workingLongSide,
    heicConcurrency: settings.heicDecodeConcurrency,
    exifTags: [...settings.cameraMetadata.cameraTags, ...settings.cameraMetadata.captureTags],
  });
  clock.lap('decode');
  // OCR needs more pixels than the checks: a second shrink-on-load decode runs alongside them.
  const textCopy = deps.textChecks ? photo.greyCopy(settings.textLongSide) : undefined;
  textCopy?.catch(() => undefined);

  // The preview's base is shrunk now, alongside the checks, so only the outlines remain at the end.
  const base = previewBase(photo.working, settings.previewLongSide);
  base.catch(() => undefined);
  const plain = base.then(plainPreview);
  plain.catch(() => undefined);
  const grey = await toGreyImage(
    sharp(photo.working.data, { raw: { width: photo.working.width, height: photo.working.height, channels: 3 } }),
  );
  const located = await locateDocument(grey, settings.framing, (small) => pixels.locate(small, settings.framing));
  const location = toFull(located, photo.scale);
  clock.lap('locate');

  const region = inset(located.box, 0.03);
  const [sharpnessImage, glareImage] = await Promise.all([
    // Sharpness is measured in pixels, at the width its thresholds were set at, but never finer than the
    // copy the text is read from: the small working copy is enlarged up to that much.
    cropGreyTo(grey, region, (width) => Math.min(settings.blur.normalisedWidth, width * textDetail(photo, settings))),
    cropGrey(grey, region, settings.glare.analysisWidth),
  ]);
  const { sharpness, glare: spots, histogram } = await pixels.measure(sharpnessImage, glareImage, settings.glare);
  const exposure = exposureCheck(histogram, settings.exposure);
  clock.lap('measure');

  const glareRegions = spots.spots.map((spot) => glareBoxInFull(spot, glareImage, region, photo.scale));
  const results = new Map<CheckId, CheckResult>();
  const resolution = resolutionCheck(photo.width, photo.height, settings.minimumResolution);
  results.set('resolution', resolution);
  results.set('framing', framingCheck(location, photo, settings.framing));
  results.set('exposure', exposure.result);
  results.set('camera_metadata', cameraMetadataCheck(photo.exif, settings.cameraMetadata));
  if (resolution.status === 'fail') results.set('blur', skipped('blur', 'skipped.lowResolution'));
  else if (exposure.problem === 'tooDark') results.set('blur', skipped('blur', 'skipped.tooDark'));
  else results.set('blur', blurCheck(sharpness, settings.blur));
  results.set(
    'glare',
    exposure.problem === 'overexposed'
      ? skipped('glare', 'skipped.overexposed')
      : glareCheck(spots, glareRegions, settings.glare),
  );

  const textRegions: Box[] = [];
  let document: DocumentFacts | undefined;
  let mrz: ReadMrz | undefined;
  if (deps.textChecks && textCopy) {
    const text = await textCopy;
    const image = await documentImage(photo, text, location.box, settings.documentImageWidth);
    clock.lap('documentImage');
    const wholePhoto: WholePhoto = () =>
      Promise.resolve({
        data: Buffer.from(text.data.buffer, text.data.byteOffset, text.data.byteLength),
        width: text.width,
        height: text.height,
        box: { left: 0, top: 0, width: photo.width, height: photo.height },
      });
    const outcome = await deps.textChecks(image, wholePhoto, { blurry: results.get('blur')?.status === 'fail' });
    clock.lap('text');
    for (const check of outcome.checks) results.set(check.id, check);
    textRegions.push(...(outcome.regions ?? []));
    document = outcome.document;
    mrz = outcome.mrz;
  }
  for (const id of TEXT_CHECK_IDS) if (!results.has(id)) results.set(id, skipped(id, 'skipped.noTextChecks'));
  settleMrzVerdict(results, photo.width, photo.height);
  downgradeLegibility(results);

  const marks = {
    glare: results.get('glare')?.regions ?? [],
    cutEdges: results.get('framing')?.regions ?? [],
    text: textRegions,
  };
  const unmarked = marks.glare.length + marks.cutEdges.length + marks.text.length === 0;
  const preview = unmarked ? await plain : await markPreview(await base, photo.width, marks);
  clock.lap('preview');

  const checks = CHECK_IDS.map((id) => results.get(id) ?? skipped(id, 'skipped.noTextChecks'));
  const verdict = checks.some((check) => check.status === 'fail') ? 'fail' : 'pass';
  return {
    verdict,
    checks,
    ...(document ? { document } : {}),
    ...(mrz ? { mrz } : {}),
    timingsMs: clock.total(),
    preview,
  };
}

/** Unreadable text on a photo already failed for an image reason is that reason, not a second problem. */
function downgradeLegibility(results: Map<CheckId, CheckResult>): void {
  const legibility = results.get('legibility');
  if (legibility?.status !== 'fail') return;
  const imageFailed = (['resolution', 'blur', 'exposure', 'glare'] as const).some(
    (id) => results.get(id)?.status === 'fail',
  );
  if (imageFailed) results.set('legibility', skipped('legibility', 'skipped.imageProblem'));
}

function glareBoxInFull(spot: Box, analysed: GreyImage, region: Box, scale: number): Box {
  const factor = region.width / analysed.width;
  const inWorking = {
    left: region.left + spot.left * factor,
    top: region.top + spot.top * factor,
    width: spot.width * factor,
    height: spot.height * factor,
  };
  return scaleBox(inWorking, 1 / scale);
}
