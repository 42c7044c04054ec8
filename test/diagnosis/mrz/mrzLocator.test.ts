import assert from 'node:assert/strict';
import { locateMrzBands } from '../../../src/diagnosis/mrz/mrzLocator';
import { buildTd1, buildTd3, SAMPLE_MRZ_FIELDS } from '../../fixtures/mrzLines';
import { degradeCard, drawMrzCard } from './drawMrz';

const options = { searchLongSide: 1000, maxCandidates: 2 };
const PRINTED = ['UTOPIA PASSPORT', 'Surname ERIKSSON', 'Given names ANNA MARIA', 'Date of birth 12 AUG 1974'];

/** Difference between two line directions, ignoring which way along the line (0..90). */
function lineAngleError(found: number, expected: number): number {
  const d = (((found - expected) % 180) + 180) % 180;
  return Math.min(d, 180 - d);
}

describe('locateMrzBands', function () {
  this.timeout(30_000);

  for (const rotate of [0, -15, -6, 9, 15, 90, 180, 270, 84]) {
    it(`finds the two TD3 lines of a passport turned ${rotate}° and their angle within a degree`, async () => {
      const image = await degradeCard(await drawMrzCard(buildTd3(SAMPLE_MRZ_FIELDS), { printedText: PRINTED }), {
        rotate,
      });
      const [band] = locateMrzBands(image, options);
      assert.ok(band, 'a band was found');
      assert.equal(band.lineCount, 2);
      assert.ok(band.charsPerLine >= 34, `${band.charsPerLine} characters on the longest line`);
      assert.ok(lineAngleError(band.angle, rotate) < 1, `angle ${band.angle.toFixed(2)} for ${rotate}`);
    });
  }

  it('finds the three TD1 lines of a card and not its printed text', async () => {
    const lines = buildTd1({ ...SAMPLE_MRZ_FIELDS, documentCode: 'ID', documentNumber: 'D23145890', optionalData: '' });
    const image = await drawMrzCard(lines, { printedText: PRINTED });
    const [band] = locateMrzBands(image, options);
    assert.equal(band?.lineCount, 3);
    assert.ok(band.cy > image.height * 0.7, 'the band is the bottom block');
  });

  it('finds nothing on a card without an MRZ', async () => {
    const image = await drawMrzCard(['SURNAME', 'GIVEN'], { printedText: PRINTED });
    const bands = locateMrzBands(image, options);
    assert.ok(
      bands.every((b) => b.charsPerLine < 28),
      JSON.stringify(bands),
    );
  });
});
