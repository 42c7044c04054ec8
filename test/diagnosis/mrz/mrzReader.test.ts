import assert from 'node:assert/strict';
import { findMrzBands } from '../../../src/diagnosis/mrz/mrzBands';
import { scanMrzBands, scanMrzInPage, type MrzBandFinder } from '../../../src/diagnosis/mrz/mrzReader';
import { OcrPool } from '../../../src/diagnosis/ocr/ocrPool';
import type { OcrEngine, OcrOutput } from '../../../src/diagnosis/ocr/ocrJob';
import type { DocumentImage } from '../../../src/diagnosis/photo/documentImage';
import { loadSettings } from '../../../src/settings';
import { buildMrvA, buildMrvB, buildTd1, buildTd2, buildTd3, SAMPLE_MRZ_FIELDS } from '../../fixtures/mrzLines';
import { degradeCard, drawMrzCard, type CardDegradation } from './drawMrz';

const settings = loadSettings().ocr;
const findBands: MrzBandFinder = (image) => Promise.resolve(findMrzBands(image, settings.mrz.bands));
const PRINTED = ['UTOPIA', 'Surname ERIKSSON', 'Given names ANNA MARIA', 'Date of birth 12 AUG 1974'];
const ID_FIELDS = { ...SAMPLE_MRZ_FIELDS, documentCode: 'ID', documentNumber: 'D23145890', optionalData: '' };

async function card(lines: readonly string[], degradation: CardDegradation = {}): Promise<DocumentImage> {
  const image = await degradeCard(await drawMrzCard(lines, { width: 1000, printedText: PRINTED }), degradation);
  return { ...image, box: { left: 0, top: 0, width: image.width, height: image.height } };
}

describe('scanMrzBands on drawn documents', function () {
  this.timeout(180_000);
  let pool: OcrPool;

  before(async () => {
    pool = await OcrPool.create({ ...settings, size: 1, maxQueue: 8, jobTimeoutMs: 60_000, maxWaitMs: 60_000 });
  });
  after(async () => {
    await pool.close();
  });

  async function read(lines: readonly string[], degradation: CardDegradation = {}) {
    return (await scanMrzBands(pool, findBands, await card(lines, degradation), settings.mrz)).reading;
  }

  for (const rotate of [90, 180, 270]) {
    it(`reads a passport turned ${rotate}° with every check digit valid`, async () => {
      const reading = await read(buildTd3(SAMPLE_MRZ_FIELDS), { rotate });
      assert.equal(reading?.format, 'TD3');
      assert.equal(reading?.valid, true);
      assert.equal(reading?.fields.documentNumber, 'L898902C3');
    });
  }

  for (const rotate of [-13, 11]) {
    it(`deskews a passport photographed ${rotate}° off level from the MRZ lines themselves`, async () => {
      const reading = await read(buildTd3(SAMPLE_MRZ_FIELDS), { rotate });
      assert.equal(reading?.valid, true);
    });
  }

  it('reads a small, low-resolution photo of an ID card by enlarging its band', async () => {
    const reading = await read(buildTd1(ID_FIELDS), { shrinkTo: 420 });
    assert.equal(reading?.format, 'TD1');
    assert.equal(reading?.valid, true);
  });

  it('reads an MRZ under a shadow that darkens it from one end to the other', async () => {
    const reading = await read(buildTd3(SAMPLE_MRZ_FIELDS), { shadow: true });
    assert.equal(reading?.valid, true);
  });

  it('reads a two-line TD2 identity card', async () => {
    const reading = await read(buildTd2({ ...ID_FIELDS, documentCode: 'I' }));
    assert.equal(reading?.format, 'TD2');
    assert.equal(reading?.valid, true);
    assert.equal(reading?.fields.documentCode, 'I');
  });

  it('reads MRV-A and MRV-B visas, which have no composite check digit', async () => {
    const visa = { ...SAMPLE_MRZ_FIELDS, documentCode: 'V', optionalData: '' };
    const a = await read(buildMrvA(visa));
    assert.equal(a?.format, 'TD3');
    assert.equal(a?.valid, true);
    assert.deepEqual(
      a?.checks.map((c) => c.field),
      ['documentNumber', 'birthDate', 'expiryDate'],
    );
    const b = await read(buildMrvB(visa));
    assert.equal(b?.format, 'TD2');
    assert.equal(b?.valid, true);
  });

  it('reads a three-line TD1 identity card', async () => {
    const reading = await read(buildTd1({ ...ID_FIELDS, optionalData2: '' }));
    assert.equal(reading?.format, 'TD1');
    assert.equal(reading?.valid, true);
    assert.equal(reading?.fields.documentNumber, 'D23145890');
  });

  it('fails the birth date of a passport printed with a wrong check digit instead of correcting it away', async () => {
    const [top, bottom] = buildTd3(SAMPLE_MRZ_FIELDS);
    const wrongDigit = bottom[19] === '7' ? '3' : '7';
    const reading = await read([top, bottom.slice(0, 19) + wrongDigit + bottom.slice(20)]);
    assert.equal(reading?.format, 'TD3');
    assert.equal(reading?.valid, false);
    // The wrong digit cannot be "corrected": the birth date is the first field reported.
    assert.equal(reading?.checks.find((c) => !c.valid)?.field, 'birthDate');
  });
});

describe('scanMrzInPage', () => {
  const image: DocumentImage = {
    data: Buffer.alloc(100 * 70, 255),
    width: 100,
    height: 70,
    box: { left: 10, top: 20, width: 200, height: 140 },
  };
  const scaled = { image, scale: 2, region: { left: 0, top: 0, width: 100, height: 70 } };
  const noOcr: OcrEngine = { recognize: () => Promise.reject(new Error('no second look expected')) };
  const page = (texts: string[]): OcrOutput => ({
    text: texts.join('\n'),
    confidence: 90,
    lines: texts.map((text, i) => ({
      text,
      confidence: 90,
      box: { left: 10, top: 100 + 20 * i, width: 180, height: 16 },
      words: [],
    })),
  });

  it('finds an MRZ in the page OCR and maps its lines to the full photo', async () => {
    const scan = await scanMrzInPage(
      noOcr,
      image,
      page(['PASSPORT', ...buildTd3(SAMPLE_MRZ_FIELDS)]),
      scaled,
      settings.mrz,
    );
    assert.equal(scan.reading?.valid, true);
    // Page box (10,120) at scale 2 is (5,60) in the document image, then x2 and offset into the photo.
    assert.deepEqual(scan.region, { left: 20, top: 140, width: 180, height: 36 });
  });

  it('does not take long printed lines without fillers for an MRZ', async () => {
    const scan = await scanMrzInPage(
      noOcr,
      image,
      page(['AE555123ABC12 24JUN2004 23DEC2004', '555123ABC6GBR6502056F04122361FLNDOOAMS8']),
      scaled,
      settings.mrz,
    );
    assert.equal(scan.reading, null);
  });
});
