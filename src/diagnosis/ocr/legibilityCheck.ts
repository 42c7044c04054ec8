import type { CheckResult } from '../photo/checkResult';
import type { OcrOutput } from './ocrJob';
import type { OcrSettings } from './ocrSettings';

/** MRZ lines are judged by the `mrz` check; `<` (or tesseract's `«`) never appears in printed fields. */
function isMrzLine(text: string): boolean {
  return /[<«]{2}/.test(text) || (/[<«]/.test(text) && text.replace(/\s/g, '').length >= 24);
}

/**
 * Mean tesseract confidence of the document's best-read words, MRZ lines excluded. Security
 * backgrounds and tiny labels yield "words" read at ~0 confidence even on a sharp photo, so
 * the measure takes the `sampleWords` best ones; a photo with fewer readable words counts the
 * missing ones as 0, which is exactly what blur and glare do to a document.
 */
export function legibilityCheck(output: OcrOutput, settings: OcrSettings['legibility']): CheckResult {
  const confidences = output.lines
    .filter((line) => !isMrzLine(line.text))
    .flatMap((line) => line.words)
    .filter((word) => word.text.replace(/[^\p{L}\p{N}]/gu, '').length >= settings.minWordLength)
    .map((word) => word.confidence)
    .sort((a, b) => b - a)
    .slice(0, settings.sampleWords);
  const threshold = settings.failBelow;
  if (confidences.length === 0) {
    return { id: 'legibility', status: 'fail', measured: 0, threshold, messageKey: 'text.legibility.noText' };
  }
  return legibilityResult(Math.round(confidences.reduce((sum, c) => sum + c, 0) / settings.sampleWords), settings);
}

/** The legibility check for a measured confidence; `atBest` caps the status (e.g. a number that does not validate). */
export function legibilityResult(
  confidence: number,
  settings: OcrSettings['legibility'],
  atBest: 'pass' | 'warn' = 'pass',
): CheckResult {
  const threshold = settings.failBelow;
  const measuredStatus = confidence < settings.failBelow ? 'fail' : confidence < settings.warnBelow ? 'warn' : 'pass';
  const status = measuredStatus === 'pass' ? atBest : measuredStatus;
  return {
    id: 'legibility',
    status,
    measured: confidence,
    threshold,
    messageKey: `text.legibility.${status}`,
    messageParams: { confidence, threshold },
  };
}

/** Legibility shown by the MRZ itself: every check digit agreeing does not happen on text that cannot be read. */
export function legibilityFromMrz(): CheckResult {
  return { id: 'legibility', status: 'pass', measured: null, threshold: null, messageKey: 'text.legibility.mrzRead' };
}
