import restify, { type RequestHandler } from 'restify';

/** Reads at most `maxBytes` (413 beyond) and parses JSON bodies; other content types stay unparsed. */
export function jsonBody(maxBytes: number): RequestHandler[] {
  return [
    restify.plugins.bodyReader({ maxBodySize: maxBytes }),
    ...restify.plugins.jsonBodyParser({ bodyReader: true }),
  ];
}
