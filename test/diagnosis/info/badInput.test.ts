import { BAD_INPUT_CASES } from './infoCases';
import { assertInfoCase } from './assertInfoCase';

describe('info check: bad input', () => {
  for (const row of BAD_INPUT_CASES) {
    it(row.behaviour, () => {
      assertInfoCase(row);
    });
  }
});
