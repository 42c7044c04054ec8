import type { DetectedFace, FaceMeasures } from './faceMeasures';
import type { SelfieCheckResult } from './selfieCheckResult';
import type { SelfieSettings } from './selfieSettings';

function inside(face: DetectedFace, box: { left: number; top: number; width: number; height: number }): boolean {
  const cx = face.box.left + face.box.width / 2;
  const cy = face.box.top + face.box.height / 2;
  return cx >= box.left && cx <= box.left + box.width && cy >= box.top && cy <= box.top + box.height;
}

/**
 * A card-shaped blob of ID proportions, not filling the frame, holding at most one small face:
 * the user sent a photo of their document where a selfie was asked for.
 */
export function looksLikeDocument(measures: FaceMeasures, settings: SelfieSettings['document']): boolean {
  const found = measures.document;
  if (!found || found.cutEdges > 1 || found.fillFraction > settings.maxFillFraction) return false;
  const aspect = Math.max(found.box.width, found.box.height) / Math.max(1, Math.min(found.box.width, found.box.height));
  if (aspect < settings.minAspect || aspect > settings.maxAspect) return false;
  if (measures.faces.length > 1) return false;
  const [face] = measures.faces;
  if (!face) return true;
  const documentWidth = Math.min(found.box.width, found.box.height);
  return inside(face, found.box) && face.box.width <= settings.maxFaceWidthFraction * documentWidth;
}

export function faceFoundCheck(measures: FaceMeasures, settings: SelfieSettings): SelfieCheckResult {
  const count = measures.faces.length;
  const base = { id: 'face_found' as const, measured: count, threshold: 1, messageParams: { count } };
  if (looksLikeDocument(measures, settings.document))
    return { ...base, status: 'fail', messageKey: 'face_found.document' };
  if (count === 0) return { ...base, status: 'fail', messageKey: 'face_found.none' };
  if (count > 1) return { ...base, status: 'fail', messageKey: 'face_found.several' };
  return { ...base, status: 'pass', messageKey: 'face_found.ok' };
}
