import { decodePhoto } from '../photo/decodePhoto';
import { backgroundCheck } from './backgroundCheck';
import { faceFoundCheck } from './faceFoundCheck';
import type { FaceMeasures } from './faceMeasures';
import { faceSizeCheck } from './faceSizeCheck';
import { lightingCheck } from './lightingCheck';
import { poseCheck } from './poseCheck';
import {
  SELFIE_CHECK_IDS,
  SELFIE_CONFIRM_IDS,
  skippedSelfieCheck,
  type SelfieCheckId,
  type SelfieCheckResult,
} from './selfieCheckResult';
import { selfiePreview } from './selfiePreview';
import type { SelfieSettings } from './selfieSettings';
import { sharpnessCheck } from './sharpnessCheck';

export interface SelfieDiagnosis {
  verdict: 'pass' | 'fail';
  /** In SELFIE_CHECK_IDS order, every id exactly once. */
  checks: SelfieCheckResult[];
  /** What the user is asked to confirm themselves (glasses, hat or mask, make-up, coloured contacts). */
  confirm: readonly string[];
  timingsMs: Record<string, number>;
  /** Small JPEG without EXIF: face box, bright and dark sides. */
  preview: Buffer;
}

export interface SelfieDiagnosisDeps {
  settings: SelfieSettings;
  maxBytes: number;
  maxPixels: number;
  heicConcurrency: number;
  /** The face model and pixel measures, in a worker thread. */
  measure: (rgb: Uint8Array, width: number, height: number) => Promise<FaceMeasures>;
}

/** Each check given the measures; the face checks wait for exactly one face. */
export function judgeSelfie(measures: FaceMeasures, settings: SelfieSettings): SelfieCheckResult[] {
  const results = new Map<SelfieCheckId, SelfieCheckResult>();
  const found = faceFoundCheck(measures, settings);
  results.set('face_found', found);
  const [face] = measures.faces;
  if (found.status === 'pass' && face) {
    results.set('face_size', faceSizeCheck(face, measures.width, measures.height, settings.faceSize));
    if (measures.lighting) results.set('lighting', lightingCheck(measures.lighting, settings.lighting));
    if (measures.background) results.set('background', backgroundCheck(measures.background, settings.background));
    if (measures.sharpness !== undefined)
      results.set('sharpness', sharpnessCheck(measures.sharpness, settings.sharpness));
    results.set('pose', poseCheck(face, settings.pose));
  }
  return SELFIE_CHECK_IDS.map((id) => results.get(id) ?? skippedSelfieCheck(id, 'skipped.noFace'));
}

/**
 * Decodes the selfie in memory into a small oriented copy (the live check films at about that
 * size), measures it in a face worker and judges every check. Nothing is written anywhere and
 * nothing identifying the face (no embedding, no template) is computed.
 */
export async function diagnoseSelfie(bytes: Buffer, deps: SelfieDiagnosisDeps): Promise<SelfieDiagnosis> {
  const { settings } = deps;
  const started = performance.now();
  const photo = await decodePhoto(bytes, {
    maxBytes: deps.maxBytes,
    maxPixels: deps.maxPixels,
    workingLongSide: settings.workingLongSide,
    heicConcurrency: deps.heicConcurrency,
    exifTags: [],
  });
  const decoded = performance.now();
  const { working } = photo;
  const measures = await deps.measure(working.data, working.width, working.height);
  const measured = performance.now();
  const checks = judgeSelfie(measures, settings);
  const lighting = checks.find((check) => check.id === 'lighting');
  const preview = await selfiePreview(
    working,
    {
      faces: measures.faces,
      brightSide: lighting?.messageKey.startsWith('lighting.side') ? measures.lighting?.brightSide : undefined,
      ok: checks[0]?.status === 'pass',
    },
    settings.previewLongSide,
  );
  const done = performance.now();
  return {
    verdict: checks.some((check) => check.status === 'fail') ? 'fail' : 'pass',
    checks,
    confirm: SELFIE_CONFIRM_IDS,
    timingsMs: {
      decode: Math.round(decoded - started),
      face: Math.round(measured - decoded),
      preview: Math.round(done - measured),
      total: Math.round(done - started),
    },
    preview,
  };
}
