import exifr from 'exifr';
import { z } from 'zod';

/** Names of the camera tags found; values are left out on purpose (serials, times). */
export interface CameraExif {
  tags: string[];
}

const TagValues = z.record(z.string(), z.unknown());

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  return true;
}

/**
 * Reads only the named IFD0/EXIF tags (GPS is never parsed). An unreadable EXIF block counts
 * as none: a forwarded or edited copy often carries a damaged one.
 */
export async function readCameraExif(bytes: Buffer, tagNames: readonly string[]): Promise<CameraExif> {
  let parsed: unknown;
  try {
    parsed = await exifr.parse(bytes, {
      pick: [...tagNames],
      gps: false,
      interop: false,
      ifd1: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      makerNote: false,
      userComment: false,
    });
  } catch {
    return { tags: [] };
  }
  const values = TagValues.safeParse(parsed);
  if (!values.success) return { tags: [] };
  return { tags: tagNames.filter((name) => present(values.data[name])) };
}
