/**
 * Outcome reports over 90 days of 100,000 conversations: the counters are seeded through the
 * OutcomeBuffer (the recorder the bot uses), then GET /api/reports for the 90 days is timed
 * through the real server. Floor (issue 12): <= 1 s on SQLite; PostgreSQL is reported too when
 * TEST_DATABASE_URL is set. Run: npm run bench:reports (BENCH_CONVERSATIONS, BENCH_ROUNDS).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { z } from 'zod';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { CHECK_IDS } from '../src/diagnosis/photo/checkResult';
import { SELFIE_CHECK_IDS } from '../src/diagnosis/selfie/selfieCheckResult';
import { INFO_RULE_IDS } from '../src/diagnosis/info/infoRuleIds';
import { CAUSE_IDS } from '../src/conversation/topicSchema';
import { OutcomeBuffer } from '../src/reports/outcomeBuffer';
import { RATING_SCORES } from '../src/reports/outcomes';
import { dayOf } from '../src/reports/reportMetrics';
import { openReportStore } from '../src/reports/reportStore';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const DAYS = 90;
const FLOOR_MS = 1000;
const TOKEN = 'bench-agent-token-0123456789abcdef';
const DAY_MS = 86_400_000;
const STATUSES = ['pass', 'warn', 'fail', 'skipped'] as const;
const report = z.object({ conversations: z.object({ total: z.number() }) });

/** A fixed sequence, so every run seeds the same counts. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function seed(databaseUrl: string, firstDay: number): Promise<void> {
  const store = await openReportStore(databaseUrl);
  let clock = firstDay;
  const buffer = new OutcomeBuffer({
    store,
    flushMs: 3_600_000,
    now: () => clock,
    onError: (error) => {
      throw error;
    },
  });
  const next = random(12);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] ?? items[0];
  for (let index = 0; index < CONVERSATIONS; index += 1) {
    const day = Math.floor((index * DAYS) / CONVERSATIONS);
    clock = firstDay + day * DAY_MS + Math.floor(next() * DAY_MS);
    buffer.record({ kind: 'conversation' });
    if (next() < 0.2) continue;
    const cause = pick(CAUSE_IDS);
    const startedAt = clock;
    buffer.record({ kind: 'walkthroughStarted', cause });
    if (next() < 0.4) {
      const checks = CHECK_IDS.map((id) => ({ id, status: pick(STATUSES) }));
      buffer.record({ kind: 'photoChecked', verdict: next() < 0.6 ? 'pass' : 'fail', checks });
    }
    if (cause === 'face_verification_failed') {
      const checks = SELFIE_CHECK_IDS.map((id) => ({ id, status: pick(STATUSES) }));
      buffer.record({ kind: 'selfieChecked', verdict: next() < 0.5 ? 'pass' : 'fail', checks });
    }
    if (cause === 'info_mismatch') {
      const rules = next() < 0.3 ? [] : [pick(INFO_RULE_IDS), pick(INFO_RULE_IDS)];
      buffer.record({ kind: 'infoChecked', match: rules.length === 0, rules });
    }
    const outcome = next();
    clock += Math.floor(next() * 1_800_000);
    if (outcome < 0.6) {
      buffer.record({ kind: 'walkthroughEnded', cause, outcome: 'resolved', startedAt });
      if (next() < 0.3)
        buffer.record({ kind: 'satisfaction', source: 'walkthrough', cause, score: pick(RATING_SCORES) });
    } else if (outcome < 0.85) {
      buffer.record({ kind: 'walkthroughEnded', cause, outcome: 'escalated', startedAt });
      buffer.record({ kind: 'ticketCreated', cause });
      const createdAt = new Date(clock).toISOString();
      const repliedAt = new Date(clock + Math.floor(next() * 7_200_000)).toISOString();
      buffer.record({ kind: 'firstAgentReply', ticketCreatedAt: createdAt, repliedAt });
      if (next() < 0.2) buffer.record({ kind: 'satisfaction', source: 'ticket', cause, score: pick(RATING_SCORES) });
    }
    if (index % 5000 === 4999) await buffer.flush();
  }
  await buffer.close();
  await store.close();
}

async function timeReports(label: string, databaseUrl: string): Promise<number> {
  const first = Date.UTC(2026, 8, 1);
  const seeding = Date.now();
  await seed(databaseUrl, first);
  const seededMs = Date.now() - seeding;
  const app = await createApp(
    loadConfig({ DATABASE_URL: databaseUrl, AGENT_API_TOKEN: TOKEN, LOG_LEVEL: 'silent', OCR_WORKERS: '1' }),
    { logger: pino({ level: 'silent' }) },
  );
  try {
    const port = await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/api/reports?from=${dayOf(first)}&to=${dayOf(first + (DAYS - 1) * DAY_MS)}`;
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      const body = report.parse(await response.json());
      times.push(performance.now() - started);
      if (body.conversations.total !== CONVERSATIONS) {
        throw new Error(`the report counts ${body.conversations.total} conversations, not ${CONVERSATIONS}`);
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const worst = times[times.length - 1] ?? 0;
    console.log(
      `${label.padEnd(10)} ${CONVERSATIONS} conversations over ${DAYS} days (seeded in ${seededMs} ms): ` +
        `GET /api/reports median ${median.toFixed(1)} ms, slowest ${worst.toFixed(1)} ms of ${ROUNDS}`,
    );
    return median;
  } finally {
    await app.close();
  }
}

async function onPostgres(baseUrl: string): Promise<void> {
  const schema = `kyc_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    await timeReports('PostgreSQL', url.toString());
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-bench-reports-'));
  try {
    const median = await timeReports('SQLite', `sqlite:${path.join(dir, 'bot.db')}`);
    const postgres = process.env.TEST_DATABASE_URL;
    if (postgres) await onPostgres(postgres);
    else console.log('PostgreSQL not measured: set TEST_DATABASE_URL');
    const ok = median <= FLOOR_MS;
    console.log(`floor <= ${FLOOR_MS} ms on SQLite: ${ok ? 'met' : 'FAIL'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
