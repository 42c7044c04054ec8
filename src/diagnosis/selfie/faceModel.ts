import path, { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config, FaceResult, Human as HumanInstance, Point } from '@vladmandic/human';
import type { FaceAnalysisSettings } from './selfieSettings';
import type { DetectedFace } from './faceMeasures';
import { registerModelFileLoader } from './modelFileLoader';

/** The package's `exports` has no subpath for the WASM build, so it is loaded by its path next to the main file. */
const HUMAN_DIST = dirname(require.resolve('@vladmandic/human'));
const MODELS_DIR = join(HUMAN_DIST, '..', 'models');
const WASM_DIR = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), path.sep);

type HumanModule = typeof import('@vladmandic/human');
type TfCore = typeof import('@tensorflow/tfjs-core');

/**
 * Face detection (BlazeFace), the 478-point mesh and iris only. Description (the face embedding),
 * emotion, age/gender, antispoof and liveness stay off: nothing that could serve as a biometric
 * template is ever computed.
 */
export function humanConfig(settings: FaceAnalysisSettings): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: WASM_DIR,
    wasmPlatformFetch: false,
    modelBasePath: `${pathToFileURL(MODELS_DIR).href}/`,
    cacheModels: false,
    cacheSensitivity: 0,
    warmup: 'none',
    debug: false,
    async: true,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: {
        enabled: true,
        rotation: true,
        maxDetected: settings.maxFaces,
        minConfidence: settings.minFaceScore,
        return: false,
      },
      mesh: { enabled: true },
      iris: { enabled: true },
      attention: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      gear: { enabled: false },
    },
  };
}

const DEGREES = 180 / Math.PI;

function distance(a: Point | undefined, b: Point | undefined): number {
  if (!a || !b) return 0;
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Lid gap at the middle of the eye over the eye's width. */
function eyeOpenness(face: FaceResult, side: 'left' | 'right'): number {
  const upper = face.annotations[`${side}EyeUpper0`];
  const lower = face.annotations[`${side}EyeLower0`];
  if (upper.length < 3 || lower.length < 3) return 1;
  const width = distance(upper[0], upper[upper.length - 1]);
  if (width === 0) return 1;
  return distance(upper[Math.floor(upper.length / 2)], lower[Math.floor(lower.length / 2)]) / width;
}

function meshBox(face: FaceResult): DetectedFace['box'] {
  if (face.mesh.length === 0) {
    const [left, top, width, height] = face.box;
    return { left, top, width, height };
  }
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of face.mesh) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return { left: x0, top: y0, width: x1 - x0, height: y1 - y0 };
}

function toDetectedFace(face: FaceResult): DetectedFace {
  const angle = face.rotation?.angle ?? { yaw: 0, pitch: 0, roll: 0 };
  return {
    score: face.score,
    box: meshBox(face),
    yaw: angle.yaw * DEGREES,
    pitch: angle.pitch * DEGREES,
    roll: angle.roll * DEGREES,
    eyeOpenness: Math.min(eyeOpenness(face, 'left'), eyeOpenness(face, 'right')),
  };
}

export interface FaceModel {
  detect(rgb: Uint8Array, width: number, height: number): Promise<DetectedFace[]>;
}

/** Loads the model from node_modules (no network) on the WASM backend; call once per worker thread. */
export async function loadFaceModel(settings: FaceAnalysisSettings): Promise<FaceModel> {
  registerModelFileLoader();
  // The WASM build's types are the package's own; loading it by path gives an untyped module.
  const human = (await import(pathToFileURL(join(HUMAN_DIST, 'human.node-wasm.js')).href)) as HumanModule;
  const instance: HumanInstance = new human.Human(humanConfig(settings));
  await instance.load();
  // Human types the tfjs it bundles as `any`; it is tfjs-core 4.x, the version installed beside it.
  const tf = instance.tf as TfCore;
  return {
    async detect(rgb, width, height) {
      const input = tf.tensor3d(rgb, [height, width, 3], 'int32');
      try {
        const result = await instance.detect(input);
        return result.face.map(toDetectedFace);
      } finally {
        input.dispose();
      }
    },
  };
}
