import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { sendError } from '../../http/httpError';
import { pathParam } from '../../http/route';
import { assetLoader, SECURITY_HEADERS, sendAsset, type AssetSource } from '../../http/staticAssets';
import { LOCALES_DIR, PROJECT_ROOT } from '../../projectPaths';

/** The console's own files and i18next's browser bundle, all from this server (no CDN, no inline script or style). */
const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'api', 'agentConsole', 'public');
const I18NEXT_UMD = path.join(path.dirname(require.resolve('i18next/package.json')), 'dist', 'umd', 'i18next.min.js');
// chart.js exports no package.json; its UMD build sits beside the main entry (dist/chart.cjs).
const CHART_UMD = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
/** Pages are served at their own paths, not as assets. */
const PAGES = new Set(['console.html', 'reports.html']);
/** Markup both pages show (the language, agent and sign-out controls; the sign-in form), written once. */
const PARTS = new Set(['accountBar.html', 'signIn.html']);
const INCLUDE = /<!--#include file="([\w.]+)" -->/g;

/**
 * A page with its shared parts put in where it says `<!--#include file="<part>" -->`. Done on the
 * server rather than by script because the route already reads each page once per process (so it
 * costs one pass), and the header and sign-in form then come with the page, before any script runs,
 * exactly as they did when each page held its own copy: nothing appears late and the CSP stays as it is.
 */
async function withParts(file: string): Promise<Buffer> {
  const html = await readFile(file, 'utf8');
  const names = new Set(Array.from(html.matchAll(INCLUDE), (match) => match[1] ?? ''));
  const parts = new Map<string, string>();
  for (const name of names) {
    if (!PARTS.has(name)) throw new Error(`${path.basename(file)} includes "${name}", which is not a part`);
    parts.set(name, (await readFile(path.join(PUBLIC_DIR, name), 'utf8')).trimEnd());
  }
  return Buffer.from(html.replace(INCLUDE, (_match, name: string) => parts.get(name) ?? ''));
}
const page = (file: string): AssetSource => ({
  file: path.join(PUBLIC_DIR, file),
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'no-cache',
  read: withParts,
});
const script = (file: string, cacheControl = 'no-cache'): AssetSource => ({
  file,
  contentType: 'text/javascript; charset=utf-8',
  cacheControl,
});
const loadAsset = assetLoader({
  'console.html': page('console.html'),
  'console.js': script(path.join(PUBLIC_DIR, 'console.js')),
  'consoleCommon.js': script(path.join(PUBLIC_DIR, 'consoleCommon.js')),
  'reports.html': page('reports.html'),
  'reports.js': script(path.join(PUBLIC_DIR, 'reports.js')),
  'chart.js': script(CHART_UMD, 'public, max-age=86400'),
  'console.css': {
    file: path.join(PUBLIC_DIR, 'console.css'),
    contentType: 'text/css; charset=utf-8',
    cacheControl: 'no-cache',
  },
  'i18next.js': script(I18NEXT_UMD, 'public, max-age=86400'),
});

/**
 * Locales the console is translated into (locales/agent-console/<locale>.json): staff texts, kept
 * apart from the conversation locales that every user language must cover.
 */
export const CONSOLE_LOCALES = ['en', 'zh-CN'] as const;
const localeSchema = z.enum(CONSOLE_LOCALES);
const textTree = z.record(z.string(), z.unknown());
const topicsSchema = z.record(z.string(), z.unknown());

/** The console texts plus each topic's label (the ticket's cause), so the console names causes as the bot does. */
async function consoleTexts(locale: string): Promise<string> {
  const dir = path.join(LOCALES_DIR, locale);
  const agent = textTree.parse(
    JSON.parse(await readFile(path.join(LOCALES_DIR, 'agent-console', `${locale}.json`), 'utf8')),
  );
  const topics = topicsSchema.parse(JSON.parse(await readFile(path.join(dir, 'topics.json'), 'utf8')));
  const causes: Record<string, string> = {};
  for (const [id, topic] of Object.entries(topics)) {
    const label: unknown = typeof topic === 'object' && topic !== null ? Reflect.get(topic, 'label') : undefined;
    if (typeof label === 'string') causes[id] = label;
  }
  return JSON.stringify({ ...agent, cause: causes });
}

const texts = new Map<string, Promise<string>>();

/** `GET /agent`: the agent console; `/agent/reports` its reports; `/agent/assets/:asset` their files; `/agent/texts/:locale` their texts. */
export function registerAgentConsolePage(server: Server): void {
  const sendPage =
    (file: string) =>
    async (req: Request, res: Response): Promise<void> => {
      res.header('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
      await sendAsset(req, res, loadAsset(file));
    };
  server.get('/agent', sendPage('console.html'));
  server.get('/agent/', sendPage('console.html'));
  server.get('/agent/reports', sendPage('reports.html'));

  server.get('/agent/assets/:asset', async (req: Request, res: Response) => {
    const name = pathParam(req, 'asset');
    await sendAsset(req, res, name === undefined || PAGES.has(name) ? undefined : loadAsset(name));
  });

  server.get('/agent/texts/:locale', async (req: Request, res: Response) => {
    const locale = localeSchema.safeParse(pathParam(req, 'locale'));
    if (!locale.success) {
      sendError(res, 404, 'not_found', `The console speaks ${CONSOLE_LOCALES.join(', ')}.`);
      return;
    }
    let pending = texts.get(locale.data);
    if (!pending) {
      pending = consoleTexts(locale.data);
      pending.catch(() => texts.delete(locale.data));
      texts.set(locale.data, pending);
    }
    try {
      const body = await pending;
      res.sendRaw(200, body, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
    } catch {
      sendError(res, 500, 'internal', 'The texts could not be read.');
    }
  });
}
