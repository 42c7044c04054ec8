import type { Request, Response, Server } from 'restify';
import { sendError } from '../../http/httpError';
import { pathParam } from '../../http/route';
import { PAGE_CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { renderPageHtml, type PageOptions } from './pageHtml';
import { loadLanguageTexts } from '../../i18n/languageTexts';
import { LOCALES } from '../../i18n/locales';
import { LOCALES_DIR } from '../../projectPaths';
import { loadAsset, type LoadedAsset } from './staticAssets';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** `GET /`: the branded Web Chat page; `GET /webchat/:asset`: its script, style, icon and Web Chat's bundle. */
export function registerWebChatPage(server: Server, options: PageOptions): void {
  const names = loadLanguageTexts(LOCALES_DIR);
  const html = Buffer.from(
    renderPageHtml(
      options,
      LOCALES.map((locale) => ({ locale, name: names.name(locale) })),
    ),
  );

  // eslint-disable-next-line @typescript-eslint/require-await -- restify 11 takes a two-argument handler only as an async function
  server.get('/', async (_req: Request, res: Response) => {
    res.sendRaw(200, html, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PAGE_CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-cache',
    });
  });

  server.get('/webchat/:asset', async (req: Request, res: Response) => {
    const name = pathParam(req, 'asset');
    const pending = name === undefined ? undefined : loadAsset(name);
    if (!pending) {
      sendError(res, 404, 'not_found', 'No such file.');
      return;
    }
    let asset: LoadedAsset;
    try {
      asset = await pending;
    } catch {
      sendError(res, 500, 'internal', 'The file could not be read.');
      return;
    }
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': asset.contentType,
      'Cache-Control': asset.cacheControl,
      ETag: asset.etag,
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === asset.etag) {
      res.sendRaw(304, '', headers);
      return;
    }
    const gzipOk = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    if (gzipOk) headers['Content-Encoding'] = 'gzip';
    res.sendRaw(200, gzipOk ? asset.gzipped : asset.raw, headers);
  });
}
