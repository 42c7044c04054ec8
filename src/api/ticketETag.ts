/** The HTTP entity tag of a ticket version (DESIGN.md: `"<version>"`). */
export function ticketETag(version: number): string {
  return `"${version}"`;
}

export type IfMatch =
  | { readonly kind: 'missing' }
  | { readonly kind: 'any' }
  | { readonly kind: 'version'; readonly version: number }
  | { readonly kind: 'unmatchable' };

/**
 * Reads an If-Match header against ticket ETags. Strong comparison (RFC 9110): a weak tag or a
 * list that names no version of ours can never match, which is a 412, not a 400.
 */
export function parseIfMatch(header: string | undefined): IfMatch {
  if (header === undefined || header.trim() === '') return { kind: 'missing' };
  const value = header.trim();
  if (value === '*') return { kind: 'any' };
  const match = /^"([1-9][0-9]{0,9})"$/.exec(value);
  if (match === null) return { kind: 'unmatchable' };
  return { kind: 'version', version: Number(match[1]) };
}
