import type { Server } from 'restify';
import { checkInfo } from '../diagnosis/info/infoCheck';
import { infoCheckInputOf, parseInfoRequest } from '../diagnosis/info/infoRequest';
import { toInfoResponse } from '../diagnosis/info/infoResponse';
import type { InfoSettings } from '../diagnosis/info/infoSettings';
import type { Locale } from '../i18n/locales';
import { assertBearer } from '../http/bearerAuth';
import { HttpError } from '../http/httpError';
import { jsonBody } from '../http/jsonBody';
import { route } from '../http/route';
import type { OutcomeRecorder } from '../reports/outcomes';
import type { Localizer } from '../i18n/localizer';
import { resolveAcceptLanguage, resolveLocale } from '../i18n/resolveLocale';

export interface InfoRouteDeps {
  localizer: Localizer;
  settings: InfoSettings;
  apiKey: string | undefined;
  defaultLocale: Locale;
  /** Counts each check's result and the rules it found for the reports (ids only). */
  outcomes?: OutcomeRecorder;
  onUnexpected: (error: unknown) => void;
}

/**
 * `POST /api/diagnose/info`: what the user typed vs the document, character by character, for
 * KYC front ends. The values live only for this request: never logged, never stored.
 */
export function registerInfoRoute(server: Server, deps: InfoRouteDeps): void {
  server.post(
    '/api/diagnose/info',
    ...jsonBody(32 * 1024),
    route(
      (req, res) => {
        assertBearer(req, deps.apiKey);
        if (!req.is('json')) throw new HttpError(415, 'unsupported_media_type', 'Send the values as application/json');
        const parsed = parseInfoRequest(req.body);
        if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.message);
        const locale = parsed.request.locale
          ? resolveLocale(parsed.request.locale, deps.defaultLocale)
          : resolveAcceptLanguage(req.header('accept-language'), deps.defaultLocale);
        const t = deps.localizer.t(locale);
        const result = checkInfo(infoCheckInputOf(parsed.request), { settings: deps.settings });
        deps.outcomes?.record({ kind: 'infoChecked', match: result.match, rules: result.findings.map((f) => f.rule) });
        res.json(toInfoResponse(result, (key, params) => t(`info:${key}`, params)));
      },
      (error) => deps.onUnexpected(error),
    ),
  );
}
