import assert from 'node:assert/strict';
import { infoCheckInputOf, parseInfoRequest } from '../../../src/diagnosis/info/infoRequest';

describe('POST /api/diagnose/info body', () => {
  it('accepts the body shape of the issue and turns it into the check input', () => {
    const parsed = parseInfoRequest({
      entered: { name: 'Zhang San', dateOfBirth: '2000-4-8', documentNumber: 'E12345678' },
      document: { dateOfBirth: '08.04.2000' },
      documentType: 'passport',
      locale: 'zh-CN',
    });
    assert.ok(parsed.ok);
    assert.deepEqual(infoCheckInputOf(parsed.request), {
      entered: { name: 'Zhang San', dateOfBirth: '2000-4-8', documentNumber: 'E12345678' },
      document: { dateOfBirth: '08.04.2000' },
      documentType: 'passport',
    });
  });

  it('accepts invisible formatting marks so the check can report them', () => {
    assert.ok(parseInfoRequest({ entered: { name: '\u202eZhang\u200b San' } }).ok);
  });

  const rejected: [string, unknown, RegExp][] = [
    ['a missing body', undefined, /body/],
    ['a body that is not an object', 'name=Zhang', /body/],
    ['no entered values at all', { entered: {} }, /entered: give at least one/],
    ['only blank entered values', { entered: { name: '  ' } }, /entered: give at least one/],
    ['a value over 200 characters', { entered: { name: 'A'.repeat(201) } }, /entered\.name: must be at most 200/],
    [
      'a 10 kB value',
      { entered: { documentNumber: '9'.repeat(10_240) } },
      /entered\.documentNumber: must be at most 200/,
    ],
    ['a NUL character', { entered: { name: 'Zhang\u0000San' } }, /entered\.name: must not contain control characters/],
    [
      'a line break',
      { entered: { dateOfBirth: '2000-04-08\n' } },
      /entered\.dateOfBirth: must not contain control characters/,
    ],
    [
      'a control character in a document value',
      { entered: { name: 'a' }, document: { name: 'b\u0007' } },
      /document\.name: must not contain control/,
    ],
    ['a number instead of a string', { entered: { documentNumber: 123456 } }, /entered\.documentNumber/],
    ['a misspelt field', { entered: { dob: '2000-04-08' } }, /entered/],
    ['an unknown document type', { entered: { name: 'a' }, documentType: 'driving_licence' }, /documentType/],
    ['a locale that is not a language tag', { entered: { name: 'a' }, locale: '../../etc' }, /locale/],
  ];
  for (const [what, body, message] of rejected) {
    it(`rejects ${what} with a message naming the field`, () => {
      const parsed = parseInfoRequest(body);
      assert.ok(!parsed.ok);
      assert.match(parsed.message, message);
    });
  }

  it('never repeats the rejected value in its message', () => {
    const parsed = parseInfoRequest({
      entered: { name: `SECRET-NAME\u0000`, documentNumber: 'SECRET-NUMBER'.repeat(20) },
    });
    assert.ok(!parsed.ok);
    assert.doesNotMatch(parsed.message, /SECRET/);
  });
});
