import sharp from 'sharp';
import { readCameraExif, type CameraExif } from './cameraExif';
import { toGreyImage, type GreyImage } from './greyImage';
import { decodeHeic } from './heicDecoder';
import { endsEarly, sniffImageFormat, type ImageFormat } from './imageFormat';
import { PhotoInputError } from './photoInputError';

export interface PhotoLimits {
  maxBytes: number;
  maxPixels: number;
  /** Long side of the working copy. */
  workingLongSide: number;
  heicConcurrency: number;
  /** EXIF tags to look for (names only are kept). */
  exifTags: readonly string[];
}

/** 8-bit interleaved pixels. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

export interface DecodedPhoto {
  format: ImageFormat;
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  exif: CameraExif;
  /** sRGB copy no longer than `workingLongSide`, oriented; every check reads this. */
  working: RawImage;
  /** Working pixels per full-image pixel. */
  scale: number;
  /** A fresh pipeline over the full-resolution oriented image. */
  fullImage: () => sharp.Sharp;
  /**
   * A greyscale oriented copy no longer than `longSide`, decoded again with JPEG shrink-on-load:
   * what OCR reads, so the checks themselves need only the small working copy.
   */
  greyCopy: (longSide: number) => Promise<GreyImage>;
}

function greyCopyOf(fullImage: () => sharp.Sharp): (longSide: number) => Promise<GreyImage> {
  return (longSide) =>
    toGreyImage(
      fullImage()
        .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#808080' }),
    );
}

function inputError(error: unknown, bytes: Buffer, format: ImageFormat): PhotoInputError {
  if (error instanceof PhotoInputError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new PhotoInputError('too_many_pixels', message);
  const saysCut = /premature end|truncated|unexpected end|not enough data|read error|short read/i.test(message);
  if (saysCut || endsEarly(bytes, format)) return new PhotoInputError('truncated', message);
  return new PhotoInputError('corrupt', message);
}

async function orientedSize(
  bytes: Buffer,
  format: ImageFormat,
  maxPixels: number,
): Promise<{ width: number; height: number }> {
  const metadata = await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
  if ((metadata.pages ?? 1) > 1) throw new PhotoInputError('unsupported_type', `animated ${format}`);
  if (!metadata.width || !metadata.height) throw new PhotoInputError('corrupt', 'no image size');
  const swapped = (metadata.orientation ?? 1) >= 5;
  return swapped
    ? { width: metadata.height, height: metadata.width }
    : { width: metadata.width, height: metadata.height };
}

async function toWorking(image: sharp.Sharp, longSide: number): Promise<RawImage> {
  const { data, info } = await image
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#808080' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new PhotoInputError('corrupt', `unexpected ${info.channels} channels`);
  return { data, width: info.width, height: info.height, channels: 3 };
}

/**
 * Refuses what is not a photo we can read, then decodes once into a small oriented working copy.
 * The bytes stay in memory; nothing is written anywhere.
 */
export async function decodePhoto(bytes: Buffer, limits: PhotoLimits): Promise<DecodedPhoto> {
  if (bytes.length === 0) throw new PhotoInputError('empty', 'no bytes');
  if (bytes.length > limits.maxBytes) throw new PhotoInputError('too_large', `${bytes.length} bytes`);
  const format = sniffImageFormat(bytes);
  const exifPromise = readCameraExif(bytes, limits.exifTags);
  try {
    if (format === 'heic') {
      const rgba = await decodeHeic(bytes, limits.maxPixels, limits.heicConcurrency);
      const raw = { width: rgba.width, height: rgba.height, channels: 4 as const };
      const fullImage = (): sharp.Sharp => sharp(rgba.data, { raw, limitInputPixels: limits.maxPixels });
      const working = await toWorking(fullImage(), limits.workingLongSide);
      return {
        format,
        width: rgba.width,
        height: rgba.height,
        exif: await exifPromise,
        working,
        scale: working.width / rgba.width,
        fullImage,
        greyCopy: greyCopyOf(fullImage),
      };
    }
    const options: sharp.SharpOptions = { limitInputPixels: limits.maxPixels, failOn: 'truncated' };
    const fullImage = (): sharp.Sharp => sharp(bytes, options).autoOrient();
    // The header is read alongside the decode, not before it: the pixel limit guards both.
    const decoding = toWorking(fullImage(), limits.workingLongSide);
    decoding.catch(() => undefined);
    const size = await orientedSize(bytes, format, limits.maxPixels);
    const working = await decoding;
    return {
      format,
      ...size,
      exif: await exifPromise,
      working,
      scale: working.width / size.width,
      fullImage,
      greyCopy: greyCopyOf(fullImage),
    };
  } catch (error) {
    throw inputError(error, bytes, format);
  }
}
