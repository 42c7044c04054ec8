/**
 * MRZ read rate on the public specimen documents in ../shared/photos/specimens (when present):
 * how many images our `mrz` check passes (every check digit valid) next to how many
 * PassportEye scored 100 (the number before `_` in the file name). Each image goes through
 * the whole diagnosis from its bytes (decode, document location, MRZ band search, OCR).
 *
 * Generalisation is measured on a split fixed here once: the files sorted by name, the ones at
 * even positions (0, 2, 4, ...) are the tuning half and the odd ones the held-out half. Only the
 * tuning half was looked at while choosing thresholds; the held-out half is reported on its own.
 *
 *   npx tsx bench/mrzSpecimens.ts [best_int|standard]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OcrPool } from '../src/diagnosis/ocr/ocrPool';
import { ocrSettingsSchema } from '../src/diagnosis/ocr/ocrSettings';
import { createTextChecks } from '../src/diagnosis/ocr/textChecks';
import { diagnosePhoto } from '../src/diagnosis/photo/diagnosePhoto';
import { PixelWorkerPool } from '../src/diagnosis/photo/pixelWorkerPool';
import { loadSettings } from '../src/settings';

const SPECIMENS = path.resolve(__dirname, '../../shared/photos/specimens');
const MAX_BYTES = 15 * 1024 * 1024;

type Half = 'tuning' | 'held-out';

interface Tally {
  images: number;
  ours: number;
  theirs: number;
  /** Images whose MRZ was read (every check digit valid) and, of those, the ones whose type came out right. */
  typed: number;
  typedRight: number;
}

/**
 * The document type each specimen is, by its MRZ document code and title: labels for the
 * bench only. File names say "pass"/"id"/"visa"/"card"; the ICAO TD2 specimens are
 * "I" official travel documents (ID-card size), and 33_id-usa is a permanent resident card.
 */
function expectedType(file: string): string {
  if (/passport-td2|pass2-uto/.test(file)) return 'id_card';
  if (file.includes('33_id-usa')) return 'residence_permit';
  if (file.includes('visa')) return 'visa';
  if (file.includes('pass')) return 'passport';
  return 'id_card';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  if (!fs.existsSync(SPECIMENS)) {
    console.log(`skipped: no specimens at ${SPECIMENS}`);
    return;
  }
  const configured = loadSettings().ocr;
  const settings = {
    ...configured,
    model: ocrSettingsSchema.shape.model.catch(configured.model).parse(process.argv[2]),
  };
  console.log(`model ${settings.model}`);
  const photoSettings = loadSettings().photo;
  // Accuracy, not latency: a loaded machine must not turn a slow job into a miss.
  const pool = await OcrPool.create({
    ...settings,
    size: os.availableParallelism(),
    maxQueue: 64,
    jobTimeoutMs: 120_000,
    maxWaitMs: 120_000,
  });
  const pixels = new PixelWorkerPool(1);
  const textChecks = createTextChecks(pool, settings, {
    findBands: (image) => pixels.mrzBands(image, settings.mrz.bands),
  });
  const files = fs
    .readdirSync(SPECIMENS)
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort();
  const tallies: Record<Half, Tally> = {
    tuning: { images: 0, ours: 0, theirs: 0, typed: 0, typedRight: 0 },
    'held-out': { images: 0, ours: 0, theirs: 0, typed: 0, typedRight: 0 },
  };
  const times: number[] = [];
  const status = (checks: { id: string; status: string; measured: unknown }[], id: string): string => {
    const check = checks.find((c) => c.id === id);
    return check ? `${check.status}(${String(check.measured)})` : '-';
  };
  try {
    for (const [index, file] of files.entries()) {
      const half: Half = index % 2 === 0 ? 'tuning' : 'held-out';
      const tally = tallies[half];
      const score = /^(\d+)_/.exec(file)?.[1];
      tally.images++;
      if (score === '100') tally.theirs++;
      const bytes = fs.readFileSync(path.join(SPECIMENS, file));
      const started = performance.now();
      const diagnosis = await diagnosePhoto(bytes, { settings: photoSettings, maxBytes: MAX_BYTES, textChecks });
      const ms = Math.round(performance.now() - started);
      times.push(ms);
      const mrz = diagnosis.checks.find((c) => c.id === 'mrz');
      if (mrz?.status === 'pass') tally.ours++;
      const document = diagnosis.document;
      const read = mrz?.status === 'pass';
      const typeRight = document?.type === expectedType(file);
      if (read) {
        tally.typed++;
        if (typeRight) tally.typedRight++;
      }
      console.log(
        `${half.padEnd(8)} ${file.padEnd(20)} PassportEye ${(score ?? '-').padStart(3)} | ${String(ms).padStart(5)} ms mrz=${status(diagnosis.checks, 'mrz')}` +
          ` type=${document?.type ?? '-'}${typeRight ? '' : ` (expected ${expectedType(file)})`} issuer=${document?.issuer ?? '-'} verdict=${diagnosis.verdict}`,
      );
    }
  } finally {
    await pool.close();
    await pixels.close();
  }
  console.log('');
  for (const half of ['tuning', 'held-out'] as const) {
    const t = tallies[half];
    console.log(
      `${half.padEnd(8)} half (${half === 'tuning' ? 'even' : 'odd'} positions by sorted name): all check digits valid on ${t.ours}/${t.images}; PassportEye scored 100 on ${t.theirs}/${t.images}; document type right on ${t.typedRight}/${t.typed} with an MRZ read`,
    );
  }
  const ours = tallies.tuning.ours + tallies['held-out'].ours;
  const theirs = tallies.tuning.theirs + tallies['held-out'].theirs;
  console.log(
    `all      ${ours}/${files.length} (floor 15); PassportEye ${theirs}/${files.length}; median diagnosis ${median(times)} ms`,
  );
}

void main();
