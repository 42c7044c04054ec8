import assert from 'node:assert/strict';
import { mrzCheckDigit, mrzNumberField } from '../../../src/diagnosis/info/mrzCheckDigit';

describe('MRZ check digit (ICAO 9303, weights 7-3-1)', () => {
  const specimens: [string, string][] = [
    // ICAO 9303 specimen documents: TD3 passport number and birth date, TD1 card number.
    ['L898902C3', '6'],
    ['740812', '2'],
    ['D23145890', '7'],
    ['<<<<<<<<<', '0'],
  ];
  for (const [field, digit] of specimens) {
    it(`gives ${digit} for ${field}`, () => {
      assert.equal(mrzCheckDigit(field), digit);
    });
  }

  it('gives no digit for characters the MRZ cannot hold', () => {
    assert.equal(mrzCheckDigit('l898902c3'), undefined);
    assert.equal(mrzCheckDigit('E1234 567'), undefined);
  });

  it('pads short numbers to the nine-character field and cuts long ones', () => {
    assert.equal(mrzNumberField('D2314589'), 'D2314589<');
    assert.equal(mrzNumberField('AB1234567890'), 'AB1234567');
  });
});
