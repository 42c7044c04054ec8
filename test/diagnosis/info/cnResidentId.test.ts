import assert from 'node:assert/strict';
import {
  cnIdBirthDate,
  cnIdCheckCharacter,
  cnIdVerdicts,
  verifiedCnIdBirthDate,
} from '../../../src/diagnosis/info/cnResidentId';
import { CN_ID_1992_02_29, CN_ID_2000_04_08, CN_ID_2000_04_08_X } from './infoCases';

const placed = (value: string) => Array.from(value).map((char, position) => ({ char, position }));

describe('Chinese resident ID number (GB 11643, ISO 7064 MOD 11-2)', () => {
  const published: [string, string][] = [
    // The worked examples printed in GB 11643-1999 and widely quoted since.
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
  ];
  for (const [first17, check] of published) {
    it(`computes check character ${check} for the published example ${first17}`, () => {
      assert.equal(cnIdCheckCharacter(first17), check);
    });
  }

  it('computes the check characters the test tables rely on', () => {
    for (const id of [CN_ID_2000_04_08, CN_ID_2000_04_08_X, CN_ID_1992_02_29])
      assert.equal(cnIdCheckCharacter(id.slice(0, 17)), id[17], id);
  });

  it('refuses to compute a check character for anything but 17 digits', () => {
    for (const bad of ['', '1101052000040812', '110105200004081234', '1101052000O4O8123'])
      assert.equal(cnIdCheckCharacter(bad), undefined, bad);
  });

  it('catches every single wrong digit', () => {
    for (let i = 0; i < 17; i += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        if (String(digit) === CN_ID_2000_04_08[i]) continue;
        const typo = `${CN_ID_2000_04_08.slice(0, i)}${digit}${CN_ID_2000_04_08.slice(i + 1)}`;
        assert.deepEqual(
          cnIdVerdicts(placed(typo))
            .map((verdict) => verdict.rule)
            .includes('cn_id_check_character'),
          true,
          typo,
        );
      }
    }
  });

  it('reads the embedded birth date, leap days included', () => {
    assert.deepEqual(cnIdBirthDate(CN_ID_2000_04_08), { year: 2000, month: 4, day: 8 });
    assert.deepEqual(cnIdBirthDate(CN_ID_1992_02_29), { year: 1992, month: 2, day: 29 });
    assert.equal(cnIdBirthDate('110105199302290032'), undefined);
  });

  it('trusts the embedded birth date only when the check character is right', () => {
    assert.deepEqual(verifiedCnIdBirthDate(CN_ID_2000_04_08), { year: 2000, month: 4, day: 8 });
    assert.equal(verifiedCnIdBirthDate(`${CN_ID_2000_04_08.slice(0, 17)}9`), undefined);
  });

  it('has nothing to say about a correct number', () => {
    assert.deepEqual(cnIdVerdicts(placed(CN_ID_2000_04_08_X)), []);
  });
});
