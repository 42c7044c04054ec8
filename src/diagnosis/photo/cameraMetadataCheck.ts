import type { CameraExif } from './cameraExif';
import type { CheckResult } from './checkResult';
import type { PhotoSettings } from './photoSettings';

/**
 * The KYC system rejects screenshots, scans and forwarded copies because they lack camera EXIF.
 * A camera original names its camera (Make/Model) and at least one capture setting.
 */
export function cameraMetadataCheck(exif: CameraExif, settings: PhotoSettings['cameraMetadata']): CheckResult {
  const hasCamera = settings.cameraTags.some((tag) => exif.tags.includes(tag));
  const hasCapture = settings.captureTags.some((tag) => exif.tags.includes(tag));
  const ok = hasCamera && hasCapture;
  return {
    id: 'camera_metadata',
    status: ok ? 'pass' : 'fail',
    measured: exif.tags.length,
    threshold: 2,
    messageKey: ok ? 'camera_metadata.ok' : 'camera_metadata.missing',
  };
}
