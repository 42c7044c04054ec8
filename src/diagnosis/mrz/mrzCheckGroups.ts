import { mrzCheckDigit } from './checkDigit';
import { charKindAt, readSpan, type MrzCheckGroup, type MrzLayout } from './mrzLayout';

/**
 * The layout's check groups for these lines. TD1 and TD2 document numbers longer than nine
 * characters put `<` where the check digit would be and continue in the optional data, whose
 * last character before the next filler is then the check digit (ICAO 9303 part 5, note j).
 */
export function checkGroupsFor(layout: MrzLayout, lines: readonly string[]): MrzCheckGroup[] {
  // Machine-readable visas (MRV-A/B, same sizes as TD3/TD2) carry no composite or optional-data check digit.
  const isVisa = layout.format !== 'TD1' && (lines[0] ?? '').startsWith('V');
  const checks = isVisa
    ? layout.checks.filter((g) => g.field !== 'composite' && g.field !== 'optionalData')
    : layout.checks;
  if (layout.format === 'TD3') return checks;
  return checks.map((group) => {
    if (group.field !== 'documentNumber') return group;
    const line = lines[group.digit.line] ?? '';
    const optionalEnd = layout.format === 'TD1' ? 30 : 35;
    if (line[group.digit.index] !== '<') return group;
    const start = group.digit.index + 1;
    const fillerAt = line.indexOf('<', start);
    const end = Math.min(fillerAt === -1 ? optionalEnd : fillerAt, optionalEnd);
    if (end - start < 2) return group;
    const first = group.spans[0];
    return {
      field: group.field,
      spans: [first, { line: first.line, start, end: end - 1 }],
      digit: { line: first.line, index: end - 1 },
    };
  });
}

export function groupValue(lines: readonly string[], group: MrzCheckGroup): string {
  return group.spans.map((s) => readSpan(lines, s)).join('');
}

/**
 * The check digit agrees and every character is legal where it stands: a date holding a letter
 * or a filler is not valid even if the sum happens to match (one chance in ten on garbage).
 */
export function isGroupValid(lines: readonly string[], group: MrzCheckGroup, layout: MrzLayout): boolean {
  const value = groupValue(lines, group);
  const digit = (lines[group.digit.line] ?? '')[group.digit.index];
  if (digit === undefined) return false;
  if (group.fillerAllowedWhenEmpty && digit === '<' && /^<*$/.test(value)) return true;
  for (const s of group.spans) {
    for (let index = s.start; index < s.end; index++) {
      const c = (lines[s.line] ?? '')[index] ?? '';
      if (charKindAt(layout, s.line, index) === 'digit' && !(c >= '0' && c <= '9')) return false;
    }
  }
  const expected = mrzCheckDigit(value);
  return expected !== null && digit === String(expected);
}
