/**
 * The real server in its own process for the HTTP benches (photo, selfie): a throw-away SQLite
 * database, no per-address photo rate limit, image posts timed, and the process's peak memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess } from '../test/support/serverProcess';

export interface ImagePost {
  status: number;
  /** Round trip as the client saw it. */
  ms: number;
  /** The server's own `timingsMs.total`, when it answered a diagnosis. */
  total?: number;
}

export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** Posts image bytes to a diagnosis route (`/api/diagnose/photo`, `/api/diagnose/selfie`). */
  postImage(route: string, body: Buffer): Promise<ImagePost>;
  /** Peak resident memory of the server so far (Linux VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function totalOf(body: unknown): number | undefined {
  return typeof body === 'object' &&
    body !== null &&
    'timingsMs' in body &&
    typeof body.timingsMs === 'object' &&
    body.timingsMs !== null &&
    'total' in body.timingsMs
    ? Number(body.timingsMs.total)
    : undefined;
}

/** Starts the server with `env` on top of the bench defaults; resolves once it listens. */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-server-'));
  const server = await startServerProcess({
    DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
    PHOTO_RATE_PER_MINUTE: '100000',
    // As `npm start` runs it (package.json): two malloc arenas, not one per thread.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    ...env,
  });
  const pid = server.child.pid ?? 0;
  return {
    baseUrl: server.baseUrl,
    pid,
    async postImage(route, body) {
      const started = performance.now();
      const res = await fetch(`${server.baseUrl}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg' },
        body,
      });
      const total = totalOf(await res.json());
      return { status: res.status, ms: performance.now() - started, ...(total === undefined ? {} : { total }) };
    },
    peakRssMb() {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return Math.round(kb / 1024);
    },
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
