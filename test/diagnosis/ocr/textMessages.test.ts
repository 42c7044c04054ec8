import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { CheckResult } from '../../../src/diagnosis/photo/checkResult';
import { expiryCheck } from '../../../src/diagnosis/ocr/expiryCheck';
import { legibilityCheck, legibilityFromMrz } from '../../../src/diagnosis/ocr/legibilityCheck';
import type { OcrOutput } from '../../../src/diagnosis/ocr/ocrJob';
import { mrzCheck } from '../../../src/diagnosis/mrz/mrzCheck';
import { parseMrz } from '../../../src/diagnosis/mrz/mrzParser';
import { ICAO_TD3_SPECIMEN } from '../../fixtures/mrzLines';

const limits = { maxExtraSubstitutions: 1, maxCandidatesPerGroup: 2000 };
const box = { left: 0, top: 0, width: 1, height: 1 };
const [top, bottom] = ICAO_TD3_SPECIMEN;

function withConfidence(confidence: number): OcrOutput {
  const words = ['Surname', 'ERIKSSON', 'Given', 'names'].map((text) => ({ text, confidence, box }));
  return { text: '', confidence, lines: [{ text: words.map((w) => w.text).join(' '), confidence, box, words }] };
}

/** Every result the text checks can produce: each status and each failing MRZ field. */
function everyResult(): CheckResult[] {
  const legibility = { ocrWidth: 1400, minWordLength: 3, sampleWords: 4, failBelow: 50, warnBelow: 65 };
  const broken = (from: number, to: number, c: string): string[] => [top, bottom.slice(0, from) + c + bottom.slice(to)];
  const readings = [
    parseMrz(ICAO_TD3_SPECIMEN, limits),
    parseMrz(broken(3, 4, '4'), limits),
    parseMrz(broken(15, 16, '9'), limits),
    parseMrz(broken(24, 25, '3'), limits),
    parseMrz(broken(31, 32, '3'), limits),
    parseMrz(broken(43, 44, '3'), limits),
  ];
  const expiry = (now: string) => expiryCheck(readings[0] ?? null, [], new Date(now), { warnWithinDays: 90 }).check;
  return [
    ...[95, 60, 20].map((c) => legibilityCheck(withConfidence(c), legibility)),
    legibilityCheck({ text: '', confidence: 0, lines: [] }, legibility),
    legibilityFromMrz(),
    ...readings.map((r) => mrzCheck(r, box, '')),
    mrzCheck(null, null, 'PASSPORT'),
    mrzCheck(null, null, ''),
    expiry('2010-01-01'),
    expiry('2012-03-01'),
    expiry('2013-01-01'),
    expiryCheck(null, [], new Date(), { warnWithinDays: 90 }).check,
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (isRecord(node) ? node[part] : undefined), tree);
}

describe('text check messages', () => {
  const results = everyResult();

  it('covers every failing MRZ field', () => {
    const failed = results.filter((r) => r.messageKey.startsWith('text.mrz.failed.')).map((r) => r.messageKey);
    assert.deepEqual(
      new Set(failed),
      new Set(
        ['documentNumber', 'birthDate', 'expiryDate', 'optionalData', 'composite'].map((f) => `text.mrz.failed.${f}`),
      ),
    );
  });

  for (const locale of ['en', 'zh-CN']) {
    it(`has every key in ${locale}, using only the parameters the check passes`, () => {
      const messages: unknown = JSON.parse(
        fs.readFileSync(path.resolve(__dirname, `../../../locales/${locale}/photo.json`), 'utf8'),
      );
      for (const result of results) {
        const text = lookup(messages, result.messageKey);
        assert.equal(typeof text, 'string', `${locale}: ${result.messageKey}`);
        for (const [, name] of String(text).matchAll(/\{\{(\w+)\}\}/g)) {
          assert.ok(
            result.messageParams && name in result.messageParams,
            `${locale}: ${result.messageKey} uses {{${name}}}`,
          );
        }
      }
    });
  }
});
