import assert from 'node:assert/strict';
import { DATE_CASES } from './infoCases';
import { assertInfoCase } from './assertInfoCase';

describe('info check: the date-of-birth rules', () => {
  for (const row of DATE_CASES) {
    it(row.behaviour, () => {
      assertInfoCase(row);
    });
  }

  it('asks about the printed date, offering both readings, when only the print reads two ways', () => {
    const [finding] = assertInfoCase({
      behaviour: '',
      input: { entered: { dateOfBirth: '2000-08-04' }, document: { dateOfBirth: '04/08/2000' } },
      expect: [{ rule: 'date_day_month_ambiguous', suggestion: null }],
    }).findings;
    assert.deepEqual(
      { context: finding?.messageParams.context, reference: finding?.messageParams.reference },
      { context: 'document', reference: '04/08/2000' },
    );
    assert.deepEqual([finding?.messageParams.optionA, finding?.messageParams.optionB].sort(), [
      '2000-04-08',
      '2000-08-04',
    ]);
  });

  it('asks about the typed value itself when it is the same two-way date as the print', () => {
    const [finding] = assertInfoCase({
      behaviour: '',
      input: { entered: { dateOfBirth: '04/08/2000' }, document: { dateOfBirth: '04/08/2000' } },
      expect: [{ rule: 'date_day_month_ambiguous', suggestion: null }],
    }).findings;
    assert.equal(finding?.messageParams.context, undefined);
  });
});
