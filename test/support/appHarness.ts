import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { activitiesBody, jsonOf } from './json';
import { userActivity } from './userActivity';
import type { Deliver } from './transcriptRunner';

export interface RunningApp {
  app: App;
  baseUrl: string;
  dbDir: string;
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** One user talking in one conversation over /api/messages with expectReplies. */
  deliverIn(conversationId: string, userId?: string): Deliver;
  stop(): Promise<void>;
}

export function tempDbDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-bot-test-'));
}

/** The real server on port 0 with its own SQLite file; `env` overrides configuration. */
export async function startApp(
  env: Record<string, string> = {},
  options: { dbDir?: string; now?: () => number; pollReminders?: boolean } = {},
): Promise<RunningApp> {
  const dbDir = options.dbDir ?? tempDbDir();
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dbDir, 'bot.db')}`,
    LOG_LEVEL: 'silent',
    OCR_WORKERS: '1',
    ...env,
  });
  const app = await createApp(config, {
    logger: pino({ level: 'silent' }),
    now: options.now,
    pollReminders: options.pollReminders,
  });
  const port = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  const post = (pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${baseUrl}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
  const deliverIn =
    (conversationId: string, userId = 'user-1'): Deliver =>
    async (activity) => {
      const full = userActivity(conversationId, userId, {
        deliveryMode: 'expectReplies',
        id: `a-${Math.random().toString(36).slice(2)}`,
        ...activity,
      });
      const res = await post('/api/messages', full);
      if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
      const body = await jsonOf(res, activitiesBody);
      return body.activities;
    };
  return {
    app,
    baseUrl,
    dbDir,
    post,
    deliverIn,
    stop: async () => {
      await app.close();
    },
  };
}
