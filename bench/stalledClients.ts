/**
 * The resource attacks of issue 14 against the real server in its own process, default settings:
 * - 50 photo uploads that declare 14 MB, send 13.5 MB and stall (issue: RSS 241 -> 941 MB, kept);
 * - 100 Direct Line conversations from one address, each with a stalled 14 MB upload (issue: 1.87 GB);
 * - 200 turns whose serviceUrl (the Emulator on this machine) accepts connections and never
 *   answers (issue: 201 sockets held after 200 requests).
 * Prints the server's resident memory (VmRSS now, VmHWM peak), what the clients were answered,
 * and the connections still open. Run: npm run bench:stalled
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { startLoopbackTarget } from '../test/support/loopbackTarget';
import { startServerProcess } from '../test/support/serverProcess';
import { stalledRequest, within, type StalledRequest } from '../test/support/stalledRequest';

const DECLARED = 14 * 1024 * 1024;
const SENT = Math.round(13.5 * 1024 * 1024);
const conversationBody = z.object({ conversationId: z.string(), token: z.string() });

function rssMb(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { now: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function statuses(requests: readonly StalledRequest[], waitMs: number): Promise<Record<string, number>> {
  const answers = await Promise.all(requests.map((r) => within(r.answered, waitMs, undefined)));
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer ? String(answer.status) : 'still stalled';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stalled-'));
  const server = await startServerProcess({ DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}` });
  const pid = server.child.pid ?? 0;
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    console.log(`server pid ${pid}, idle RSS ${rssMb(pid).now} MB`);

    const photos = Array.from({ length: 50 }, () =>
      stalledRequest({
        baseUrl: server.baseUrl,
        path: '/api/diagnose/photo',
        headers: { 'content-type': 'image/jpeg' },
        declaredBytes: DECLARED,
        sentBytes: SENT,
      }),
    );
    console.log('50 stalled 14 MB photo uploads, answers within 5 s:', await statuses(photos, 5000));
    console.log('  server RSS with them stalled:', rssMb(pid));
    for (const r of photos) r.abort();

    const uploads: StalledRequest[] = [];
    const starts: Record<string, number> = {};
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${server.baseUrl}/v3/directline/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      starts[res.status] = (starts[res.status] ?? 0) + 1;
      if (res.status !== 201) {
        await res.arrayBuffer();
        continue;
      }
      const started = conversationBody.parse(await res.json());
      uploads.push(
        stalledRequest({
          baseUrl: server.baseUrl,
          path: `/v3/directline/conversations/${started.conversationId}/upload`,
          headers: { 'content-type': 'multipart/form-data; boundary=b', authorization: `Bearer ${started.token}` },
          declaredBytes: DECLARED,
          sentBytes: SENT,
        }),
      );
    }
    console.log('100 Direct Line conversations from one address, starts answered:', starts);
    console.log('  their stalled uploads, answers within 5 s:', await statuses(uploads, 5000));
    console.log('  server RSS with them stalled:', rssMb(pid));
    for (const r of uploads) r.abort();

    const connector = await startLoopbackTarget('hang');
    const began = Date.now();
    const turns = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        fetch(`${server.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            channelId: 'emulator',
            serviceUrl: connector.url,
            conversation: { id: `hang-${n}` },
            from: { id: `u-${n}` },
            recipient: { id: 'bot' },
            text: 'menu',
          }),
        }).then(async (res) => {
          await res.arrayBuffer();
          return res.status;
        }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    console.log(
      `200 turns to a serviceUrl that never answers: all answered in ${((Date.now() - began) / 1000).toFixed(1)} s`,
      `(${turns.filter((s) => s === 200).length} with 200); connections to it at most ${connector.peakSockets()}`,
      `at once, ${connector.openSockets()} still open 1 s later`,
    );
    await connector.close();
    console.log('peak server RSS over the whole run:', rssMb(pid).peak, 'MB');
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
