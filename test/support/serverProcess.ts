import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { activitiesBody, jsonOf } from './json';
import { userActivity } from './userActivity';

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  baseUrl: string;
  /** Everything the process printed so far (JSON log lines). */
  output(): string;
  exited: Promise<number | null>;
}

const ENTRY = path.join(__dirname, '..', '..', 'src', 'index.ts');

/** Starts the real server as its own process (PORT=0) and resolves when it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /"port":(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** One text turn over /api/messages with expectReplies; resolves with the replies' text. */
export async function sendTurn(
  server: ServerProcess,
  conversationId: string,
  userId: string,
  text: string,
): Promise<string> {
  const res = await fetch(`${server.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      userActivity(conversationId, userId, { type: 'message', text, locale: 'en', deliveryMode: 'expectReplies' }),
    ),
  });
  if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
  return (await jsonOf(res, activitiesBody)).activities.map((a) => a.text ?? '').join('\n');
}
