import type { Request, Response, Server } from 'restify';
import { pathParam } from '../../http/route';
import { SECURITY_HEADERS, sendAsset } from '../../http/staticAssets';
import { PAGE_CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { renderPageHtml, type PageOptions } from './pageHtml';
import { loadLanguageTexts } from '../../i18n/languageTexts';
import { LOCALES } from '../../i18n/locales';
import { LOCALES_DIR } from '../../projectPaths';
import { loadAsset } from './staticAssets';

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
    await sendAsset(req, res, name === undefined ? undefined : loadAsset(name));
  });
}
