import { PhotoInputError } from './photoInputError';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'heic' | 'avif';

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

function startsWith(bytes: Buffer, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.subarray(start, end).toString('latin1');
}

/** ISO-BMFF: `ftyp` box, then major brand and compatible brands. AVIF also says `mif1`. */
function isoBrand(bytes: Buffer): ImageFormat | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
  const brands: string[] = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'heic';
  return undefined;
}

function describeRefused(bytes: Buffer): string {
  if (ascii(bytes, 0, 4) === 'GIF8') return 'GIF';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'PDF';
  const head = bytes.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<?xml') || head.includes('<svg')) return 'SVG';
  return 'unrecognised bytes';
}

/**
 * Decides the format from the bytes alone: the declared content type and file name are the
 * sender's claim, and SVG, PDF or GIF must never reach a decoder that would render them.
 */
export function sniffImageFormat(bytes: Buffer): ImageFormat {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  const iso = isoBrand(bytes);
  if (iso) return iso;
  throw new PhotoInputError('unsupported_type', describeRefused(bytes));
}

/** Trailing zero bytes some cameras and uploaders pad a file with. */
function withoutPadding(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  return bytes.subarray(0, end);
}

/**
 * Whether the file stops before its format's end: a JPEG without its end-of-image marker, a PNG
 * without its IEND chunk, a WebP shorter than its RIFF header says. For telling a cut-off upload
 * from a corrupt one when the decoder's message does not (libvips sometimes reports only
 * "Unknown error" when two images decode at once).
 */
export function endsEarly(bytes: Buffer, format: ImageFormat): boolean {
  const body = withoutPadding(bytes);
  switch (format) {
    case 'jpeg':
      return !(body.length >= 2 && body[body.length - 2] === 0xff && body[body.length - 1] === 0xd9);
    case 'png':
      return !ascii(body, Math.max(0, body.length - 12), body.length).includes('IEND');
    case 'webp':
      return bytes.length < 12 || bytes.readUInt32LE(4) + 8 > bytes.length;
    default:
      return false;
  }
}
