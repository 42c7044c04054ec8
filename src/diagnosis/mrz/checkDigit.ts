const WEIGHTS = [7, 3, 1] as const;

/** ICAO 9303 character value: digits as is, A..Z = 10..35, the filler `<` = 0; -1 for anything else. */
export function mrzCharValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  if (c === '<') return 0;
  return -1;
}

/** The 7-3-1 weighted check digit of an MRZ field, or null when it holds a non-MRZ character. */
export function mrzCheckDigit(value: string): number | null {
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const v = mrzCharValue(value[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i % 3];
  }
  return sum % 10;
}
