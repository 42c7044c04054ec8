/** Keeps the last four characters, as tickets and API answers may show (DESIGN.md, Privacy). */
export function maskDocumentNumber(value: string): string {
  const characters = Array.from(value);
  return characters.length <= 4 ? value : '*'.repeat(characters.length - 4) + characters.slice(-4).join('');
}
