/**
 * The photo API under load, as issues 3 and 11 measure it, on the real server in its own process:
 * - one 12 MP (4032x3024) camera JPEG at a time: median full diagnosis, OCR included (<= 800 ms);
 * - 8 concurrent clients posting it: photos/s, latency, 503s (back-pressure), peak RSS (<= 700 MB);
 * - text turns through /api/messages at the same time: p99 (<= 60 ms: image work is off the event loop).
 * Run: npm run bench:photo   (BENCH_SECONDS to change the load phase)
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { BACKGROUND_NICE } from '../src/diagnosis/backgroundThreads';
import { syntheticPhoto } from '../test/fixtures/syntheticDocument';
import { percentile, startBenchServer } from './benchServer';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = 8;
const ROUTE = '/api/diagnose/photo';

function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

async function main(): Promise<void> {
  const nice = process.env.BACKGROUND_THREAD_NICE ?? String(BACKGROUND_NICE);
  const server = await startBenchServer({ BACKGROUND_THREAD_NICE: nice });
  const photo = await syntheticPhoto({ width: 4032, height: 3024, cameraExif: true, sensorNoise: 18 });
  console.log(
    `12 MP camera JPEG, ${(photo.length / 1e6).toFixed(2)} MB; server pid ${server.pid}; ${os.cpus().length} cores; load average ${loadAverage()}; BACKGROUND_THREAD_NICE=${nice}`,
  );
  const post = () => server.postImage(ROUTE, photo);

  try {
    for (let i = 0; i < 2; i++) await post(); // warm-up
    const single: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await post();
      if (r.status === 200 && r.total !== undefined) single.push(r.total);
    }
    console.log(
      `one at a time: full diagnosis median ${percentile(single, 50)} ms (goal <= 800), p90 ${percentile(single, 90)} ms`,
    );

    const deadline = Date.now() + SECONDS * 1000;
    const latencies: number[] = [];
    let ok = 0;
    let busy = 0;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < deadline) {
        const r = await post();
        if (r.status === 200) {
          ok += 1;
          latencies.push(r.ms);
        } else if (r.status === 503) {
          busy += 1;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    });
    // Its own thread: latencies timed on this thread would include the delays of the photo
    // clients' uploads and JSON parsing here, not the server's. One connection walks the 50
    // conversations in turn (several would start on the same one at once and wait on each other).
    const turns = autocannon({
      url: `${server.baseUrl}/api/messages`,
      connections: 1,
      overallRate: 40,
      duration: SECONDS,
      workers: 1,
      requests: Array.from({ length: 100 }, (_, n) => ({
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: n % 2 ? 'Document photo unclear' : 'menu',
          channelId: 'bench',
          conversation: { id: `t-${n % 50}` },
          from: { id: 'u' },
          recipient: { id: 'bot' },
          deliveryMode: 'expectReplies',
        }),
      })),
    });
    const [text] = await Promise.all([turns, ...clients]);
    console.log(
      `${CLIENTS} concurrent clients, ${SECONDS} s: ${(ok / SECONDS).toFixed(2)} photos/s, latency p50 ${Math.round(percentile(latencies, 50))} ms p99 ${Math.round(percentile(latencies, 99))} ms, ${busy} answered 503 (back-pressure)`,
    );
    console.log(
      `text turns meanwhile: ${text.requests.average.toFixed(0)}/s, p50 ${text.latency.p50} ms, p99 ${text.latency.p99} ms (goal <= 60), errors ${text.errors + text.non2xx}`,
    );
    console.log(`peak RSS of the server: ${server.peakRssMb()} MB (goal <= 700); load average ${loadAverage()}`);
  } finally {
    await server.stop();
  }
}

void main();
