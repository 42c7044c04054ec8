import { strict as assert } from 'node:assert';
import sharp from 'sharp';
import type { CheckId, CheckResult, CheckStatus } from '../../../src/diagnosis/photo/checkResult';
import { CHECK_IDS } from '../../../src/diagnosis/photo/checkResult';
import { diagnosePhoto, type PhotoDiagnosis, type TextChecks } from '../../../src/diagnosis/photo/diagnosePhoto';
import type { DocumentImage } from '../../../src/diagnosis/photo/documentImage';
import { loadSettings } from '../../../src/settings';
import {
  syntheticHeic,
  syntheticLayout,
  syntheticPhoto,
  type SyntheticPhotoOptions,
} from '../../fixtures/syntheticDocument';
import { skipOrFail } from '../../support/optionalSuite';

const settings = loadSettings().photo;
const deps = { settings, maxBytes: 15 * 1024 * 1024 };
const IMAGE_CHECKS = ['resolution', 'framing', 'blur', 'glare', 'exposure', 'camera_metadata'] as const;

function check(diagnosis: PhotoDiagnosis, id: CheckId): CheckResult {
  const found = diagnosis.checks.find((c) => c.id === id);
  assert.ok(found, `no ${id} result`);
  return found;
}

function statuses(diagnosis: PhotoDiagnosis): Record<string, CheckStatus> {
  return Object.fromEntries(IMAGE_CHECKS.map((id) => [id, check(diagnosis, id).status]));
}

function expectOnly(
  diagnosis: PhotoDiagnosis,
  expected: Partial<Record<(typeof IMAGE_CHECKS)[number], CheckStatus>>,
): void {
  const wanted = Object.fromEntries(IMAGE_CHECKS.map((id) => [id, expected[id] ?? 'pass']));
  assert.deepEqual(statuses(diagnosis), wanted);
}

const diagnosed = new Map<string, PhotoDiagnosis>();
async function diagnose(name: string, options: SyntheticPhotoOptions): Promise<PhotoDiagnosis> {
  const cached = diagnosed.get(name);
  if (cached) return cached;
  const result = await diagnosePhoto(await syntheticPhoto(options), deps);
  diagnosed.set(name, result);
  return result;
}

describe('diagnosePhoto', () => {
  it('passes every image check on a clean camera photo of a passport, and skips text checks without OCR', async () => {
    const diagnosis = await diagnose('clean', {});
    expectOnly(diagnosis, {});
    assert.equal(diagnosis.verdict, 'pass');
    assert.deepEqual(
      diagnosis.checks.map((c) => c.id),
      [...CHECK_IDS],
    );
    for (const id of ['legibility', 'mrz', 'expiry'] as const) assert.equal(check(diagnosis, id).status, 'skipped');
    assert.equal(check(diagnosis, 'resolution').measured, '2016x1512');
  });

  it('passes every image check on a clean camera photo of an ID card', async () => {
    expectOnly(await diagnose('idCard', { kind: 'idCard', seed: 2 }), {});
  });

  it('passes a clean 12 MP (4032x3024) photo', async () => {
    const diagnosis = await diagnose('big', { width: 4032, seed: 3 });
    expectOnly(diagnosis, {});
    assert.equal(check(diagnosis, 'resolution').measured, '4032x3024');
  });

  it('fails a blurred photo on blur only', async () => {
    const diagnosis = await diagnose('blur', { defects: ['blur'] });
    expectOnly(diagnosis, { blur: 'fail' });
    assert.equal(diagnosis.verdict, 'fail');
    assert.equal(check(diagnosis, 'blur').messageKey, 'blur.blurry');
  });

  it('fails a photo with camera shake in one direction on blur', async () => {
    expectOnly(await diagnose('motion', { defects: ['motionBlur'], kind: 'idCard' }), { blur: 'fail' });
  });

  it('fails a glare spot over the MRZ on glare and marks it where it is', async () => {
    const options: SyntheticPhotoOptions = { defects: ['glare'] };
    const diagnosis = await diagnose('glare', options);
    expectOnly(diagnosis, { glare: 'fail' });
    const glare = check(diagnosis, 'glare');
    assert.equal(glare.messageKey, 'glare.onText');
    const { document } = syntheticLayout(options);
    const spotX = document.left + document.width * 0.55;
    const spotY = document.top + document.height * 0.8;
    assert.ok(
      glare.regions?.some(
        (r) => r.left <= spotX && spotX <= r.left + r.width && r.top <= spotY && spotY <= r.top + r.height,
      ),
      `no region around the spot at ${spotX},${spotY}: ${JSON.stringify(glare.regions)}`,
    );
  });

  it('fails a dark photo on exposure and does not also call it blurry', async () => {
    const diagnosis = await diagnose('dark', { defects: ['dark'] });
    expectOnly(diagnosis, { exposure: 'fail', blur: 'skipped' });
    assert.equal(check(diagnosis, 'exposure').messageKey, 'exposure.tooDark');
  });

  it('fails an overexposed photo on exposure and does not also blame glare', async () => {
    const diagnosis = await diagnose('overexposed', { defects: ['overexposed'] });
    expectOnly(diagnosis, { exposure: 'fail', glare: 'skipped' });
    assert.equal(check(diagnosis, 'exposure').messageKey, 'exposure.overexposed');
  });

  it('fails a photo with a corner outside the frame on framing and marks the cut edge', async () => {
    const diagnosis = await diagnose('cropped', { defects: ['cropped'] });
    expectOnly(diagnosis, { framing: 'fail' });
    const framing = check(diagnosis, 'framing');
    assert.equal(framing.messageKey, 'framing.cutOff');
    assert.ok(
      framing.regions?.some((r) => r.left === 0 && r.height > 100),
      JSON.stringify(framing.regions),
    );
  });

  it('fails a document far away in the frame on framing', async () => {
    const diagnosis = await diagnose('small', { defects: ['small'] });
    expectOnly(diagnosis, { framing: 'fail' });
    assert.equal(check(diagnosis, 'framing').messageKey, 'framing.tooSmall');
  });

  it('reports a shrunk photo as low resolution, not also as blurry', async () => {
    const diagnosis = await diagnose('shrunk', { defects: ['shrunk'] });
    expectOnly(diagnosis, { resolution: 'fail', blur: 'skipped' });
    assert.equal(check(diagnosis, 'resolution').measured, '806x605');
    assert.equal(check(diagnosis, 'resolution').threshold, '1200x800');
  });

  it('fails a photo stripped of EXIF on camera_metadata only', async () => {
    expectOnly(await diagnose('stripped', { cameraExif: false }), { camera_metadata: 'fail' });
  });

  it('judges a PNG by its pixels like a JPEG (and a PNG without EXIF is not a camera original)', async () => {
    expectOnly(await diagnose('png', { format: 'png', cameraExif: false }), { camera_metadata: 'fail' });
  });

  it('judges a portrait-stored photo after its EXIF orientation', async () => {
    const diagnosis = await diagnose('rotated', { orientation: 8 });
    expectOnly(diagnosis, {});
    assert.equal(check(diagnosis, 'resolution').measured, '2016x1512');
  });

  it('diagnoses a real HEVC HEIC', async function () {
    const heic = syntheticHeic(await syntheticPhoto({ width: 1600 }));
    if (!heic) {
      skipOrFail(this, 'heif-enc not installed (apt-get install libheif-examples)');
    }
    const diagnosis = await diagnosePhoto(heic, deps);
    assert.equal(check(diagnosis, 'resolution').measured, '1600x1200');
    for (const id of ['framing', 'blur', 'glare', 'exposure'] as const)
      assert.equal(check(diagnosis, id).status, 'pass', id);
  });

  it('sends back a small JPEG preview without EXIF, outlining the glare', async () => {
    const diagnosis = await diagnose('glare', { defects: ['glare'] });
    const preview = await sharp(diagnosis.preview).metadata();
    assert.equal(preview.format, 'jpeg');
    assert.ok(Math.max(preview.width ?? 0, preview.height ?? 0) <= settings.previewLongSide);
    assert.equal(preview.exif, undefined);
    const clean = await diagnose('clean', {});
    // The red outline makes the red channel differ from green far more than on the clean photo.
    const redness = async (jpeg: Buffer): Promise<number> => {
      const { data } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
      let strong = 0;
      for (let i = 0; i < data.length; i += 3) if (data[i] - data[i + 1] > 120) strong++;
      return strong;
    };
    assert.ok((await redness(diagnosis.preview)) > 50 && (await redness(clean.preview)) === 0);
  });

  it('reports timings for each stage', async () => {
    const diagnosis = await diagnose('clean', {});
    for (const stage of ['decode', 'locate', 'measure', 'preview', 'total'])
      assert.equal(typeof diagnosis.timingsMs[stage], 'number', stage);
  });

  describe('with the text checks injected', () => {
    const received: DocumentImage[] = [];
    const fakeText =
      (legibility: CheckStatus): TextChecks =>
      async (image) => {
        received.push(image);
        return {
          checks: [
            { id: 'legibility', status: legibility, measured: 80, threshold: 60, messageKey: 'text.legibility.pass' },
            { id: 'mrz', status: 'pass', measured: 'TD3', threshold: null, messageKey: 'text.mrz.pass' },
            { id: 'expiry', status: 'fail', measured: -3, threshold: 0, messageKey: 'text.expiry.expired' },
          ],
          document: { type: 'passport', expired: true },
          regions: [
            {
              left: image.box.left,
              top: image.box.top + image.box.height * 0.8,
              width: image.box.width,
              height: image.box.height * 0.2,
            },
          ],
        };
      };

    it('hands the OCR a greyscale crop of the document about 1600 px wide and merges its results', async () => {
      received.length = 0;
      const options: SyntheticPhotoOptions = { width: 4032, seed: 4 };
      const diagnosis = await diagnosePhoto(await syntheticPhoto(options), { ...deps, textChecks: fakeText('pass') });
      const [image] = received;
      assert.ok(image);
      assert.equal(image.width, settings.documentImageWidth);
      assert.equal(image.data.length, image.width * image.height);
      const { document } = syntheticLayout(options);
      assert.ok(
        Math.abs(image.box.left - document.left) < 80 && Math.abs(image.box.width - document.width) < 160,
        JSON.stringify(image.box),
      );
      assert.equal(check(diagnosis, 'expiry').status, 'fail');
      assert.equal(diagnosis.verdict, 'fail');
      assert.deepEqual(diagnosis.document, { type: 'passport', expired: true });
      assert.ok(diagnosis.timingsMs.text !== undefined);
    });

    it('does not blame unreadable text separately when the photo is blurry', async () => {
      const diagnosis = await diagnosePhoto(await syntheticPhoto({ defects: ['blur'] }), {
        ...deps,
        textChecks: fakeText('fail'),
      });
      assert.equal(check(diagnosis, 'blur').status, 'fail');
      assert.equal(check(diagnosis, 'legibility').status, 'skipped');
      assert.equal(check(diagnosis, 'legibility').messageKey, 'skipped.imageProblem');
    });

    it('tells the text checks whether the photo already failed for blur', async () => {
      const told: boolean[] = [];
      const textChecks: TextChecks = async (image, wholePhoto, context) => {
        told.push(context.blurry);
        return fakeText('pass')(image, wholePhoto, context);
      };
      await diagnosePhoto(await syntheticPhoto({ defects: ['blur'] }), { ...deps, textChecks });
      await diagnosePhoto(await syntheticPhoto({}), { ...deps, textChecks });
      assert.deepEqual(told, [true, false]);
    });

    /** Text checks whose MRZ reading disagrees with a check digit, the band at `band` (fractions of the frame). */
    const failingMrz =
      (band: { left: number; top: number; width: number; height: number }): TextChecks =>
      async (_image, wholePhoto) => {
        const frame = (await wholePhoto()).box;
        const region = {
          left: frame.width * band.left,
          top: frame.height * band.top,
          width: frame.width * band.width,
          height: frame.height * band.height,
        };
        return {
          checks: [
            { id: 'legibility', status: 'pass', measured: 90, threshold: 50, messageKey: 'text.legibility.pass' },
            {
              id: 'mrz',
              status: 'fail',
              measured: 'TD3: documentNumber',
              threshold: null,
              messageKey: 'text.mrz.failed.documentNumber',
              regions: [region],
            },
            { id: 'expiry', status: 'pass', measured: 900, threshold: 90, messageKey: 'text.expiry.pass' },
          ],
          document: { type: 'passport' },
        };
      };
    const insideBand = { left: 0.2, top: 0.6, width: 0.6, height: 0.08 };

    it('only warns, saying it may be our reading, when a good photo has an MRZ digit we could not confirm', async () => {
      const diagnosis = await diagnosePhoto(await syntheticPhoto({ seed: 6 }), {
        ...deps,
        textChecks: failingMrz(insideBand),
      });
      assert.equal(check(diagnosis, 'mrz').status, 'warn');
      assert.equal(check(diagnosis, 'mrz').messageKey, 'text.mrz.unconfirmed');
      assert.equal(diagnosis.verdict, 'pass');
    });

    it('fails the MRZ as cut off when its band runs off the edge of the photo', async () => {
      const diagnosis = await diagnosePhoto(await syntheticPhoto({ seed: 6 }), {
        ...deps,
        textChecks: failingMrz({ left: 0, top: 0.9, width: 0.7, height: 0.1 }),
      });
      assert.equal(check(diagnosis, 'mrz').status, 'fail');
      assert.equal(check(diagnosis, 'mrz').messageKey, 'text.mrz.cutOff');
    });

    it('fails the MRZ as covered when glare lies on its band', async () => {
      const diagnosis = await diagnosePhoto(await syntheticPhoto({ seed: 6, defects: ['glare'] }), {
        ...deps,
        textChecks: failingMrz({ left: 0.15, top: 0.55, width: 0.7, height: 0.25 }),
      });
      assert.equal(check(diagnosis, 'glare').status, 'fail');
      assert.equal(check(diagnosis, 'mrz').status, 'fail');
      assert.equal(check(diagnosis, 'mrz').messageKey, 'text.mrz.covered');
    });

    it('leaves the blame to the blur check and only warns about the MRZ field it spoiled', async () => {
      const diagnosis = await diagnosePhoto(await syntheticPhoto({ seed: 6, defects: ['blur'] }), {
        ...deps,
        textChecks: failingMrz(insideBand),
      });
      assert.equal(check(diagnosis, 'blur').status, 'fail');
      assert.equal(check(diagnosis, 'mrz').status, 'warn');
      assert.equal(check(diagnosis, 'mrz').messageKey, 'text.mrz.failed.documentNumber');
    });

    it('keeps a legibility failure when no image check explains it', async () => {
      const diagnosis = await diagnosePhoto(await syntheticPhoto({ seed: 5 }), {
        ...deps,
        textChecks: fakeText('fail'),
      });
      assert.equal(check(diagnosis, 'legibility').status, 'fail');
    });
  });
});
