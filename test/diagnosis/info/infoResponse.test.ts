import assert from 'node:assert/strict';
import { checkInfo } from '../../../src/diagnosis/info/infoCheck';
import { toInfoResponse } from '../../../src/diagnosis/info/infoResponse';
import { TODAY } from './infoCases';

describe('info check: HTTP response shape', () => {
  it('renders each message and keeps field, rule, values, positions and suggestion', () => {
    const result = checkInfo(
      { entered: { dateOfBirth: '2000-4-8' }, document: { dateOfBirth: '08.04.2000' } },
      { today: TODAY },
    );
    const calls: string[] = [];
    const response = toInfoResponse(result, (key, params) => {
      calls.push(key);
      return `${key}|${String(params.suggestion)}`;
    });
    assert.deepEqual(response, {
      match: false,
      findings: [
        {
          field: 'dateOfBirth',
          rule: 'date_leading_zero',
          entered: '2000-4-8',
          document: '08.04.2000',
          positions: [5, 7],
          suggestion: '2000-04-08',
          message: 'rules.date_leading_zero|2000-04-08',
        },
      ],
    });
    assert.deepEqual(calls, ['rules.date_leading_zero']);
  });

  it('leaves out document and suggestion when the finding has none', () => {
    const response = toInfoResponse(
      checkInfo({ entered: { dateOfBirth: '08/04/2000' } }, { today: TODAY }),
      (key) => key,
    );
    const [finding] = response.findings;
    assert.ok(finding !== undefined);
    assert.equal('document' in finding, false);
    assert.equal('suggestion' in finding, false);
  });

  it('answers match with no findings when everything agrees', () => {
    const response = toInfoResponse(
      checkInfo({ entered: { name: 'Zhang San' }, document: { name: 'ZHANG SAN' } }, { today: TODAY }),
      (key) => key,
    );
    assert.deepEqual(response, { match: true, findings: [] });
  });
});
