import { strict as assert } from 'node:assert';
import sharp from 'sharp';
import { decodePhoto, type PhotoLimits } from '../../../src/diagnosis/photo/decodePhoto';
import { endsEarly } from '../../../src/diagnosis/photo/imageFormat';
import { PhotoInputError, type PhotoInputErrorCode } from '../../../src/diagnosis/photo/photoInputError';
import { loadSettings } from '../../../src/settings';
import {
  animatedGif,
  animatedWebp,
  pdfDocument,
  pngBomb,
  svgDocument,
  textNamedJpg,
  truncated,
} from '../../fixtures/badPhotoInputs';
import { syntheticHeic, syntheticPhoto } from '../../fixtures/syntheticDocument';
import { skipOrFail } from '../../support/optionalSuite';

const settings = loadSettings().photo;
const limits: PhotoLimits = {
  maxBytes: 15 * 1024 * 1024,
  maxPixels: settings.maxInputPixels,
  workingLongSide: settings.workingLongSide,
  heicConcurrency: 1,
  exifTags: [...settings.cameraMetadata.cameraTags, ...settings.cameraMetadata.captureTags],
};

async function refusal(bytes: Buffer, custom: PhotoLimits = limits): Promise<PhotoInputErrorCode> {
  try {
    await decodePhoto(bytes, custom);
  } catch (error) {
    assert.ok(error instanceof PhotoInputError, `expected PhotoInputError, got ${String(error)}`);
    return error.code;
  }
  assert.fail('the photo was accepted');
}

describe('decodePhoto', () => {
  let jpeg: Buffer;
  before(async () => {
    jpeg = await syntheticPhoto({ width: 1600 });
  });

  describe('refuses what is not a readable photo', () => {
    it('refuses zero bytes as empty', async () => {
      assert.equal(await refusal(Buffer.alloc(0)), 'empty');
    });

    it('refuses a body over the byte limit as too large, before decoding', async () => {
      assert.equal(await refusal(jpeg, { ...limits, maxBytes: jpeg.length - 1 }), 'too_large');
    });

    it('refuses a truncated JPEG as truncated', async () => {
      assert.equal(await refusal(truncated(jpeg)), 'truncated');
    });

    it('calls a cut-off upload truncated even when several decode at once', async () => {
      // libvips sometimes loses a concurrent decode's message ("Unknown error"); the file's own end tells.
      const cut = truncated(jpeg);
      const codes = await Promise.all(Array.from({ length: 24 }, () => refusal(cut)));
      assert.deepEqual([...new Set(codes)], ['truncated']);
      const png = await sharp(jpeg).png().toBuffer();
      assert.ok(endsEarly(truncated(png), 'png') && !endsEarly(png, 'png'));
      assert.ok(endsEarly(cut, 'jpeg') && !endsEarly(jpeg, 'jpeg'));
    });

    it('refuses a text file named .jpg as an unsupported type', async () => {
      assert.equal(await refusal(textNamedJpg()), 'unsupported_type');
    });

    it('refuses an SVG without rendering it', async () => {
      const started = performance.now();
      assert.equal(await refusal(svgDocument()), 'unsupported_type');
      assert.ok(performance.now() - started < 500, 'an SVG refusal must not wait for a renderer');
    });

    it('refuses a PDF as an unsupported type', async () => {
      assert.equal(await refusal(pdfDocument()), 'unsupported_type');
    });

    it('refuses an animated GIF as an unsupported type', async () => {
      assert.equal(await refusal(await animatedGif()), 'unsupported_type');
    });

    it('refuses an animated WebP as an unsupported type', async () => {
      assert.equal(await refusal(await animatedWebp()), 'unsupported_type');
    });

    it('refuses a 50000x50000 PNG bomb from its header as too many pixels', async () => {
      const bomb = pngBomb();
      assert.ok(bomb.length < 200_000, `the bomb itself is small (${bomb.length} bytes)`);
      assert.equal(await refusal(bomb), 'too_many_pixels');
    });

    it('gives each refusal the HTTP status the edge answers with', () => {
      assert.equal(new PhotoInputError('too_large', 'x').httpStatus, 413);
      assert.equal(new PhotoInputError('unsupported_type', 'x').httpStatus, 415);
      assert.equal(new PhotoInputError('truncated', 'x').httpStatus, 400);
      assert.equal(new PhotoInputError('empty', 'x').messageKey, 'input.empty');
    });
  });

  describe('decodes what phones send', () => {
    it('decodes a JPEG and keeps only camera tag names from EXIF', async () => {
      const photo = await decodePhoto(jpeg, limits);
      assert.equal(photo.format, 'jpeg');
      assert.deepEqual([photo.width, photo.height], [1600, 1200]);
      assert.ok(photo.working.width <= settings.workingLongSide);
      assert.ok(
        photo.exif.tags.includes('Make') && photo.exif.tags.includes('DateTimeOriginal'),
        photo.exif.tags.join(),
      );
    });

    it('applies the EXIF orientation before measuring', async () => {
      const rotated = await syntheticPhoto({ width: 1600, orientation: 6 });
      const stored = await sharp(rotated).metadata();
      assert.deepEqual([stored.width, stored.height, stored.orientation], [1200, 1600, 6]);
      const photo = await decodePhoto(rotated, limits);
      assert.deepEqual([photo.width, photo.height], [1600, 1200]);
      const workingHeight = Math.round((settings.workingLongSide * 1200) / 1600);
      assert.deepEqual([photo.working.width, photo.working.height], [settings.workingLongSide, workingHeight]);
      const text = await photo.greyCopy(settings.textLongSide);
      assert.deepEqual([text.width, text.height], [1600, 1200]);
    });

    it('decodes PNG and WebP by their bytes, and finds no camera EXIF in a screenshot-like PNG', async () => {
      const png = await decodePhoto(await syntheticPhoto({ width: 1600, format: 'png', cameraExif: false }), limits);
      assert.equal(png.format, 'png');
      assert.deepEqual(png.exif.tags, []);
      const webp = await decodePhoto(await syntheticPhoto({ width: 1600, format: 'webp' }), limits);
      assert.equal(webp.format, 'webp');
    });

    it('decodes a real HEVC HEIC (made by heif-enc) through the WASM decoder', async function () {
      const heic = syntheticHeic(await syntheticPhoto({ width: 1280 }));
      if (!heic) {
        skipOrFail(this, 'heif-enc not installed (apt-get install libheif-examples)');
      }
      assert.equal(heic.subarray(4, 12).toString('latin1'), 'ftypheic');
      const photo = await decodePhoto(heic, limits);
      assert.equal(photo.format, 'heic');
      assert.deepEqual([photo.width, photo.height], [1280, 960]);
      // Refused by the pixel limit inside the worker, before the frame is decoded.
      assert.equal(await refusal(heic, { ...limits, maxPixels: 1000 * 1000 }), 'too_many_pixels');
    });

    it('refuses a truncated HEIC without crashing the process', async function () {
      const heic = syntheticHeic(await syntheticPhoto({ width: 640, height: 480 }));
      if (!heic) this.skip();
      assert.ok(['corrupt', 'truncated'].includes(await refusal(truncated(heic, 0.4))));
    });
  });
});
