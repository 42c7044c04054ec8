import { strict as assert } from 'node:assert';
import { resolutionCheck } from '../../../src/diagnosis/photo/resolutionCheck';
import { loadSettings } from '../../../src/settings';

const minimum = loadSettings().photo.minimumResolution;

describe('resolutionCheck', () => {
  it('takes the minimum from policy.minimumResolution in the settings file', () => {
    assert.deepEqual(minimum, { width: 1200, height: 800 });
  });

  it('rejects a 800x600 photo with the resolution check', () => {
    const result = resolutionCheck(800, 600, minimum);
    assert.equal(result.status, 'fail');
    assert.equal(result.measured, '800x600');
    assert.equal(result.threshold, '1200x800');
  });

  it('accepts exactly 1200x800 and the same photo held upright (800x1200)', () => {
    assert.equal(resolutionCheck(1200, 800, minimum).status, 'pass');
    assert.equal(resolutionCheck(800, 1200, minimum).status, 'pass');
  });

  it('rejects a photo one pixel short on either side', () => {
    assert.equal(resolutionCheck(1199, 800, minimum).status, 'fail');
    assert.equal(resolutionCheck(799, 1200, minimum).status, 'fail');
  });
});
