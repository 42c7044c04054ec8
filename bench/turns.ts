/**
 * Throughput and latency of text turns through /api/messages (expectReplies) under concurrent
 * conversations: the KYC bot side by side with a minimal echo bot on the same storage, each in
 * its own process, in the same run. Floor (issue 2): the bot reaches >= 60 % of the echo bot's
 * throughput. Run: npm run bench:turns  (BENCH_SECONDS, BENCH_CONNECTIONS to change the load)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const CONVERSATIONS = 200;
const FLOOR = 0.6;
const ROOT = path.resolve(__dirname, '..');

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

interface Started {
  child: ChildProcess;
  port: number;
}

async function start(script: string, env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port };
}

function body(i: number): string {
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

async function load(port: number): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: body(i++) }),
      },
    ],
  });
}

async function measure(name: string, script: string): Promise<autocannon.Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-turns-'));
  const started = await start(script, { DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}` });
  try {
    await load(started.port); // warm-up: JIT, SQLite pages, first conversations
    const result = await load(started.port);
    const errors = result.errors + result.non2xx;
    console.log(
      `${name.padEnd(10)} ${result.requests.average.toFixed(0).padStart(6)} turns/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   errors ${errors}`,
    );
    return result;
  } finally {
    started.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `text turns, ${CONNECTIONS} connections, ${CONVERSATIONS} conversations, ${SECONDS} s each, ${os.cpus().length} cores`,
  );
  const echo = await measure('echo bot', 'bench/echoBot.ts');
  const bot = await measure('KYC bot', 'src/index.ts');
  const ratio = bot.requests.average / echo.requests.average;
  console.log(
    `ratio ${(ratio * 100).toFixed(0)} % of the echo bot (floor ${FLOOR * 100} %): ${ratio >= FLOOR ? 'PASS' : 'FAIL'}`,
  );
  if (ratio < FLOOR || bot.non2xx > 0) process.exitCode = 1;
}

void main();
