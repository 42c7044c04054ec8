import { findDocument } from '../photo/documentLocator';
import type { GreyImage } from '../photo/greyImage';
import type { FaceModel } from './faceModel';
import type { DetectedFace, FaceMeasures } from './faceMeasures';
import { lumaOf, measureBackground, measureFaceSharpness, measureLighting, resampleCrop } from './facePixels';
import type { FaceAnalysisSettings } from './selfieSettings';

function shrink(image: GreyImage, longSide: number): GreyImage {
  const factor = Math.max(image.width, image.height) / longSide;
  const whole = { left: 0, top: 0, width: image.width, height: image.height };
  return factor > 1 ? resampleCrop(image, whole, Math.floor(image.width / factor)) : image;
}

function documentIn(grey: GreyImage, settings: FaceAnalysisSettings): FaceMeasures['document'] {
  const small = shrink(grey, settings.documentLocator.analysisLongSide);
  const found = findDocument(small, settings.documentLocator);
  if (!found.found) return null;
  const scale = grey.width / small.width;
  const box = found.box;
  return {
    box: { left: box.left * scale, top: box.top * scale, width: box.width * scale, height: box.height * scale },
    fillFraction: found.fillFraction,
    cutEdges: found.cutEdges.length,
  };
}

/** The faces that count: confident ones, not far smaller than the largest. Largest first. */
function facesThatCount(faces: DetectedFace[], settings: FaceAnalysisSettings): DetectedFace[] {
  const confident = faces.filter((face) => face.score >= settings.minFaceScore);
  const widest = Math.max(0, ...confident.map((face) => face.box.width));
  return confident
    .filter((face) => face.box.width >= settings.companionFaceFraction * widest)
    .sort((a, b) => b.box.width - a.box.width);
}

/** Runs in a face worker: the model, then the pixel measures around the main face. */
export async function analyseFace(
  model: FaceModel,
  rgb: Uint8Array,
  width: number,
  height: number,
  settings: FaceAnalysisSettings,
): Promise<FaceMeasures> {
  const faces = facesThatCount(await model.detect(rgb, width, height), settings);
  const grey = lumaOf(rgb, width, height);
  const measures: FaceMeasures = { width, height, faces, document: documentIn(grey, settings) };
  const [main] = faces;
  if (!main) return measures;
  return {
    ...measures,
    lighting: measureLighting(grey, main.box, settings.blownLevel),
    background: measureBackground(grey, main.box),
    sharpness: measureFaceSharpness(grey, main.box, settings.sharpnessWidth),
  };
}
