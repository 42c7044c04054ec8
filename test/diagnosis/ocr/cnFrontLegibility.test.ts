import assert from 'node:assert/strict';
import { cnFrontLegibility } from '../../../src/diagnosis/ocr/cnFrontLegibility';
import type { OcrLine, OcrOutput } from '../../../src/diagnosis/ocr/ocrJob';

const legibility = { ocrWidth: 1200, minWordLength: 3, sampleWords: 4, failBelow: 50, warnBelow: 65 };
const box = { left: 0, top: 0, width: 10, height: 10 };
const NUMBER = '11010519800101123X';

function line(text: string, confidence: number): OcrLine {
  return { text, confidence, box, words: text.split(' ').map((word) => ({ text: word, confidence, box })) };
}

function page(lines: OcrLine[]): OcrOutput {
  return { text: lines.map((l) => l.text).join('\n'), confidence: 0, lines };
}

const english = (confidence: number): OcrOutput =>
  page([line('xx ~ 1l', 20), line(`1101 0519 8001 0112 3X`, confidence)]);
const chinese = (confidence: number): OcrOutput => page([line('姓名 王小明 住址 北京市', confidence), line('abc', 99)]);

describe('legibility of a Chinese resident ID front', () => {
  it('passes when the number line and the Chinese fields both read well', () => {
    const result = cnFrontLegibility(english(92), chinese(85), { number: NUMBER, valid: true }, legibility);
    assert.equal(result.status, 'pass');
    assert.equal(result.measured, 85);
  });

  it('is judged by the worse of the two: unreadable Chinese fails even with the digits read', () => {
    const result = cnFrontLegibility(english(95), chinese(30), { number: NUMBER, valid: true }, legibility);
    assert.equal(result.status, 'fail');
  });

  it('counts Chinese words only, so Latin noise read by chi_sim does not lift it', () => {
    const noHan = page([line('abc def ghi jkl', 99)]);
    assert.equal(cnFrontLegibility(english(95), noHan, { number: NUMBER, valid: true }, legibility).status, 'fail');
  });

  it('warns at best when the check character disagrees', () => {
    const result = cnFrontLegibility(english(95), chinese(90), { number: NUMBER, valid: false }, legibility);
    assert.equal(result.status, 'warn');
  });
});
