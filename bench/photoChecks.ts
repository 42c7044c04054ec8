/**
 * Speed of the non-OCR photo checks on a 12 MP (4032x3024) camera JPEG, against the bare decode
 * floor, plus event-loop delay and peak RSS with 8 diagnoses at once.
 *   npx tsx bench/photoChecks.ts [runs] [--sharp-concurrency=N]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { diagnosePhoto } from '../src/diagnosis/photo/diagnosePhoto';
import { loadSettings } from '../src/settings';
import { syntheticPhoto } from '../test/fixtures/syntheticDocument';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 21);
const concurrencyArg = process.argv.find((a) => a.startsWith('--sharp-concurrency='));
if (concurrencyArg) sharp.concurrency(Number(concurrencyArg.split('=')[1]));
sharp.cache(false);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const settings = loadSettings().photo;
  const deps = { settings, maxBytes: 15 * 1024 * 1024 };
  // Sensor noise brings the file to a phone JPEG's size, which is what decoding time follows.
  const jpeg = await syntheticPhoto({ width: 4032, height: 3024, seed: 7, sensorNoise: 14 });
  console.log(
    `12 MP synthetic camera JPEG with sensor noise: ${(jpeg.length / 1e6).toFixed(2)} MB, sharp concurrency ${sharp.concurrency()}, ${runs} runs`,
  );

  for (let i = 0; i < 3; i++) await diagnosePhoto(jpeg, deps);
  const floor: number[] = [];
  const checks: number[] = [];
  const stages: Record<string, number[]> = {};
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  for (let i = 0; i < runs; i++) {
    floor.push(await time(() => sharp(jpeg).toColourspace('b-w').resize(1000).raw().toBuffer()));
    const started = performance.now();
    const diagnosis = await diagnosePhoto(jpeg, deps);
    checks.push(performance.now() - started);
    for (const [stage, ms] of Object.entries(diagnosis.timingsMs)) (stages[stage] ??= []).push(ms);
  }
  loop.disable();
  const floorMedian = median(floor);
  const checksMedian = median(checks);
  console.log(`decode floor  sharp(buf).toColourspace('b-w').resize(1000).raw(): median ${floorMedian.toFixed(0)} ms`);
  console.log(
    `non-OCR checks (diagnosePhoto without textChecks): median ${checksMedian.toFixed(0)} ms (goal <= 250), ratio to floor ${(checksMedian / floorMedian).toFixed(2)}x`,
  );
  console.log(
    `  stages (median ms): ${Object.entries(stages)
      .map(([k, v]) => `${k} ${median(v)}`)
      .join(', ')}`,
  );
  console.log(
    `  event-loop delay while diagnosing one at a time: p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
  );

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  const loop8 = monitorEventLoopDelay({ resolution: 5 });
  loop8.enable();
  const rounds = 3;
  const started = performance.now();
  for (let round = 0; round < rounds; round++)
    await Promise.all(Array.from({ length: 8 }, () => diagnosePhoto(jpeg, deps)));
  const elapsed = performance.now() - started;
  loop8.disable();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  console.log(
    `8 concurrent, ${rounds} rounds: ${((8 * rounds) / (elapsed / 1000)).toFixed(1)} photos/s, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (limit 1024), event-loop delay p99 ${(loop8.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop8.max / 1e6).toFixed(1)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
