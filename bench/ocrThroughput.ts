/**
 * OCR time per job through the pool, on a drawn passport at the document width the photo
 * pipeline hands over (1600 px): the MRZ strip alone, the whole page (legibility), and the
 * three text checks together (both jobs at once on the pool), for each tesseract model.
 * Then the whole diagnosis of a 12 MP (4032x3024) synthetic camera JPEG with the text checks,
 * against the goal of a 1.5 s median on 2 cores.
 *
 *   npx tsx bench/ocrThroughput.ts [rounds]
 */
import os from 'node:os';
import { scanMrzBands, type MrzBandFinder } from '../src/diagnosis/mrz/mrzReader';
import { PixelWorkerPool } from '../src/diagnosis/photo/pixelWorkerPool';
import { scaleRegion } from '../src/diagnosis/ocr/greyRegion';
import { OcrPool, type OcrModel } from '../src/diagnosis/ocr/ocrPool';
import { createTextChecks } from '../src/diagnosis/ocr/textChecks';
import { diagnosePhoto } from '../src/diagnosis/photo/diagnosePhoto';
import type { DocumentImage } from '../src/diagnosis/photo/documentImage';
import { loadSettings } from '../src/settings';
import { drawMrzCard } from '../test/diagnosis/mrz/drawMrz';
import { buildTd3, SAMPLE_MRZ_FIELDS } from '../test/fixtures/mrzLines';
import { syntheticPhoto } from '../test/fixtures/syntheticDocument';

const ROUNDS = Number(process.argv[2] ?? 8);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
}

async function time(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

async function main(): Promise<void> {
  const settings = loadSettings().ocr;
  const drawn = await drawMrzCard(buildTd3(SAMPLE_MRZ_FIELDS), {
    width: 1600,
    printedText: [
      'PASSPORT  UTOPIA',
      'Surname ERIKSSON',
      'Given names ANNA MARIA',
      'Date of birth 12 AUG 1974',
      'Date of expiry 15 APR 2034',
    ],
  });
  const image: DocumentImage = { ...drawn, box: { left: 0, top: 0, width: drawn.width, height: drawn.height } };
  console.log(
    `cores ${os.availableParallelism()}, load ${os.loadavg()[0].toFixed(1)}, rounds ${ROUNDS}, document ${image.width}x${image.height}`,
  );
  for (const model of ['best_int', 'standard'] satisfies OcrModel[]) {
    const startedAt = performance.now();
    const pool = await OcrPool.create({ ...settings, model, size: os.availableParallelism(), maxQueue: 64 });
    const pixels = new PixelWorkerPool(1);
    const findBands: MrzBandFinder = (band) => pixels.mrzBands(band, settings.mrz.bands);
    const startup = Math.round(performance.now() - startedAt);
    try {
      const strip = await time(ROUNDS, () => scanMrzBands(pool, findBands, image, settings.mrz));
      const page = await time(ROUNDS, async () => {
        const scaled = await scaleRegion(
          image,
          { left: 0, top: 0, width: image.width, height: image.height },
          settings.legibility.ocrWidth,
        );
        return pool.recognize({ image: scaled.image, segmentation: 'auto' });
      });
      const textChecks = createTextChecks(pool, settings, { findBands });
      let mrzPasses = 0;
      const all = await time(ROUNDS, async () => {
        const result = await textChecks(image);
        if (result.checks.find((c) => c.id === 'mrz')?.status === 'pass') mrzPasses++;
      });
      // Two documents at once: what 2 concurrent photos cost each.
      const parallel = await time(Math.max(1, ROUNDS / 2), () => Promise.all([textChecks(image), textChecks(image)]));
      console.log(
        `${model.padEnd(9)} pool start ${startup} ms | MRZ bands median ${quantile(strip, 0.5)} p90 ${quantile(strip, 0.9)} ms` +
          ` | page median ${quantile(page, 0.5)} p90 ${quantile(page, 0.9)} ms | text checks median ${quantile(all, 0.5)} p90 ${quantile(all, 0.9)} ms` +
          ` (mrz pass ${mrzPasses}/${ROUNDS}) | 2 at once median ${quantile(parallel, 0.5)} ms`,
      );
      if (model === settings.model) await wholeDiagnosis(textChecks);
    } finally {
      await pool.close();
      await pixels.close();
    }
  }
}

/** The full diagnosis of a 12 MP camera JPEG, text checks included. */
async function wholeDiagnosis(textChecks: ReturnType<typeof createTextChecks>): Promise<void> {
  const jpeg = await syntheticPhoto({ width: 4032, height: 3024, seed: 7, sensorNoise: 14 });
  const deps = { settings: loadSettings().photo, maxBytes: 15 * 1024 * 1024, textChecks };
  await diagnosePhoto(jpeg, deps);
  const stages: Record<string, number[]> = {};
  let mrzPasses = 0;
  const totals = await time(ROUNDS, async () => {
    const result = await diagnosePhoto(jpeg, deps);
    if (result.checks.find((c) => c.id === 'mrz')?.status === 'pass') mrzPasses++;
    for (const [stage, ms] of Object.entries(result.timingsMs)) (stages[stage] ??= []).push(ms);
  });
  const perStage = Object.entries(stages)
    .map(([stage, values]) => `${stage} ${quantile(values, 0.5)}`)
    .join(', ');
  console.log(
    `12 MP synthetic photo, full diagnosis with text checks: median ${quantile(totals, 0.5)} p90 ${quantile(totals, 0.9)} ms (goal <= 1500)` +
      ` | mrz pass ${mrzPasses}/${ROUNDS} | stage medians: ${perStage}`,
  );
}

void main();
