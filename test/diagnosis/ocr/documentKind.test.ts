import assert from 'node:assert/strict';
import { documentAcceptance, documentKind, findCnResidentIdNumber } from '../../../src/diagnosis/ocr/documentKind';
import { parseMrz } from '../../../src/diagnosis/mrz/mrzParser';
import { loadSettings } from '../../../src/settings';
import { buildMrvA, buildTd1, buildTd3, SAMPLE_MRZ_FIELDS } from '../../fixtures/mrzLines';
import { SYNTHETIC_CN_ID_NUMBER } from '../../fixtures/syntheticDocument';

const limits = { maxExtraSubstitutions: 1, maxCandidatesPerGroup: 2000 };
const policy = loadSettings().ocr.documents;
const ID = { ...SAMPLE_MRZ_FIELDS, documentNumber: 'D23145890', optionalData: '' };

function kindOf(lines: readonly string[], printed = ''): ReturnType<typeof documentKind> {
  return documentKind(parseMrz(lines, limits), printed);
}

describe('document kind', () => {
  it('takes passports, ID cards and visas from the MRZ document code, with the issuer', () => {
    assert.deepEqual(kindOf(buildTd3(SAMPLE_MRZ_FIELDS)), { type: 'passport', issuer: 'UTO', temporary: false });
    assert.equal(kindOf(buildTd1({ ...ID, documentCode: 'ID' })).type, 'id_card');
    assert.equal(kindOf(buildMrvA({ ...SAMPLE_MRZ_FIELDS, documentCode: 'V', optionalData: '' })).type, 'visa');
  });

  it('takes a three-line TD1 zone for a card even when its document code was misread', () => {
    const [top, middle, bottom] = buildTd1({ ...ID, documentCode: 'ID' });
    assert.equal(kindOf([`L${top.slice(1)}`, middle, bottom]).type, 'id_card');
  });

  it('tells a residence permit by its code or its title', () => {
    assert.equal(kindOf(buildTd1({ ...ID, documentCode: 'IR' })).type, 'residence_permit');
    assert.equal(kindOf(buildTd1({ ...ID, documentCode: 'C1' }), 'PERMANENT RESIDENT CARD').type, 'residence_permit');
  });

  it("gives Germany's one-letter code as DEU, and a misread issuer as the passport holder's nationality", () => {
    assert.equal(kindOf(buildTd3({ ...SAMPLE_MRZ_FIELDS, issuingState: 'D', nationality: 'D' })).issuer, 'DEU');
    const [top, bottom] = buildTd3(SAMPLE_MRZ_FIELDS);
    const misread = [top.replace('P<UTO', 'P<KUT'), bottom];
    assert.equal(kindOf(misread).issuer, 'UTO');
  });

  it('finds a Chinese resident ID number on the front, split or not, only with its MOD 11-2 character right', () => {
    const spaced = `${SYNTHETIC_CN_ID_NUMBER.slice(0, 6)} ${SYNTHETIC_CN_ID_NUMBER.slice(6, 14)} ${SYNTHETIC_CN_ID_NUMBER.slice(14)}`;
    assert.equal(findCnResidentIdNumber(`Citizen ID ${spaced}`), SYNTHETIC_CN_ID_NUMBER);
    assert.deepEqual(documentKind(null, SYNTHETIC_CN_ID_NUMBER), {
      type: 'cn_resident_id',
      issuer: 'CHN',
      temporary: false,
    });
    const wrong = SYNTHETIC_CN_ID_NUMBER.slice(0, 17) + (SYNTHETIC_CN_ID_NUMBER[17] === '1' ? '2' : '1');
    assert.equal(documentKind(null, wrong).type, 'unknown');
  });

  it('refuses visas and temporary ID cards by the configured policy, not a temporary residence permit', () => {
    const visa = kindOf(buildMrvA({ ...SAMPLE_MRZ_FIELDS, documentCode: 'V', optionalData: '' }));
    assert.deepEqual(documentAcceptance(visa, policy), { accepted: false, reason: 'visa' });
    const temporaryId = kindOf(buildTd1({ ...ID, documentCode: 'ID' }), 'TEMPORARY IDENTITY CARD');
    assert.deepEqual(documentAcceptance(temporaryId, policy), { accepted: false, reason: 'temporary' });
    const permit = kindOf(buildTd1({ ...ID, documentCode: 'IR' }), 'TEMPORARY RESIDENCE PERMIT');
    assert.deepEqual(documentAcceptance(permit, policy), { accepted: true });
    assert.deepEqual(documentAcceptance(kindOf(buildTd3(SAMPLE_MRZ_FIELDS)), policy), { accepted: true });
  });
});
