import assert from 'node:assert/strict';
import { mrzCheckDigit } from '../../../src/diagnosis/mrz/checkDigit';
import { correctMrz } from '../../../src/diagnosis/mrz/mrzCorrection';
import { MRZ_LAYOUTS } from '../../../src/diagnosis/mrz/mrzLayout';
import { parseMrz } from '../../../src/diagnosis/mrz/mrzParser';
import { buildTd3, ICAO_TD3_SPECIMEN, SAMPLE_MRZ_FIELDS } from '../../fixtures/mrzLines';

const limits = { maxExtraSubstitutions: 1, maxCandidatesPerGroup: 2000 };
const [top, bottom] = ICAO_TD3_SPECIMEN;

describe('MRZ confusion correction', () => {
  it('turns O back into 0 in the document number when the check digit confirms it', () => {
    const read = bottom.replace('L898902C3', 'L8989O2C3');
    const result = correctMrz([top, read], MRZ_LAYOUTS.TD3, limits);
    assert.equal(result.lines[1], bottom);
    assert.equal(result.corrections, 1);
  });

  it('turns letters in dates into the digits the check digit confirms (S/5, I/1, B/8, Z/2)', () => {
    const read = bottom.replace('7408122', '74O8IZ2').replace('1204159', '12O4IS9');
    const reading = parseMrz([top, read], limits);
    assert.equal(reading?.valid, true);
    assert.equal(reading?.lines[1], bottom);
  });

  it('reads UT0 as the state code UTO, where a digit is never legal', () => {
    const reading = parseMrz([top, bottom.replace('UTO', 'UT0')], limits);
    assert.equal(reading?.fields.nationality, 'UTO');
  });

  it('corrects a check digit read as a letter', () => {
    const reading = parseMrz([top, bottom.slice(0, 9) + 'G' + bottom.slice(10)], limits);
    assert.equal(reading?.lines[1], bottom);
  });

  it('leaves a confusable character alone when no substitution satisfies the check digit', () => {
    // 8 read as B, and the check digit misread as well: no single confusion explains it.
    const read = 'LB98902C34' + bottom.slice(10);
    const reading = parseMrz([top, read], limits);
    assert.equal(reading?.lines[1]?.slice(0, 10), 'LB98902C34');
    assert.deepEqual(
      reading?.checks.filter((c) => !c.valid).map((c) => c.field),
      ['documentNumber', 'composite'],
    );
  });

  it('does not guess between two substitutions that both satisfy the check digit', () => {
    const read = 'L898S0BC3';
    const flips = ['L8B8S0BC3', 'L898508C3', 'L898S08C3', 'LB98S0BC3'].filter((v) => mrzCheckDigit(v) === 5);
    assert.ok(flips.length >= 2, 'two single confusions both satisfy the check digit');
    // The true number is one of them, so the composite digit agrees with either choice.
    const [line1, line2] = buildTd3({ ...SAMPLE_MRZ_FIELDS, documentNumber: flips[0] });
    const result = correctMrz([line1, read + line2.slice(9)], MRZ_LAYOUTS.TD3, limits);
    assert.equal(result.lines[1]?.slice(0, 9), read);
    assert.equal(result.corrections, 0);
  });

  it('stops within its candidate cap on a line made only of confusable characters', () => {
    const line = 'OOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOO';
    const started = performance.now();
    const result = correctMrz([top, line], MRZ_LAYOUTS.TD3, { maxExtraSubstitutions: 4, maxCandidatesPerGroup: 500 });
    assert.equal(result.truncated, true);
    assert.ok(performance.now() - started < 1000);
  });
});
