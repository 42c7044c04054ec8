import assert from 'node:assert/strict';
import { findMrzBands } from '../../../src/diagnosis/mrz/mrzBands';
import type { MrzBandFinder } from '../../../src/diagnosis/mrz/mrzReader';
import { OcrPool } from '../../../src/diagnosis/ocr/ocrPool';
import type { OcrEngine, PageSegmentation } from '../../../src/diagnosis/ocr/ocrJob';
import type { OcrSettings } from '../../../src/diagnosis/ocr/ocrSettings';
import { createTextChecks } from '../../../src/diagnosis/ocr/textChecks';
import type { DocumentImage } from '../../../src/diagnosis/photo/documentImage';
import { buildTd1, buildTd3, SAMPLE_MRZ_FIELDS } from '../../fixtures/mrzLines';
import { drawMrzCard } from '../mrz/drawMrz';
import { loadSettings } from '../../../src/settings';

const settings: OcrSettings = loadSettings().ocr;
const findBands: MrzBandFinder = (image) => Promise.resolve(findMrzBands(image, settings.mrz.bands));

const PRINTED = [
  'PASSPORT  UTOPIA',
  'Surname ERIKSSON',
  'Given names ANNA MARIA',
  'Date of birth 12 AUG 1974',
  'Date of expiry 15 APR 2034',
];

async function passportImage(lines: readonly string[]): Promise<DocumentImage> {
  const image = await drawMrzCard(lines, { width: 1200, printedText: PRINTED });
  return { ...image, box: { left: 100, top: 50, width: image.width * 2, height: image.height * 2 } };
}

/** The pool, recording the page segmentation of every job it is given. */
function recording(engine: OcrEngine, jobs: PageSegmentation[]): OcrEngine {
  return {
    recognize: (job) => {
      jobs.push(job.segmentation);
      return engine.recognize(job);
    },
  };
}

/** A TD3 whose birth-date check digit is wrong: no view can make every digit agree. */
function wrongBirthDigit(): string[] {
  const [top, bottom] = buildTd3(SAMPLE_MRZ_FIELDS);
  return [top, bottom.slice(0, 19) + (bottom[19] === '7' ? '3' : '7') + bottom.slice(20)];
}

describe('text checks on a drawn passport', function () {
  this.timeout(120000);
  let pool: OcrPool;

  before(async () => {
    pool = await OcrPool.create({ ...settings, size: 1 });
  });
  after(async () => {
    await pool.close();
  });

  it('reads the MRZ with every check digit valid, masks the document number and locates the band', async () => {
    const textChecks = createTextChecks(pool, settings, { findBands, now: () => new Date('2026-11-28T00:00:00Z') });
    const result = await textChecks(await passportImage(buildTd3(SAMPLE_MRZ_FIELDS)));
    const byId = Object.fromEntries(result.checks.map((c) => [c.id, c]));
    assert.equal(byId.mrz?.status, 'pass');
    assert.equal(byId.mrz?.measured, 'TD3');
    assert.equal(byId.legibility?.status, 'pass');
    assert.equal(byId.expiry?.status, 'pass');
    assert.equal(result.document?.type, 'passport');
    assert.equal(result.document?.mrz?.documentNumber, '*****02C3');
    assert.equal(result.document?.expiryDate, '2034-04-15');
    assert.equal(result.document?.expired, false);
    const band = result.regions?.[0];
    assert.ok(band, 'the MRZ band is marked');
    // The band lies in the lower part of the document box (full-image coordinates: offset 100,50; scale 2).
    assert.ok(band.left >= 100 && band.top > 50 + 840 * 2 * 0.6, JSON.stringify(band));
  });

  it('fails an MRZ whose expiry is past and names the expired date', async () => {
    const textChecks = createTextChecks(pool, settings, { findBands, now: () => new Date('2035-01-01T00:00:00Z') });
    const result = await textChecks(await passportImage(buildTd3(SAMPLE_MRZ_FIELDS)));
    const expiry = result.checks.find((c) => c.id === 'expiry');
    assert.equal(expiry?.status, 'fail');
    assert.equal(expiry?.messageKey, 'text.expiry.expired');
    assert.equal(result.document?.expired, true);
  });

  it('takes a valid passport MRZ as proof of legible text and skips the page OCR', async () => {
    const jobs: PageSegmentation[] = [];
    const textChecks = createTextChecks(recording(pool, jobs), settings, { findBands });
    const result = await textChecks(await passportImage(buildTd3(SAMPLE_MRZ_FIELDS)));
    const legibility = result.checks.find((c) => c.id === 'legibility');
    assert.equal(legibility?.status, 'pass');
    assert.equal(legibility.messageKey, 'text.legibility.mrzRead');
    assert.ok(!jobs.includes('auto'), `jobs: ${jobs.join(', ')}`);
    assert.equal(result.document?.type, 'passport');
  });

  it('still reads the page of an ID card with a valid MRZ: its printed words can make it temporary', async () => {
    const jobs: PageSegmentation[] = [];
    const textChecks = createTextChecks(recording(pool, jobs), settings, { findBands });
    const td1 = buildTd1({ ...SAMPLE_MRZ_FIELDS, documentCode: 'ID' });
    const image = await drawMrzCard(td1, {
      width: 1200,
      printedText: ['IDENTITY CARD', 'TEMPORARY', 'Surname ERIKSSON'],
    });
    const result = await textChecks({ ...image, box: { left: 0, top: 0, width: image.width, height: image.height } });
    assert.equal(result.checks.find((c) => c.id === 'mrz')?.status, 'pass');
    assert.ok(jobs.includes('auto'), `jobs: ${jobs.join(', ')}`);
    assert.equal(result.document?.notAcceptedReason, 'temporary');
  });

  it('gives the MRZ of a photo already failed for blur one look instead of every retry', async () => {
    const image = await passportImage(wrongBirthDigit());
    const thorough: PageSegmentation[] = [];
    await createTextChecks(recording(pool, thorough), settings, { findBands })(image);
    const blurry: PageSegmentation[] = [];
    const result = await createTextChecks(recording(pool, blurry), settings, { findBands })(image, undefined, {
      blurry: true,
    });
    assert.ok(blurry.filter((s) => s === 'block').length <= 2, `jobs: ${blurry.join(', ')}`);
    assert.ok(blurry.length < thorough.length, `blurry ${blurry.join(', ')}; thorough ${thorough.join(', ')}`);
    assert.equal(result.checks.find((c) => c.id === 'mrz')?.status, 'fail');
  });
});
