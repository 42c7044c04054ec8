import { NAME_CASES } from './infoCases';
import { assertInfoCase } from './assertInfoCase';

describe('info check: the name rules', () => {
  for (const row of NAME_CASES) {
    it(row.behaviour, () => {
      assertInfoCase(row);
    });
  }
});
