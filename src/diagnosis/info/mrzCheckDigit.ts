/** ICAO 9303 check digit (weights 7, 3, 1; A–Z count 10–35, `<` counts 0). */
export function mrzCheckDigit(field: string): string | undefined {
  const weights = [7, 3, 1];
  let sum = 0;
  let i = 0;
  for (const char of field) {
    const value = mrzCharValue(char);
    if (value === undefined) return undefined;
    sum += value * (weights[i % 3] ?? 0);
    i += 1;
  }
  return String(sum % 10);
}

function mrzCharValue(char: string): number | undefined {
  if (char === '<') return 0;
  if (/^[0-9]$/.test(char)) return Number(char);
  if (/^[A-Z]$/.test(char)) return char.charCodeAt(0) - 55;
  return undefined;
}

/** The passport-number field as the MRZ holds it: nine characters, padded with `<`. */
export function mrzNumberField(number: string): string {
  return number.length >= 9 ? number.slice(0, 9) : number.padEnd(9, '<');
}
