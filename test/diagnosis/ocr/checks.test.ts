import assert from 'node:assert/strict';
import { expiryCheck, findPrintedExpiry } from '../../../src/diagnosis/ocr/expiryCheck';
import { legibilityCheck } from '../../../src/diagnosis/ocr/legibilityCheck';
import type { OcrLine, OcrOutput } from '../../../src/diagnosis/ocr/ocrJob';
import { maskDocumentNumber } from '../../../src/diagnosis/documentNumberMask';
import { findPrintedDates, toIsoDate } from '../../../src/diagnosis/ocr/printedDates';
import { mrzCheck } from '../../../src/diagnosis/mrz/mrzCheck';
import { parseMrz } from '../../../src/diagnosis/mrz/mrzParser';
import { buildTd3, ICAO_TD3_SPECIMEN, SAMPLE_MRZ_FIELDS } from '../../fixtures/mrzLines';

const limits = { maxExtraSubstitutions: 1, maxCandidatesPerGroup: 2000 };
const legibility = { ocrWidth: 1400, minWordLength: 3, sampleWords: 4, failBelow: 50, warnBelow: 65 };
const box = { left: 0, top: 0, width: 10, height: 10 };

function line(text: string, confidence: number): OcrLine {
  return { text, confidence, box, words: text.split(' ').map((word) => ({ text: word, confidence, box })) };
}

function page(lines: OcrLine[]): OcrOutput {
  return { text: lines.map((l) => l.text).join('\n'), confidence: 0, lines };
}

describe('legibility check', () => {
  it('passes clearly read printed text', () => {
    const result = legibilityCheck(
      page([line('Surname ERIKSSON', 92), line('Given names ANNA MARIA', 90)]),
      legibility,
    );
    assert.equal(result.status, 'pass');
    assert.equal(result.measured, 91);
  });

  it('judges the best-read words, so a security background read as noise does not sink a sharp photo', () => {
    const result = legibilityCheck(
      page([line('Surname ERIKSSON Given names', 92), line('Dreedian Nalkeali radwis pssann Vudeens', 0)]),
      legibility,
    );
    assert.equal(result.measured, 92);
  });

  it('counts missing words as unreadable when too few words are read', () => {
    const result = legibilityCheck(page([line('Surname ERIKSSON', 90)]), legibility);
    assert.equal(result.measured, 45);
    assert.equal(result.status, 'fail');
  });

  it('fails text tesseract is unsure of, and warns in between', () => {
    assert.equal(legibilityCheck(page([line('Surname ERIKSSON Given names', 40)]), legibility).status, 'fail');
    assert.equal(legibilityCheck(page([line('Surname ERIKSSON Given names', 60)]), legibility).status, 'warn');
  });

  it('leaves the MRZ and one- or two-letter noise out of the measure', () => {
    const result = legibilityCheck(
      page([
        line('Surname ERIKSSON Given names', 90),
        line('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<', 10),
        line('a 1 Il', 5),
      ]),
      legibility,
    );
    assert.equal(result.measured, 90);
  });

  it('fails a photo with no readable text at all', () => {
    const result = legibilityCheck(page([]), legibility);
    assert.equal(result.status, 'fail');
    assert.equal(result.messageKey, 'text.legibility.noText');
  });
});

describe('mrz check', () => {
  it('passes an MRZ whose check digits all agree', () => {
    const result = mrzCheck(parseMrz(buildTd3(SAMPLE_MRZ_FIELDS), limits), box, '');
    assert.equal(result.status, 'pass');
    assert.equal(result.messageKey, 'text.mrz.pass');
  });

  it('fails naming the expiry date when its check digit disagrees, and marks the band', () => {
    const [top, bottom] = ICAO_TD3_SPECIMEN;
    const result = mrzCheck(parseMrz([top, bottom.replace('1204159', '1204169')], limits), box, '');
    assert.equal(result.status, 'fail');
    assert.equal(result.messageKey, 'text.mrz.failed.expiryDate');
    assert.equal(result.measured, 'TD3: expiryDate, composite');
    assert.deepEqual(result.regions, [box]);
  });

  it('warns when a passport shows no MRZ, and skips documents that may have none', () => {
    assert.equal(mrzCheck(null, null, 'REPUBLIC OF UTOPIA\nPASSPORT').status, 'warn');
    assert.equal(mrzCheck(null, null, '中华人民共和国 居民身份证').status, 'skipped');
  });
});

describe('expiry check', () => {
  const settings = { warnWithinDays: 90 };
  const reading = parseMrz(ICAO_TD3_SPECIMEN, limits);

  it('fails a document whose MRZ expiry is before today', () => {
    const result = expiryCheck(reading, [], new Date('2012-04-16T08:00:00Z'), settings);
    assert.equal(result.check.status, 'fail');
    assert.equal(result.check.measured, -1);
    assert.equal(result.expiryDate, '2012-04-15');
    assert.equal(result.expired, true);
  });

  it('warns within the configured window and passes beyond it', () => {
    assert.equal(expiryCheck(reading, [], new Date('2012-04-15T23:00:00Z'), settings).check.status, 'warn');
    assert.equal(expiryCheck(reading, [], new Date('2012-01-17T00:00:00Z'), settings).check.status, 'warn');
    assert.equal(expiryCheck(reading, [], new Date('2012-01-15T00:00:00Z'), settings).check.status, 'pass');
  });

  it('falls back to the printed expiry when the MRZ expiry digit disagrees', () => {
    const [top, bottom] = ICAO_TD3_SPECIMEN;
    const broken = parseMrz([top, bottom.replace('1204159', '1204169')], limits);
    const result = expiryCheck(
      broken,
      ['Date of expiry', '15 APR/AVR 2030'],
      new Date('2026-11-28T00:00:00Z'),
      settings,
    );
    assert.equal(result.expiryDate, '2030-04-15');
    assert.equal(result.check.status, 'pass');
  });

  it('is skipped when no expiry can be found', () => {
    const result = expiryCheck(null, ['Surname ERIKSSON'], new Date('2026-11-28T00:00:00Z'), settings);
    assert.equal(result.check.status, 'skipped');
    assert.equal(result.expiryDate, undefined);
  });
});

describe('printed dates', () => {
  it('reads the usual printed forms and rejects impossible dates', () => {
    const dates = findPrintedDates('12 AUG 1974  15.04.2034  2020-02-29  31/02/2020  2035年1月1日');
    assert.deepEqual(dates.map(toIsoDate).sort(), ['1974-08-12', '2020-02-29', '2034-04-15', '2035-01-01']);
  });

  it('takes the end of a validity range as the expiry of a Chinese ID card', () => {
    assert.deepEqual(findPrintedExpiry(['2015.01.01-2035.01.01']), { year: 2035, month: 1, day: 1 });
  });

  it('does not take a lone date of birth for an expiry', () => {
    assert.equal(findPrintedExpiry(['Date of birth 12 AUG 1974']), null);
  });
});

describe('document number masking', () => {
  it('keeps only the last four characters', () => {
    assert.equal(maskDocumentNumber('L898902C3'), '*****02C3');
    assert.equal(maskDocumentNumber('AB12'), 'AB12');
  });
});
