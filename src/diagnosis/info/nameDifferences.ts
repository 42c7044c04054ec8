/** How a typed name differs from a reference, character by character, and which rule each difference breaks. */
import {
  MIDDLE_DOT,
  differOnlyInCase,
  isFullWidth,
  isHan,
  isLatinLetter,
  isMiddleDotLike,
  isSpace,
  latinLookalikeOf,
  toHalfWidth,
  withoutAccents,
} from './characterClasses';
import type { ClassifiedOp } from './findingBuilder';
import type { InfoRuleId } from './infoRuleIds';
import { alignUnits, type AlignOp, type AlignmentCosts } from './unitAlignment';

/**
 * What a typed name should look like when there is no document to compare with: no MRZ fillers,
 * no full-width letters, no look-alike letters from another script, the document's middle dot
 * between the parts of a Chinese transliterated name, single spaces.
 */
export function impliedName(typed: string[]): string[] {
  const hasLatin = typed.some((unit) => isLatinLetter(unit) && latinLookalikeOf(unit) === undefined);
  const mapped = typed.map((unit, i) => {
    if (unit === '<') return ' ';
    if (isMiddleDotLike(unit) && unit !== MIDDLE_DOT && betweenHan(typed, i)) return MIDDLE_DOT;
    if (isFullWidth(unit)) return toHalfWidth(unit);
    const latin = hasLatin ? latinLookalikeOf(unit) : undefined;
    return latin ?? unit;
  });
  const out: string[] = [];
  mapped.forEach((unit, i) => {
    if (!isSpace(unit)) {
      out.push(unit);
      return;
    }
    const previous = out[out.length - 1];
    const next = mapped.slice(i + 1).find((candidate) => !isSpace(candidate));
    if (previous === undefined || next === undefined || isSpace(previous)) return;
    if (previous === MIDDLE_DOT || next === MIDDLE_DOT) return;
    out.push(unit);
  });
  return out;
}

/**
 * The printed name as the document really has it. Chinese documents print the middle dot U+00B7
 * between the parts of a transliterated name, so a look-alike between two Han characters is the
 * user's transcription (an IME's `・`, a `.`), and so are spaces around it; comparing against the
 * look-alike would flag the right dot and suggest the wrong one.
 */
export function printedName(units: string[]): string[] {
  const nameDot = units.map((unit, i) => isMiddleDotLike(unit) && betweenHan(units, i));
  const besideNameDot = (i: number): boolean => {
    const next = units.findIndex((unit, j) => j > i && !isSpace(unit));
    const previous = units.findLastIndex((unit, j) => j < i && !isSpace(unit));
    return (next !== -1 && nameDot[next]) || (previous !== -1 && nameDot[previous]);
  };
  const kept = units.flatMap((unit, i) =>
    nameDot[i] ? [MIDDLE_DOT] : isSpace(unit) && besideNameDot(i) ? [] : [unit],
  );
  return withSingleSpaces(kept);
}

/** The document value with stray spaces from its transcription removed: documents print single spaces. */
function withSingleSpaces(units: string[]): string[] {
  return units.filter(
    (unit, i) =>
      !isSpace(unit) || (i > 0 && !isSpace(units[i - 1] ?? ' ') && units.slice(i + 1).some((next) => !isSpace(next))),
  );
}

function betweenHan(units: string[], i: number): boolean {
  const before = units
    .slice(0, i)
    .reverse()
    .find((unit) => !isSpace(unit));
  const after = units.slice(i + 1).find((unit) => !isSpace(unit));
  return before !== undefined && after !== undefined && isHan(before) && isHan(after);
}

/** ß has no capital in everyday writing: in capitals it is written SS (STRAUSS for Strauß). */
function isSharpS(unit: string): boolean {
  return unit === 'ß' || unit === '\u1e9e';
}

function related(a: string, b: string): boolean {
  return (
    (isSharpS(a) && b === 'S') ||
    (b === MIDDLE_DOT && (isMiddleDotLike(a) || isSpace(a))) ||
    (a === '<' && isSpace(b)) ||
    toHalfWidth(a).toLowerCase() === b.toLowerCase() ||
    latinLookalikeOf(a)?.toLowerCase() === b.toLowerCase() ||
    withoutAccents(a).toLowerCase() === withoutAccents(b).toLowerCase()
  );
}

const NAME_COSTS: AlignmentCosts = {
  // A space standing in for the middle dot costs a little more than a dot look-alike, so in
  // "买买提 • 艾力" the bullet is paired with the dot and the spaces are the extra ones.
  substitute: (a, b) => (isSpace(a) && b === MIDDLE_DOT ? 1.5 : related(a, b) ? 1 : 4),
  gap: (unit) => (isSpace(unit) || isMiddleDotLike(unit) || unit === '<' ? 2 : 3),
};

/** Aligns a typed name with a reference and names the rule each difference breaks. */
export function classifyAgainst(typed: string[], reference: string[], caseIgnored: boolean): ClassifiedOp[] {
  const ops = alignUnits(typed, reference, NAME_COSTS);
  const capitalSharpS = capitalisedSharpS(ops, typed, reference);
  return ops.map((op, i) => ({
    op,
    rule: capitalSharpS.has(i) ? (caseIgnored ? null : 'name_case') : classify(op, typed, reference, caseIgnored),
  }));
}

/**
 * Indexes of the steps that pair a typed ß with the two capitals SS the reference writes for it:
 * the ß lined up with one S and the other S "missing" next to it. Together they are a case
 * difference, not a wrong letter and a missing one.
 */
function capitalisedSharpS(ops: readonly AlignOp[], typed: string[], reference: string[]): Set<number> {
  const indexes = new Set<number>();
  ops.forEach((op, i) => {
    if (op.kind !== 'sub' || !isSharpS(typed[op.a] ?? '') || reference[op.b] !== 'S') return;
    const partner = [i - 1, i + 1].find((j) => {
      const other = ops[j];
      return other?.kind === 'ins' && !indexes.has(j) && reference[other.b] === 'S' && Math.abs(other.b - op.b) === 1;
    });
    if (partner === undefined) return;
    indexes.add(i);
    indexes.add(partner);
  });
  return indexes;
}

function classify(op: AlignOp, typed: string[], reference: string[], caseIgnored: boolean): InfoRuleId | null {
  if (op.kind === 'equal') return null;
  if (op.kind === 'ins') {
    const missing = reference[op.b] ?? '';
    if (isSpace(missing)) return 'name_missing_space';
    return missing === MIDDLE_DOT ? 'name_middle_dot' : 'name_mismatch';
  }
  const a = typed[op.a] ?? '';
  if (op.kind === 'del') {
    if (a === '<') return 'name_mrz_filler';
    if (!isSpace(a)) return 'name_mismatch';
    const atEdge = typed.slice(0, op.a).every(isSpace) || typed.slice(op.a + 1).every(isSpace);
    if (atEdge) return 'name_extra_space';
    return isSpace(typed[op.a - 1] ?? '') || isSpace(typed[op.a + 1] ?? '') ? 'name_double_space' : 'name_extra_space';
  }
  const b = reference[op.b] ?? '';
  if (b === MIDDLE_DOT && (isMiddleDotLike(a) || isSpace(a))) return 'name_middle_dot';
  if (a === '<' && isSpace(b)) return 'name_mrz_filler';
  if (isFullWidth(a) && toHalfWidth(a).toLowerCase() === b.toLowerCase()) return 'full_width';
  if (latinLookalikeOf(a)?.toLowerCase() === b.toLowerCase()) return 'mixed_script';
  if (differOnlyInCase(a, b)) return caseIgnored ? null : 'name_case';
  const accentless = (unit: string): string =>
    caseIgnored ? withoutAccents(unit).toLowerCase() : withoutAccents(unit);
  if (accentless(a) === accentless(b)) return 'name_diacritics';
  return 'name_mismatch';
}
