// temporary profiling driver (not committed)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
const ROOT = path.resolve(__dirname, '..');
const TEXTS = ['Document photo unclear','Not now','yes','how long does the review take','人脸识别失败','menu','my passport expired','help'];
let sent = 0;
function body(): string { const i = sent++; return JSON.stringify({ type: 'message', text: TEXTS[i % TEXTS.length], channelId: 'bench', serviceUrl: 'https://bench.invalid', conversation: { id: `bench-${i % 200}` }, from: { id: `user-${i % 200}` }, recipient: { id: 'bot' }, locale: 'en', deliveryMode: 'expectReplies' }); }
async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-turns-'));
  const script = process.env.PROF_SCRIPT ?? 'src/index.ts';
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', process.env.PROF_DIR ?? '/tmp/turns2prof', '--import', 'tsx', path.join(ROOT, script)], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}` }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => { let out = ''; child.stdout!.on('data', (c: Buffer) => { out += c.toString(); const m = /"port":(\d+)/.exec(out); if (m) resolve(Number(m[1])); }); });
  child.stdout!.removeAllListeners('data'); child.stdout!.resume();
  const run = (d: number) => autocannon({ url: `http://127.0.0.1:${port}/api/messages`, connections: 32, duration: d, requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body() }) }] });
  await run(3);
  const r = await run(Number(process.env.PROF_SECONDS ?? 10));
  console.log('turns/s', r.requests.average, 'errors', r.errors + r.non2xx);
  child.kill('SIGTERM');
  await new Promise((res) => child.once('exit', res));
  fs.rmSync(dir, { recursive: true, force: true });
}
void main();
