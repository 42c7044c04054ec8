import type { CheckResult } from '../photo/checkResult';
import { legibilityResult } from './legibilityCheck';
import type { OcrOutput } from './ocrJob';
import type { OcrSettings } from './ocrSettings';

const HAN = /\p{Script=Han}/u;

/** Tesseract's confidence in the line that carries the number, read by the English model. */
function numberLineConfidence(english: OcrOutput, number: string): number {
  const line = english.lines.find((candidate) => candidate.text.toUpperCase().replace(/\s/g, '').includes(number));
  return line?.confidence ?? 0;
}

/** Mean confidence of the best-read Chinese words; fewer than `sampleWords` count the missing ones as 0. */
function chineseConfidence(chinese: OcrOutput, sampleWords: number): number {
  const best = chinese.lines
    .flatMap((line) => line.words)
    .filter((word) => HAN.test(word.text))
    .map((word) => word.confidence)
    .sort((a, b) => b - a)
    .slice(0, sampleWords);
  return best.reduce((sum, c) => sum + c, 0) / sampleWords;
}

/**
 * Legibility of a Chinese resident ID front, whose text the English model cannot read: the
 * number line (digits, read by the English model) and the Chinese fields (read by `chi_sim`)
 * must both be readable, so the lower of the two counts. A number whose check character does
 * not agree was misread somewhere, so the photo is at best a warning.
 */
export function cnFrontLegibility(
  english: OcrOutput,
  chinese: OcrOutput,
  found: { number: string; valid: boolean },
  settings: OcrSettings['legibility'],
): CheckResult {
  const confidence = Math.round(
    Math.min(numberLineConfidence(english, found.number), chineseConfidence(chinese, settings.sampleWords)),
  );
  return legibilityResult(confidence, settings, found.valid ? 'pass' : 'warn');
}
