import assert from 'node:assert/strict';
import { OcrPool } from '../../../src/diagnosis/ocr/ocrPool';
import type { OcrEngine, OcrOutput } from '../../../src/diagnosis/ocr/ocrJob';
import { scanMrz, scanMrzInPage } from '../../../src/diagnosis/mrz/mrzReader';
import type { DocumentImage } from '../../../src/diagnosis/photo/documentImage';
import { buildTd1, buildTd3, SAMPLE_MRZ_FIELDS } from '../../fixtures/mrzLines';
import { drawMrzCard } from './drawMrz';

const options = { bandFraction: 0.45, ocrWidth: 1200, maxExtraSubstitutions: 1, maxCandidatesPerGroup: 2000 };

async function card(lines: readonly string[]): Promise<DocumentImage> {
  const image = await drawMrzCard(lines, { width: 1000 });
  return { ...image, box: { left: 0, top: 0, width: image.width, height: image.height } };
}

describe('scanMrz on drawn documents', function () {
  this.timeout(120000);
  let pool: OcrPool;

  before(async () => {
    pool = await OcrPool.create({
      size: 1,
      jobsPerWorker: 50,
      maxQueue: 4,
      retryAfterSeconds: 1,
      jobTimeoutMs: 30000,
      maxWaitMs: 30000,
    });
  });
  after(async () => {
    await pool.close();
  });

  it('reads a three-line TD1 identity card with every check digit valid', async () => {
    const lines = buildTd1({
      ...SAMPLE_MRZ_FIELDS,
      documentCode: 'ID',
      documentNumber: 'D23145890',
      optionalData: '',
      optionalData2: '',
    });
    const { reading } = await scanMrz(pool, await card(lines), options);
    assert.equal(reading?.format, 'TD1');
    assert.equal(reading?.valid, true);
    assert.equal(reading?.fields.documentNumber, 'D23145890');
  });

  it('fails the birth date of a passport printed with a wrong check digit instead of correcting it away', async () => {
    const [top, bottom] = buildTd3(SAMPLE_MRZ_FIELDS);
    const wrongDigit = bottom[19] === '7' ? '3' : '7';
    const { reading } = await scanMrz(
      pool,
      await card([top, bottom.slice(0, 19) + wrongDigit + bottom.slice(20)]),
      options,
    );
    assert.equal(reading?.format, 'TD3');
    assert.deepEqual(
      reading?.checks.filter((c) => !c.valid).map((c) => c.field),
      ['birthDate', 'composite'],
    );
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
    const scan = await scanMrzInPage(noOcr, image, page(['PASSPORT', ...buildTd3(SAMPLE_MRZ_FIELDS)]), scaled, options);
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
      options,
    );
    assert.equal(scan.reading, null);
  });
});
