import assert from 'node:assert/strict';
import sharp from 'sharp';
import { SelfieService } from '../../../src/diagnosis/selfie/selfieService';
import { loadSettings } from '../../../src/settings';
import { portrait, selfieCases, type SelfieCase } from '../../fixtures/faces/selfieVariants';

describe('selfie checks on real portraits and their labelled variants', function () {
  this.timeout(120_000);
  const settings = loadSettings();
  const service = new SelfieService({
    settings: settings.selfie,
    maxBytes: 15 * 1024 * 1024,
    maxPixels: settings.photo.maxInputPixels,
    heicConcurrency: 1,
  });
  let cases: SelfieCase[] = [];
  before(async () => {
    cases = await selfieCases();
    await service.warm();
  });
  after(() => service.close());

  it('passes every clean portrait on every check (no false alarm)', async () => {
    const clean = cases.filter((c) => !c.defect);
    assert.ok(clean.length >= 2);
    for (const selfie of clean) {
      const diagnosis = await service.diagnose(selfie.bytes);
      const alarms = diagnosis.checks.filter((c) => c.status === 'warn' || c.status === 'fail');
      assert.deepEqual(
        alarms.map((c) => `${c.id}: ${c.messageKey} (${String(c.measured)})`),
        [],
        selfie.name,
      );
      assert.equal(diagnosis.verdict, 'pass');
    }
  });

  it('catches every labelled defect with the check and message it is labelled with', async () => {
    const labelled = cases.filter((c) => c.defect);
    assert.ok(labelled.length >= 18);
    const missed: string[] = [];
    for (const selfie of labelled) {
      const diagnosis = await service.diagnose(selfie.bytes);
      const check = diagnosis.checks.find((c) => c.id === selfie.defect?.check);
      if (check?.status === 'pass' || check?.messageKey !== selfie.defect?.messageKey)
        missed.push(`${selfie.name}: ${check?.id ?? '?'} ${check?.status ?? '?'} ${check?.messageKey ?? '?'}`);
    }
    assert.deepEqual(missed, []);
  });

  it('returns a small preview JPEG re-encoded without EXIF, even from a photo that carried camera data', async () => {
    const withExif = await sharp(portrait('studio-portrait'))
      .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Serial-12345' } })
      .jpeg()
      .toBuffer();
    assert.ok((await sharp(withExif).metadata()).exif, 'the input carries EXIF');
    const { preview } = await service.diagnose(withExif);
    const metadata = await sharp(preview).metadata();
    assert.equal(metadata.format, 'jpeg');
    assert.equal(metadata.exif, undefined);
    assert.ok(Math.max(metadata.width ?? 0, metadata.height ?? 0) <= settings.selfie.previewLongSide);
  });
});
