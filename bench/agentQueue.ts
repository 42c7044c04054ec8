/**
 * The agent console's queue with 10,000 tickets on SQLite: how long the first page takes through
 * the real server (GET /api/tickets?limit=50, what /agent loads first), unfiltered and with the
 * console's filters. Floor (issue 12): <= 300 ms. Run: npm run bench:agent-queue
 * (BENCH_TICKETS, BENCH_ROUNDS to change the size).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openTicketStore } from '../src/tickets/ticketStore';
import type { NewTicket } from '../src/tickets/ticket';
import { userKeyOf } from '../src/tickets/userKey';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const FLOOR_MS = 300;
const TOKEN = 'bench-agent-token-0123456789abcdef';
const CAUSES = ['photo_unclear', 'info_mismatch', 'document_expired', 'face_verification_failed', null] as const;
const HOUR = 3_600_000;
const page = z.object({ tickets: z.array(z.unknown()) });

function ticket(index: number): NewTicket {
  const cause = CAUSES[index % CAUSES.length] ?? null;
  return {
    userKey: userKeyOf('bench-secret-0123456789', 'directline', `user-${index}`),
    channelId: 'directline',
    locale: index % 3 === 0 ? 'zh-CN' : 'en',
    conversationReference: { conversation: { id: `conv-${index}` } },
    cause: { id: cause, labelKey: cause === null ? null : `topics:${cause}.label` },
    promptText: 'Document photo unclear, please upload again',
    steps: [
      { topic: 'photo_unclear', step: 'start' },
      { topic: 'photo_unclear', step: 'check_photo' },
    ],
    attempts: { failures: index % 4, lastFailureAt: null, restrictedUntil: null },
    photoChecks: [
      { id: 'resolution', status: 'pass' },
      { id: 'blur', status: index % 2 === 0 ? 'fail' : 'pass' },
    ],
    priority: index % 10 === 0 ? 'high' : 'normal',
  };
}

async function fill(databaseUrl: string): Promise<void> {
  // Tickets spread over the last 30 days, so the age filter has something to cut.
  let clock = Date.now() - 30 * 24 * HOUR;
  const step = (30 * 24 * HOUR) / TICKETS;
  const store = await openTicketStore(databaseUrl, { webhookOutbox: false, now: () => new Date(clock) });
  try {
    for (let index = 0; index < TICKETS; index += 1) {
      clock += step;
      const created = await store.create(ticket(index));
      if (index % 7 === 0) await store.update(created.number, 1, { status: 'resolved', agent: 'bench' });
    }
  } finally {
    await store.close();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-bench-queue-'));
  const databaseUrl = `sqlite:${path.join(dir, 'bot.db')}`;
  try {
    const filling = Date.now();
    await fill(databaseUrl);
    console.log(`${TICKETS} tickets stored in ${((Date.now() - filling) / 1000).toFixed(1)} s`);
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      OCR_WORKERS: '1',
      AGENT_TOKENS: `bench:${TOKEN}`,
    });
    const app = await createApp(config, { logger: pino({ level: 'silent' }) });
    const port = await app.listen(0, '127.0.0.1');
    const failures: string[] = [];
    try {
      for (const query of [
        '',
        'status=open',
        'cause=photo_unclear',
        'priority=high&status=open',
        'olderThanHours=168&cause=none',
      ]) {
        const times: number[] = [];
        let count = 0;
        for (let round = 0; round <= ROUNDS; round += 1) {
          const started = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}/api/tickets?limit=50&${query}`, {
            headers: { Authorization: `Bearer ${TOKEN}` },
          });
          const body = page.parse(await res.json());
          const ms = performance.now() - started;
          if (res.status !== 200) throw new Error(`GET /api/tickets?${query} answered ${res.status}`);
          count = body.tickets.length;
          if (round === 0) console.log(`  first request ${query || '(no filter)'}: ${ms.toFixed(1)} ms`);
          else times.push(ms);
        }
        times.sort((a, b) => a - b);
        const p50 = percentile(times, 0.5);
        const p95 = percentile(times, 0.95);
        console.log(
          `queue ${query || '(no filter)'}: ${count} tickets, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
        );
        if (p95 > FLOOR_MS) failures.push(`${query || '(no filter)'} p95 ${p95.toFixed(1)} ms > ${FLOOR_MS} ms`);
      }
    } finally {
      await app.close();
    }
    if (failures.length > 0) {
      console.error(`FAIL: ${failures.join('; ')}`);
      process.exitCode = 1;
    } else console.log(`PASS: every first page <= ${FLOOR_MS} ms (p95) with ${TICKETS} tickets on SQLite`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
