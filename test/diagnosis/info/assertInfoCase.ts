import assert from 'node:assert/strict';
import { checkInfo } from '../../../src/diagnosis/info/infoCheck';
import type { InfoCheckResult } from '../../../src/diagnosis/info/infoFinding';
import { TODAY, type InfoCase } from './infoCases';

/** Runs one table row through the public entry point and checks every stated expectation. */
export function assertInfoCase(row: InfoCase): InfoCheckResult {
  const result = checkInfo(row.input, { today: TODAY, ...row.options });
  const summary = JSON.stringify(result.findings.map((f) => [f.field, f.rule, f.positions, f.suggestion ?? null]));
  assert.deepEqual(
    result.findings.map((finding) => finding.rule),
    row.expect.map((expected) => expected.rule),
    `rules differ; got ${summary}`,
  );
  assert.equal(result.match, row.expect.length === 0);
  row.expect.forEach((expected, i) => {
    const finding = result.findings[i];
    assert.ok(finding !== undefined);
    if (expected.field !== undefined) assert.equal(finding.field, expected.field, summary);
    if (expected.positions !== undefined)
      assert.deepEqual(finding.positions, expected.positions, `positions of ${expected.rule}; got ${summary}`);
    if (expected.suggestion === null)
      assert.equal(finding.suggestion, undefined, `no suggestion expected; got ${summary}`);
    else if (expected.suggestion !== undefined)
      assert.equal(finding.suggestion, expected.suggestion, `suggestion of ${expected.rule}; got ${summary}`);
    const length = Array.from(finding.entered).length;
    for (const position of finding.positions) {
      assert.ok(position >= 0 && position < Math.max(length, 1), `position ${position} outside "${finding.entered}"`);
    }
  });
  return result;
}
