import assert from 'node:assert/strict';
import { mrzCheckDigit } from '../../../src/diagnosis/mrz/checkDigit';

describe('mrzCheckDigit', () => {
  it('computes the ICAO 9303 specimen check digits', () => {
    assert.equal(mrzCheckDigit('L898902C3'), 6);
    assert.equal(mrzCheckDigit('740812'), 2);
    assert.equal(mrzCheckDigit('120415'), 9);
    assert.equal(mrzCheckDigit('ZE184226B<<<<<'), 1);
    assert.equal(mrzCheckDigit('L898902C36' + '7408122' + '1204159ZE184226B<<<<<1'), 0);
  });

  it('counts fillers as zero and letters as 10 to 35', () => {
    assert.equal(mrzCheckDigit('<<<<<<'), 0);
    assert.equal(mrzCheckDigit('A'), 0);
    assert.equal(mrzCheckDigit('Z'), 5);
    assert.equal(mrzCheckDigit('<Z'), (5 * 3) % 10);
  });

  it('refuses characters an MRZ cannot contain', () => {
    assert.equal(mrzCheckDigit('L89 902'), null);
    assert.equal(mrzCheckDigit('l898902'), null);
  });
});
