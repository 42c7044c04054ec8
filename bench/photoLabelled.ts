/**
 * Per-check recall and false alarms of the image checks on a labelled set of synthetic photos
 * (every defect should be caught, no clean photo flagged), then per-check outcomes on the real
 * specimens in /work/shared/photos/specimens when that folder exists (calibration only).
 *   npx tsx bench/photoLabelled.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckId } from '../src/diagnosis/photo/checkResult';
import { diagnosePhoto } from '../src/diagnosis/photo/diagnosePhoto';
import { loadSettings } from '../src/settings';
import { syntheticPhoto, type Defect, type SyntheticPhotoOptions } from '../test/fixtures/syntheticDocument';

const SPECIMENS = '/work/shared/photos/specimens';
const IMAGE_CHECKS = [
  'resolution',
  'framing',
  'blur',
  'glare',
  'exposure',
  'camera_metadata',
] as const satisfies readonly CheckId[];
type ImageCheck = (typeof IMAGE_CHECKS)[number];

interface Labelled {
  name: string;
  options: SyntheticPhotoOptions;
  /** The checks that must fail; every other image check must not. */
  expected: ImageCheck[];
}

const DEFECT_CHECK: Record<Defect, ImageCheck> = {
  blur: 'blur',
  motionBlur: 'blur',
  glare: 'glare',
  dark: 'exposure',
  overexposed: 'exposure',
  cropped: 'framing',
  small: 'framing',
  shrunk: 'resolution',
};

const DEFECTS: readonly Defect[] = ['blur', 'motionBlur', 'glare', 'dark', 'overexposed', 'cropped', 'small', 'shrunk'];

function labelledSet(): Labelled[] {
  const set: Labelled[] = [];
  const kinds = ['passport', 'idCard'] as const;
  const tilts = [-3, -1, 0.5, 2.5];
  const fractions = [0.6, 0.7, 0.78, 0.66];
  const centres = [
    { x: 0.3, y: 0.4 },
    { x: 0.72, y: 0.55 },
    { x: 0.5, y: 0.27 },
    { x: 0.55, y: 0.75 },
  ];
  for (let i = 0; i < 8; i++) {
    const kind = kinds[i % 2];
    set.push({
      name: `clean-${kind}-${i}`,
      options: {
        kind,
        seed: 100 + i,
        tiltDegrees: tilts[i % 4],
        documentFraction: fractions[i % 4],
        width: i === 0 ? 4032 : i === 1 ? 3024 : 2016,
      },
      expected: [],
    });
  }
  for (const defect of DEFECTS) {
    for (let i = 0; i < 4; i++) {
      const kind = kinds[i % 2];
      const options: SyntheticPhotoOptions = { kind, seed: 200 + i, tiltDegrees: tilts[i], defects: [defect] };
      if (defect !== 'small') options.documentFraction = fractions[i]!;
      if (defect === 'cropped') options.centre = centres[i]!;
      set.push({ name: `${defect}-${kind}-${i}`, options, expected: [DEFECT_CHECK[defect]] });
    }
  }
  for (let i = 0; i < 4; i++) {
    const kind = kinds[i % 2];
    set.push({
      name: `noExif-${kind}-${i}`,
      options: { kind, seed: 300 + i, cameraExif: false, format: i % 2 ? 'png' : 'jpeg' },
      expected: ['camera_metadata'],
    });
  }
  return set;
}

async function main(): Promise<void> {
  const settings = loadSettings().photo;
  const deps = { settings, maxBytes: 50 * 1024 * 1024 };
  const set = labelledSet();
  const tally = Object.fromEntries(
    IMAGE_CHECKS.map((id) => [id, { defects: 0, caught: 0, others: 0, falseAlarms: 0, warnings: 0 }]),
  );
  const misses: string[] = [];
  for (const photo of set) {
    const diagnosis = await diagnosePhoto(await syntheticPhoto(photo.options), deps);
    for (const id of IMAGE_CHECKS) {
      const status = diagnosis.checks.find((c) => c.id === id)?.status;
      const row = tally[id];
      if (photo.expected.includes(id)) {
        row.defects++;
        if (status === 'fail') row.caught++;
        else misses.push(`${photo.name}: ${id} ${status} (missed)`);
      } else {
        row.others++;
        if (status === 'fail') {
          row.falseAlarms++;
          misses.push(`${photo.name}: ${id} failed (false alarm)`);
        }
        if (status === 'warn') row.warnings++;
      }
    }
  }
  console.log(`labelled synthetic photos: ${set.length} (${set.filter((p) => p.expected.length === 0).length} clean)`);
  console.log('check            recall          false alarms    warnings on non-defect');
  for (const id of IMAGE_CHECKS) {
    const row = tally[id];
    console.log(
      `${id.padEnd(16)} ${`${row.caught}/${row.defects}`.padEnd(15)} ${`${row.falseAlarms}/${row.others}`.padEnd(15)} ${row.warnings}`,
    );
  }
  for (const line of misses) console.log(`  ${line}`);

  if (!existsSync(SPECIMENS)) {
    console.log(`skipped: no specimens at ${SPECIMENS}`);
    return;
  }
  // Most specimens are below 1200x800, which would skip blur; calibration wants every measure.
  const calibration = { ...deps, settings: { ...settings, minimumResolution: { width: 1, height: 1 } } };
  console.log(`\nspecimens (${SPECIMENS}); most are small scans or renders, so camera_metadata fails by design;`);
  console.log('resolution is from the real policy, the other checks are run as if resolution had passed');
  const fails = Object.fromEntries(IMAGE_CHECKS.map((id) => [id, 0]));
  const files = readdirSync(SPECIMENS).filter((f) => /\.(jpe?g|png|webp|heic)$/i.test(f));
  for (const file of files) {
    try {
      const bytes = readFileSync(join(SPECIMENS, file));
      const [real, calibrated] = [await diagnosePhoto(bytes, deps), await diagnosePhoto(bytes, calibration)];
      const cells = IMAGE_CHECKS.map((id) => {
        const c = (id === 'resolution' ? real : calibrated).checks.find((check) => check.id === id);
        if (c?.status === 'fail') fails[id]++;
        return `${id}=${c?.status}${c?.measured === null || c?.measured === undefined ? '' : `(${c.measured})`}`;
      });
      console.log(`${file.padEnd(20)} ${cells.join(' ')}`);
    } catch (error) {
      console.log(`${file.padEnd(20)} refused: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(
    `fails per check over ${files.length} specimens: ${IMAGE_CHECKS.map((id) => `${id} ${fails[id]}`).join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
