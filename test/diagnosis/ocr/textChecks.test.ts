import assert from 'node:assert/strict';
import { findMrzBands } from '../../../src/diagnosis/mrz/mrzBands';
import type { MrzBandFinder } from '../../../src/diagnosis/mrz/mrzReader';
import { OcrPool } from '../../../src/diagnosis/ocr/ocrPool';
import type { OcrSettings } from '../../../src/diagnosis/ocr/ocrSettings';
import { createTextChecks } from '../../../src/diagnosis/ocr/textChecks';
import type { DocumentImage } from '../../../src/diagnosis/photo/documentImage';
import { buildTd3, SAMPLE_MRZ_FIELDS } from '../../fixtures/mrzLines';
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
});
