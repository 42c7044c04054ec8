import type { Server } from 'restify';
import { z } from 'zod';
import type { TopicMatcherLike } from '../conversation/services';
import { LOCALES } from '../i18n/locales';
import { assertBearer } from '../http/bearerAuth';
import { HttpError } from '../http/httpError';
import { jsonBody } from '../http/jsonBody';
import { route } from '../http/route';
import { resolveLocale } from '../i18n/resolveLocale';

const MAX_TEXT = 10_000;
const bodySchema = z.strictObject({
  text: z.string().max(MAX_TEXT, `text is longer than ${MAX_TEXT} characters`),
  locale: z.string().max(35).optional(),
});

/** The contract (DESIGN.md) exposes causes and FAQ answers; refusals are the bot's own business. */
const PUBLIC_KINDS = new Set(['cause', 'faq']);

export interface PromptRouteDeps {
  matcher: TopicMatcherLike;
  apiKey: string | undefined;
  defaultLocale: (typeof LOCALES)[number];
  onUnexpected: (error: unknown) => void;
}

/** `POST /api/diagnose/prompt`: which failure cause or FAQ a text is about, for KYC front ends. */
export function registerPromptRoute(server: Server, deps: PromptRouteDeps): void {
  server.post(
    '/api/diagnose/prompt',
    ...jsonBody(64 * 1024),
    route(
      (req, res) => {
        assertBearer(req, deps.apiKey);
        if (!req.is('json'))
          throw new HttpError(415, 'unsupported_media_type', 'Send {"text": "..."} as application/json');
        const parsed = bodySchema.safeParse(req.body);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new HttpError(400, 'bad_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
        }
        const locale = resolveLocale(parsed.data.locale, deps.defaultLocale);
        const match = deps.matcher.match(parsed.data.text, locale);
        // A request to get around verification gets no cause and no suggestions to act on.
        if (match.kind === 'safety') {
          res.json({ topic: null, kind: null, confidence: 0, alternatives: [] });
          return;
        }
        res.json({
          topic: match.topic,
          kind: match.kind,
          confidence: Math.round(match.confidence * 1000) / 1000,
          alternatives: match.alternatives
            .filter((a) => PUBLIC_KINDS.has(a.kind))
            .map((a) => ({ topic: a.topic, kind: a.kind, confidence: Math.round(a.confidence * 1000) / 1000 })),
        });
      },
      (error) => deps.onUnexpected(error),
    ),
  );
}
