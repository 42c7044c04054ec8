import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { checkInfo, type InfoCheckInput } from '../../../src/diagnosis/info/infoCheck';
import { INFO_RULE_IDS } from '../../../src/diagnosis/info/infoRuleIds';
import { TODAY } from './infoCases';

/** Small deterministic PRNG (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters that have tripped up text handling somewhere: controls, bidi and zero-width marks,
// combining accents, astral ideographs, full-width forms, look-alikes, MRZ fillers, dots.
const POOL = Array.from(
  'AZaz09XxOo1lI -/.·•・･．<<年月日\u0000\u0007\t\n\u00a0\u200b\u200d\u200e\u200f\u202a\u202e\u2066\ufeff\u0301\u0308éüßŁ𠮷👍🏽ＡＺ０９　АОо张三买提محمدשלום',
);

function randomValue(next: () => number): string {
  const length = Math.floor(next() * 40);
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += next() < 0.4 ? String(Math.floor(next() * 10)) : (POOL[Math.floor(next() * POOL.length)] ?? '');
  }
  return out;
}

describe('info check: random input', () => {
  const en: unknown = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', '..', 'locales', 'en', 'info.json'), 'utf8'),
  );
  const rules =
    typeof en === 'object' && en !== null && 'rules' in en && typeof en.rules === 'object' && en.rules !== null
      ? en.rules
      : {};

  it('never throws and keeps every finding well formed for 2000 random inputs', () => {
    const next = random(20261128);
    const types = [undefined, 'passport', 'id_card', 'cn_resident_id'] as const;
    for (let i = 0; i < 2000; i += 1) {
      const input: InfoCheckInput = {
        entered: { name: randomValue(next), dateOfBirth: randomValue(next), documentNumber: randomValue(next) },
        documentType: types[Math.floor(next() * types.length)],
      };
      if (next() < 0.5)
        input.document = { name: randomValue(next), dateOfBirth: randomValue(next), documentNumber: randomValue(next) };
      if (next() < 0.3)
        input.mrz = {
          surname: randomValue(next),
          documentNumber: randomValue(next),
          birthDate: randomValue(next),
          documentNumberCheckDigit: randomValue(next),
        };
      const result = checkInfo(input, { today: TODAY });
      assert.equal(result.match, result.findings.length === 0);
      for (const finding of result.findings) {
        const where = JSON.stringify({ input, rule: finding.rule });
        assert.ok(INFO_RULE_IDS.includes(finding.rule), where);
        const context = finding.messageParams.context;
        const key = `${finding.rule}${typeof context === 'string' && context !== '' ? `_${context}` : ''}`;
        assert.ok(key in rules, `no text for ${key}: ${where}`);
        const length = Array.from(finding.entered).length;
        for (const position of finding.positions)
          assert.ok(Number.isInteger(position) && position >= 0 && position < length, where);
      }
    }
  });

  it('checks 10 kB values in every field at once', () => {
    const huge = '年'.repeat(5_000) + 'x\u202e'.repeat(2_600);
    const result = checkInfo(
      {
        entered: { name: huge, dateOfBirth: huge, documentNumber: huge },
        document: { name: huge, dateOfBirth: huge, documentNumber: huge },
      },
      { today: TODAY },
    );
    const tooLong = result.findings
      .filter((finding) => finding.rule === 'value_too_long')
      .map((finding) => finding.field);
    assert.deepEqual(tooLong, ['name', 'dateOfBirth', 'documentNumber']);
  });

  it('ignores values of the wrong type from untyped callers instead of crashing', () => {
    // The HTTP schema stops this; the check itself still must not crash when plain JavaScript
    // hands it numbers, nulls or arrays.
    const entered: InfoCheckInput['entered'] = {};
    Object.assign(entered, JSON.parse('{"name":42,"dateOfBirth":null,"documentNumber":["E1"]}'));
    const document: InfoCheckInput['entered'] = {};
    Object.assign(document, JSON.parse('{"name":{}}'));
    assert.deepEqual(checkInfo({ entered, document }, { today: TODAY }), { match: true, findings: [] });
  });
});
