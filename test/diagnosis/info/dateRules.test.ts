import { DATE_CASES } from './infoCases';
import { assertInfoCase } from './assertInfoCase';

describe('info check: the date-of-birth rules', () => {
  for (const row of DATE_CASES) {
    it(row.behaviour, () => {
      assertInfoCase(row);
    });
  }
});
