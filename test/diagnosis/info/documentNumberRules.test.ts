import { NUMBER_CASES } from './infoCases';
import { assertInfoCase } from './assertInfoCase';

describe('info check: the document-number rules', () => {
  for (const row of NUMBER_CASES) {
    it(row.behaviour, () => {
      assertInfoCase(row);
    });
  }
});
