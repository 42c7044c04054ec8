// eslint-disable-next-line no-control-regex -- removing control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text from agents and users, made safe for both databases: PostgreSQL rejects U+0000 in text,
 * the pg driver turns lone surrogates into U+FFFD (so the two backends would disagree), and other
 * control characters only ever hide things from the agent reading the ticket.
 */
export function cleanTicketText(text: string): string {
  return text.replace(controlCharacters, '').replace(loneSurrogates, '\uFFFD');
}

/** The first `maxCharacters` code points, so a cut never splits a surrogate pair. */
export function truncateCodePoints(text: string, maxCharacters: number): string {
  const codePoints = Array.from(text);
  return codePoints.length <= maxCharacters ? text : codePoints.slice(0, maxCharacters).join('');
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
