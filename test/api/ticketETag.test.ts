import assert from 'node:assert/strict';
import { parseIfMatch, ticketETag } from '../../src/api/ticketETag';

describe('ticket ETags', function () {
  it('reads If-Match strictly against "<version>" ETags', function () {
    assert.equal(ticketETag(7), '"7"');
    assert.deepEqual(parseIfMatch(undefined), { kind: 'missing' });
    assert.deepEqual(parseIfMatch('*'), { kind: 'any' });
    assert.deepEqual(parseIfMatch(' "7" '), { kind: 'version', version: 7 });
    for (const header of ['W/"7"', '7', '"7", "8"', '"0"', '"abc"', '"99999999999"']) {
      assert.deepEqual(parseIfMatch(header), { kind: 'unmatchable' }, header);
    }
  });
});
