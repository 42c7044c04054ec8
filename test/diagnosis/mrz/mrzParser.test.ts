import assert from 'node:assert/strict';
import { parseMrz } from '../../../src/diagnosis/mrz/mrzParser';
import {
  buildTd1,
  buildTd2,
  buildTd3,
  ICAO_TD1_SPECIMEN,
  ICAO_TD3_SPECIMEN,
  SAMPLE_MRZ_FIELDS,
} from '../../fixtures/mrzLines';

const limits = { maxExtraSubstitutions: 1, maxCandidatesPerGroup: 2000 };

function failedFields(lines: readonly string[]): string[] {
  const reading = parseMrz(lines, limits);
  assert.ok(reading, 'an MRZ was found');
  return reading.checks.filter((c) => !c.valid).map((c) => c.field);
}

/** Replaces one character, for a misprint the correction cannot explain (no confusable pair). */
function replaceAt(line: string, index: number, c: string): string {
  return line.slice(0, index) + c + line.slice(index + 1);
}

describe('parseMrz', () => {
  it('reads the ICAO TD3 specimen with every check digit valid', () => {
    const reading = parseMrz(ICAO_TD3_SPECIMEN, limits);
    assert.equal(reading?.format, 'TD3');
    assert.equal(reading?.valid, true);
    assert.deepEqual(reading?.fields, {
      documentCode: 'P',
      issuingState: 'UTO',
      nationality: 'UTO',
      documentNumber: 'L898902C3',
      sex: 'F',
      expiryDate: '120415',
    });
  });

  it('reads the ICAO TD1 specimen', () => {
    const reading = parseMrz(ICAO_TD1_SPECIMEN, limits);
    assert.equal(reading?.format, 'TD1');
    assert.equal(reading?.valid, true);
    assert.equal(reading?.fields.documentNumber, 'D23145890');
  });

  it('reads a TD2 card built from fields', () => {
    const reading = parseMrz(buildTd2({ ...SAMPLE_MRZ_FIELDS, documentCode: 'I', optionalData: '' }), limits);
    assert.equal(reading?.format, 'TD2');
    assert.equal(reading?.valid, true);
  });

  it('finds the MRZ below other OCR lines and ignores them', () => {
    const reading = parseMrz(
      ['REPUBLIC OF UTOPIA', 'PASSPORT', 'Date of expiry 15 APR 2034', ...buildTd3(SAMPLE_MRZ_FIELDS)],
      limits,
    );
    assert.deepEqual(reading?.sourceLines, [3, 4]);
    assert.equal(reading?.valid, true);
  });

  it('returns null when no line looks like an MRZ', () => {
    assert.equal(parseMrz(['REPUBLIC OF UTOPIA', 'IDENTITY CARD', 'ANNA MARIA ERIKSSON'], limits), null);
  });

  describe('names the field whose check digit fails', () => {
    const [top, bottom] = buildTd3(SAMPLE_MRZ_FIELDS);

    it('document number', () =>
      assert.deepEqual(failedFields([top, replaceAt(bottom, 3, '4')]), ['documentNumber', 'composite']));
    it('birth date', () =>
      assert.deepEqual(failedFields([top, replaceAt(bottom, 15, '9')]), ['birthDate', 'composite']));
    it('expiry date', () =>
      assert.deepEqual(failedFields([top, replaceAt(bottom, 24, '3')]), ['expiryDate', 'composite']));
    it('personal number (optional data)', () =>
      assert.deepEqual(failedFields([top, replaceAt(bottom, 31, '3')]), ['optionalData', 'composite']));
    it('composite only', () => {
      const composite = bottom.at(-1) === '3' ? '4' : '3';
      assert.deepEqual(failedFields([top, replaceAt(bottom, 43, composite)]), ['composite']);
    });
    it('TD1 optional data through the composite digit', () => {
      const [l1, l2, l3] = buildTd1({
        ...SAMPLE_MRZ_FIELDS,
        documentCode: 'ID',
        optionalData: 'X4',
        optionalData2: '',
      });
      assert.deepEqual(failedFields([replaceAt(l1, 16, '9'), l2, l3]), ['composite']);
    });
  });

  it('reads a TD1 document number longer than nine characters from the optional data', () => {
    const lines = buildTd1({ ...SAMPLE_MRZ_FIELDS, documentCode: 'I', documentNumber: 'D23145890', optionalData: '' });
    // 12-character number: 9 in the field, `<` for the check digit, the rest and its check digit in the optional data.
    const number = 'D23145890734';
    const digit = String(
      Array.from(number).reduce(
        (sum, c, i) => sum + (c >= 'A' ? c.charCodeAt(0) - 55 : Number(c)) * [7, 3, 1][i % 3],
        0,
      ) % 10,
    );
    const upper = `I<UTO${number.slice(0, 9)}<${number.slice(9)}${digit}`.padEnd(30, '<');
    const body = upper.slice(5) + lines[1].slice(0, 7) + lines[1].slice(8, 15) + lines[1].slice(18, 29);
    const composite = String(
      [...body].reduce(
        (sum, c, i) => sum + (c === '<' ? 0 : c >= 'A' ? c.charCodeAt(0) - 55 : Number(c)) * [7, 3, 1][i % 3],
        0,
      ) % 10,
    );
    const reading = parseMrz([upper, lines[1].slice(0, 29) + composite, lines[2]], limits);
    assert.equal(reading?.valid, true);
    assert.equal(reading?.fields.documentNumber, number);
  });

  it('does not ask a visa for the composite digit it does not have', () => {
    const [top, bottom] = buildTd3({ ...SAMPLE_MRZ_FIELDS, documentCode: 'V' });
    const reading = parseMrz([top, replaceAt(bottom, 43, bottom.at(-1) === '1' ? '2' : '1')], limits);
    assert.deepEqual(
      reading?.checks.map((c) => c.field),
      ['documentNumber', 'birthDate', 'expiryDate'],
    );
    assert.equal(reading?.valid, true);
  });

  describe('repairs what OCR does to fillers', () => {
    const [top, bottom] = buildTd3(SAMPLE_MRZ_FIELDS);

    it('reads chevron runs read as K, L and C as fillers', () => {
      const reading = parseMrz(
        [top.replace('<<<<<<<<<<<<<<<', '<KLCLLKLCKLLKLC'), bottom.replace('<<<<<', '<LKC<')],
        limits,
      );
      assert.equal(reading?.valid, true);
    });

    it('stretches a filler run OCR read too short and shrinks one read too long', () => {
      const reading = parseMrz([top.replace('<<<<<<<<<<', '<<<<<<<<<<<<<<<<'), bottom.replace('<<<<<', '<<<')], limits);
      assert.equal(reading?.format, 'TD3');
      assert.equal(reading?.valid, true);
    });
  });
});
