import assert from 'node:assert/strict';
import { judgeSelfie } from '../../../src/diagnosis/selfie/diagnoseSelfie';
import { humanConfig } from '../../../src/diagnosis/selfie/faceModel';
import type { DetectedFace, FaceMeasures, LightingMeasures } from '../../../src/diagnosis/selfie/faceMeasures';
import { loadSettings } from '../../../src/settings';

const settings = loadSettings().selfie;

function face(overrides: Partial<DetectedFace> = {}): DetectedFace {
  return {
    score: 0.99,
    box: { left: 250, top: 150, width: 300, height: 340 },
    yaw: 2,
    pitch: 3,
    roll: 1,
    eyeOpenness: 0.35,
    ...overrides,
  };
}

const lit: LightingMeasures = {
  faceMean: 160,
  leftMean: 158,
  rightMean: 162,
  unevenness: 0.02,
  brightSide: 'right',
  blownForehead: 0,
  backgroundMean: 170,
};

function measures(overrides: Partial<FaceMeasures> = {}): FaceMeasures {
  return {
    width: 800,
    height: 800,
    faces: [face()],
    document: null,
    lighting: lit,
    background: { area: 0.4, spread: 8, edgeDensity: 0.004 },
    sharpness: 0.8,
    ...overrides,
  };
}

const statusOf = (m: FaceMeasures, id: string): string | undefined => {
  const check = judgeSelfie(m, settings).find((c) => c.id === id);
  return check && `${check.status} ${check.messageKey}`;
};

describe('selfie judgement', () => {
  it('passes a well-measured selfie on every check', () => {
    assert.deepEqual(
      judgeSelfie(measures(), settings).map((c) => c.status),
      ['pass', 'pass', 'pass', 'pass', 'pass', 'pass'],
    );
  });

  it('says no face, and skips the face checks, when the model found none', () => {
    const checks = judgeSelfie(measures({ faces: [] }), settings);
    assert.equal(checks[0]?.messageKey, 'face_found.none');
    assert.ok(checks.slice(1).every((c) => c.status === 'skipped' && c.messageKey === 'skipped.noFace'));
  });

  it('calls a card-shaped blob holding one small face a document, not a selfie', () => {
    const card = {
      document: { box: { left: 100, top: 200, width: 600, height: 380 }, fillFraction: 0.36, cutEdges: 0 },
      faces: [face({ box: { left: 140, top: 260, width: 120, height: 150 } })],
    };
    assert.equal(statusOf(measures(card), 'face_found'), 'fail face_found.document');
    const bigFace = { ...card, faces: [face({ box: { left: 150, top: 220, width: 400, height: 340 } })] };
    assert.equal(statusOf(measures(bigFace), 'face_found'), 'pass face_found.ok');
  });

  it('tells backlight from darkness: a bright window behind a dim face is backlight', () => {
    const backlit = measures({
      lighting: { ...lit, faceMean: 90, backgroundMean: 240 },
    });
    assert.equal(statusOf(backlit, 'lighting'), 'fail lighting.backlight');
    const dark = measures({ lighting: { ...lit, faceMean: 40, backgroundMean: 45 } });
    assert.equal(statusOf(dark, 'lighting'), 'fail lighting.dark');
  });

  it('names the brighter side of the picture for side light, and a blown forehead', () => {
    const side = {
      ...lit,
      leftMean: 200,
      rightMean: 90,
      unevenness: 0.55,
      brightSide: 'left' as const,
    };
    assert.equal(statusOf(measures({ lighting: side }), 'lighting'), 'fail lighting.sideLeft');
    const blown = { ...lit, blownForehead: 0.4 };
    assert.equal(statusOf(measures({ lighting: blown }), 'lighting'), 'fail lighting.blown');
  });

  it('asks to come closer for a small face and to centre an off-centre one', () => {
    const small = measures({ faces: [face({ box: { left: 360, top: 300, width: 80, height: 100 } })] });
    assert.equal(statusOf(small, 'face_size'), 'fail face_size.tooSmall');
    const corner = measures({ faces: [face({ box: { left: 0, top: 0, width: 280, height: 320 } })] });
    assert.equal(statusOf(corner, 'face_size'), 'fail face_size.offCentre');
  });

  it('fails a turned head, a nodded head and closed eyes on pose', () => {
    assert.equal(statusOf(measures({ faces: [face({ yaw: 40 })] }), 'pose'), 'fail pose.turned');
    assert.equal(statusOf(measures({ faces: [face({ pitch: -35 })] }), 'pose'), 'fail pose.nodded');
    assert.equal(statusOf(measures({ faces: [face({ eyeOpenness: 0.05 })] }), 'pose'), 'fail pose.eyesClosed');
  });

  it('does not judge the background when the face fills the frame, and fails a busy one', () => {
    assert.equal(
      statusOf(measures({ background: { area: 0.02, spread: 0, edgeDensity: 0 } }), 'background'),
      'skipped background.notVisible',
    );
    assert.equal(
      statusOf(measures({ background: { area: 0.5, spread: 50, edgeDensity: 0.09 } }), 'background'),
      'fail background.busy',
    );
  });

  it('configures the model without face description, emotion, antispoof or liveness: no biometric template', () => {
    const face = humanConfig(settings.analysis).face;
    assert.equal(face?.description?.enabled, false);
    assert.equal(face?.emotion?.enabled, false);
    assert.equal(face?.antispoof?.enabled, false);
    assert.equal(face?.liveness?.enabled, false);
    assert.match(String(humanConfig(settings.analysis).modelBasePath), /^file:\/\//);
  });
});
