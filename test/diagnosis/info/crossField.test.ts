import { CROSS_FIELD_CASES } from './infoCases';
import { assertInfoCase } from './assertInfoCase';

describe('info check: checks across fields', () => {
  for (const row of CROSS_FIELD_CASES) {
    it(row.behaviour, () => {
      assertInfoCase(row);
    });
  }
});
