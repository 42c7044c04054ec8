/**
 * The selfie checks as issue 13 measures them:
 * - the labelled cases (real portraits and their variants made by code): every defect caught,
 *   no false alarm on the clean portraits (in this process, against the message keys);
 * - the real server in its own process, OCR workers loaded: one 12 MP (3024x4032) phone selfie at
 *   a time, median full check (<= 1 s), then 4 concurrent selfies: peak RSS of the server (<= 800 MB).
 * Run: npm run bench:selfie   (BENCH_ROUNDS to change the concurrent phase)
 */
import os from 'node:os';
import sharp from 'sharp';
import { SelfieService } from '../src/diagnosis/selfie/selfieService';
import { loadSettings } from '../src/settings';
import { portrait, selfieCases } from '../test/fixtures/faces/selfieVariants';
import { syntheticPhoto } from '../test/fixtures/syntheticDocument';
import { percentile, startBenchServer } from './benchServer';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENT = 4;

async function labelled(): Promise<void> {
  const settings = loadSettings();
  const service = new SelfieService({
    settings: settings.selfie,
    maxBytes: 15 * 1024 * 1024,
    maxPixels: settings.photo.maxInputPixels,
    heicConcurrency: 1,
  });
  await service.warm();
  let defects = 0;
  let caught = 0;
  let clean = 0;
  let falseAlarms = 0;
  const misses: string[] = [];
  try {
    for (const selfie of await selfieCases()) {
      const diagnosis = await service.diagnose(selfie.bytes);
      if (!selfie.defect) {
        clean += 1;
        const alarms = diagnosis.checks.filter((c) => c.status === 'warn' || c.status === 'fail');
        if (alarms.length) {
          falseAlarms += 1;
          misses.push(`${selfie.name}: false alarm ${alarms.map((c) => c.messageKey).join(', ')}`);
        }
        continue;
      }
      defects += 1;
      const check = diagnosis.checks.find((c) => c.id === selfie.defect?.check);
      if (check && check.status !== 'pass' && check.messageKey === selfie.defect.messageKey) caught += 1;
      else misses.push(`${selfie.name}: ${check?.status ?? '?'} ${check?.messageKey ?? '?'}`);
    }
  } finally {
    await service.close();
  }
  console.log(`labelled defects caught: ${caught}/${defects} (goal: all)`);
  console.log(`clean portraits with a false alarm: ${falseAlarms}/${clean} (goal: 0)`);
  for (const miss of misses) console.log(`  ${miss}`);
}

/** The studio portrait as a 12 MP phone selfie: upscaled, with sensor noise so the JPEG is phone-sized. */
async function twelveMegapixelSelfie(): Promise<Buffer> {
  const { data, info } = await sharp(portrait('studio-portrait'))
    .resize(3024, 4032, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  let seed = 1;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data[i] = Math.max(0, Math.min(255, data[i] + ((seed >> 16) % 17) - 8));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .withExif({ IFD0: { Make: 'BenchPhone', Model: 'Front camera' } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function overHttp(): Promise<void> {
  const server = await startBenchServer();
  const selfie = await twelveMegapixelSelfie();
  console.log(
    `12 MP selfie JPEG (3024x4032), ${(selfie.length / 1e6).toFixed(2)} MB; server pid ${server.pid}; ${os.cpus().length} cores`,
  );
  const post = (route: string, body: Buffer) => server.postImage(route, body);
  try {
    // The OCR workers do real work once, so the memory they hold counts in the peak.
    await post('/api/diagnose/photo', await syntheticPhoto({ width: 2400, cameraExif: true }));
    for (let i = 0; i < 2; i++) await post('/api/diagnose/selfie', selfie); // warm-up
    const checked: number[] = [];
    const roundTrips: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await post('/api/diagnose/selfie', selfie);
      if (r.status === 200 && r.total !== undefined) {
        checked.push(r.total);
        roundTrips.push(r.ms);
      }
    }
    console.log(
      `one at a time: selfie check median ${percentile(checked, 50)} ms (goal <= 1000), p90 ${percentile(checked, 90)} ms; HTTP round trip median ${Math.round(percentile(roundTrips, 50))} ms`,
    );
    const statuses: number[] = [];
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(Array.from({ length: CONCURRENT }, () => post('/api/diagnose/selfie', selfie)));
      for (const r of results) {
        statuses.push(r.status);
        if (r.status === 200) latencies.push(r.ms);
      }
    }
    const ok = statuses.filter((s) => s === 200).length;
    console.log(
      `${CONCURRENT} concurrent selfies x ${ROUNDS}: ${ok}/${statuses.length} checked, latency p50 ${Math.round(percentile(latencies, 50))} ms p99 ${Math.round(percentile(latencies, 99))} ms, ${statuses.length - ok} refused`,
    );
    console.log(`peak RSS of the server (OCR workers and face workers loaded): ${server.peakRssMb()} MB (goal <= 800)`);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  await labelled();
  await overHttp();
}

void main();
