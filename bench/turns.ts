/**
 * Throughput and latency of text turns through /api/messages (expectReplies) under concurrent
 * conversations: the KYC bot side by side with a minimal echo bot on the same storage, each in
 * its own process. Floor (issue 2): the bot reaches >= 60 % of the echo bot's throughput.
 *
 * Both servers run for the whole benchmark and are loaded in alternating rounds (echo, KYC, echo,
 * KYC, ...); the verdict is the median of the rounds' ratios, so one noisy moment on a shared
 * machine does not decide it. On Linux each round also reports the CPU time each server spent per
 * turn, which depends much less on what else the machine is doing than turns per second do.
 * Run: npm run bench:turns  (BENCH_ROUNDS, BENCH_SECONDS per bot and round, BENCH_CONNECTIONS)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const WARM_UP_SECONDS = 3;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const CONVERSATIONS = 200;
const FLOOR = 0.6;
const ROOT = path.resolve(__dirname, '..');
/** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on every Linux build that matters). */
const TICKS_PER_SECOND = 100;

/** Messages a user sends in a walk-through: failure prompts, answers, FAQ, commands. */
const TEXTS = [
  'Document photo unclear',
  'Not now',
  'yes',
  'how long does the review take',
  '人脸识别失败',
  'menu',
  'my passport expired',
  'help',
];

interface Server {
  name: string;
  child: ChildProcess;
  port: number;
  dir: string;
}

interface Round {
  turnsPerSecond: number;
  /** CPU milliseconds the server process spent per turn; undefined where /proc is not available. */
  cpuMsPerTurn: number | undefined;
  p50: number;
  p99: number;
  errors: number;
}

async function start(name: string, script: string): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-turns-'));
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', path.join(ROOT, script)], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const findPort = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /"port":(\d+)/.exec(out);
      if (!m) return;
      // The rest of the log is drained unread: collecting and searching it would cost this process
      // CPU on the same cores during the logging server's rounds only.
      child.stdout?.off('data', findPort);
      child.stdout?.resume();
      resolve(Number(m[1]));
    };
    child.stdout?.on('data', findPort);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { name, child, port, dir };
}

function stop(server: Server): void {
  server.child.kill('SIGTERM');
  fs.rmSync(server.dir, { recursive: true, force: true });
}

/** User plus system CPU time of a process so far, in milliseconds (Linux only). */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the line.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

let sent = 0;

function body(): string {
  const i = sent++;
  return JSON.stringify({
    type: 'message',
    text: TEXTS[i % TEXTS.length],
    channelId: 'bench',
    serviceUrl: 'https://bench.invalid',
    conversation: { id: `bench-${i % CONVERSATIONS}` },
    from: { id: `user-${i % CONVERSATIONS}` },
    recipient: { id: 'bot' },
    locale: 'en',
    deliveryMode: 'expectReplies',
  });
}

function load(server: Server, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${server.port}/api/messages`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: body() }),
      },
    ],
  });
}

async function round(server: Server): Promise<Round> {
  const cpuBefore = cpuMs(server.child.pid);
  const result = await load(server, SECONDS);
  const cpuAfter = cpuMs(server.child.pid);
  return {
    turnsPerSecond: result.requests.average,
    cpuMsPerTurn:
      cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
        ? undefined
        : (cpuAfter - cpuBefore) / result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const pct = (ratio: number): string => `${(ratio * 100).toFixed(0)} %`;
const ms = (value: number | undefined): string => (value === undefined ? 'n/a' : `${value.toFixed(2)} ms`);

async function main(): Promise<void> {
  console.log(
    `text turns, ${CONNECTIONS} connections, ${CONVERSATIONS} conversations, ${ROUNDS} alternating rounds of ${SECONDS} s per bot, ${os.cpus().length} cores`,
  );
  const echo = await start('echo bot', 'bench/echoBot.ts');
  const bot = await start('KYC bot', 'src/index.ts');
  try {
    // JIT, SQLite pages and the first turn of every conversation, before anything is counted.
    await load(echo, WARM_UP_SECONDS);
    await load(bot, WARM_UP_SECONDS);
    console.log(
      `${'round'.padEnd(6)} ${'echo turns/s'.padStart(12)} ${'KYC turns/s'.padStart(12)} ${'ratio'.padStart(6)}   ${'CPU/turn echo'.padStart(13)} ${'KYC'.padStart(8)} ${'ratio'.padStart(6)}   KYC p50 / p99`,
    );
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    let errors = 0;
    for (let r = 1; r <= ROUNDS; r++) {
      const e = await round(echo);
      const k = await round(bot);
      const ratio = k.turnsPerSecond / e.turnsPerSecond;
      const cpuRatio =
        e.cpuMsPerTurn !== undefined && k.cpuMsPerTurn !== undefined ? e.cpuMsPerTurn / k.cpuMsPerTurn : undefined;
      ratios.push(ratio);
      if (cpuRatio !== undefined) cpuRatios.push(cpuRatio);
      errors += e.errors + k.errors;
      console.log(
        `${String(r).padEnd(6)} ${e.turnsPerSecond.toFixed(0).padStart(12)} ${k.turnsPerSecond.toFixed(0).padStart(12)} ${pct(ratio).padStart(6)}   ${ms(e.cpuMsPerTurn).padStart(13)} ${ms(k.cpuMsPerTurn).padStart(8)} ${(cpuRatio === undefined ? 'n/a' : pct(cpuRatio)).padStart(6)}   ${k.p50} / ${k.p99} ms`,
      );
    }
    const verdict = median(ratios);
    if (cpuRatios.length)
      console.log(`median CPU time per turn: the echo bot needs ${pct(median(cpuRatios))} of what the KYC bot needs`);
    console.log(
      `median ratio ${pct(verdict)} of the echo bot's turns/s (floor ${FLOOR * 100} %): ${verdict >= FLOOR ? 'PASS' : 'FAIL'}${errors ? `, ${errors} errors` : ''}`,
    );
    if (verdict < FLOOR || errors > 0) process.exitCode = 1;
  } finally {
    stop(echo);
    stop(bot);
  }
}

void main();
