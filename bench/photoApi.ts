/**
 * The photo API under load, as issue 3 measures it, on the real server in its own process:
 * - one 12 MP (4032x3024) camera JPEG at a time: median full diagnosis (OCR included);
 * - 8 concurrent clients posting it: photos/s, latency, 503s (back-pressure), peak RSS (<= 1 GB);
 * - text turns through /api/messages at the same time: p99 (<= 100 ms: image work is off the event loop).
 * Run: npm run bench:photo   (BENCH_SECONDS to change the load phase)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { syntheticPhoto } from '../test/fixtures/syntheticDocument';
import { startServerProcess } from '../test/support/serverProcess';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = 8;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Peak resident memory of a process so far (Linux VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-photo-'));
  const server = await startServerProcess({
    DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
    PHOTO_RATE_PER_MINUTE: '100000',
    BACKGROUND_THREAD_NICE: process.env.BACKGROUND_THREAD_NICE ?? '0',
  });
  const url = `${server.baseUrl}/api/diagnose/photo`;
  const photo = await syntheticPhoto({ width: 4032, height: 3024, cameraExif: true, sensorNoise: 18 });
  console.log(
    `12 MP camera JPEG, ${(photo.length / 1e6).toFixed(2)} MB; server pid ${server.child.pid}; ${os.cpus().length} cores; BACKGROUND_THREAD_NICE=${process.env.BACKGROUND_THREAD_NICE ?? '0'}`,
  );
  const post = async (): Promise<{ status: number; ms: number; total?: number }> => {
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: photo });
    const body: unknown = await res.json();
    const total =
      typeof body === 'object' &&
      body !== null &&
      'timingsMs' in body &&
      typeof body.timingsMs === 'object' &&
      body.timingsMs !== null &&
      'total' in body.timingsMs
        ? Number(body.timingsMs.total)
        : undefined;
    return { status: res.status, ms: performance.now() - started, total };
  };

  try {
    for (let i = 0; i < 2; i++) await post(); // warm-up
    const single: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await post();
      if (r.status === 200 && r.total !== undefined) single.push(r.total);
    }
    console.log(
      `one at a time: full diagnosis median ${percentile(single, 50)} ms (goal <= 1500), p90 ${percentile(single, 90)} ms`,
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
    let n = 0;
    const turns = autocannon({
      url: `${server.baseUrl}/api/messages`,
      connections: 4,
      overallRate: 40,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              type: 'message',
              text: n % 2 ? 'Document photo unclear' : 'menu',
              channelId: 'bench',
              conversation: { id: `t-${n++ % 50}` },
              from: { id: 'u' },
              recipient: { id: 'bot' },
              deliveryMode: 'expectReplies',
            }),
          }),
        },
      ],
    });
    const [text] = await Promise.all([turns, ...clients]);
    console.log(
      `${CLIENTS} concurrent clients, ${SECONDS} s: ${(ok / SECONDS).toFixed(2)} photos/s, latency p50 ${Math.round(percentile(latencies, 50))} ms p99 ${Math.round(percentile(latencies, 99))} ms, ${busy} answered 503 (back-pressure)`,
    );
    console.log(
      `text turns meanwhile: ${text.requests.average.toFixed(0)}/s, p50 ${text.latency.p50} ms, p99 ${text.latency.p99} ms (goal <= 100), errors ${text.errors + text.non2xx}`,
    );
    console.log(`peak RSS of the server: ${peakRssMb(server.child.pid ?? 0)} MB (goal <= 1024)`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
