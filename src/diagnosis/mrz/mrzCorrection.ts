import { charKindAt, type MrzCharKind, type MrzCheckGroup, type MrzLayout } from './mrzLayout';
import { checkGroupsFor, isGroupValid } from './mrzCheckGroups';

/** What tesseract `eng` reads in place of each OCR-B character (runs of `<` read as K, L or C are restored earlier, by the line finder). */
const CONFUSIONS: Record<string, readonly string[]> = {
  '0': ['O', 'D', 'Q'],
  O: ['0', 'D', 'Q'],
  D: ['0', 'O'],
  Q: ['0', 'O'],
  '1': ['I', 'T'],
  I: ['1'],
  C: ['G'],
  '8': ['B'],
  B: ['8'],
  '5': ['S'],
  S: ['5'],
  '2': ['Z'],
  '7': ['Z', 'T'],
  Z: ['2', '7'],
  T: ['7', '1'],
  '6': ['G'],
  G: ['6'],
  K: ['<'],
};

/** In letter-only fields (codes, names) no check digit applies, but a digit is never legal there. */
const DIGIT_AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B' };

export interface CorrectionLimits {
  /** Substitutions tried beyond the mandatory ones (a letter in a date must change). */
  maxExtraSubstitutions: number;
  /** Candidates evaluated per check group at most; past it the group stays as read. */
  maxCandidatesPerGroup: number;
}

export interface MrzCorrectionResult {
  lines: string[];
  /** Characters changed, each confirmed by a check digit (or forced by a letter-only field). */
  corrections: number;
  /** True when some group's search hit the candidate cap. */
  truncated: boolean;
}

interface Position {
  line: number;
  index: number;
  options: readonly string[];
}

function isLegal(c: string, kind: MrzCharKind): boolean {
  if (c === '<') return kind !== 'digit';
  if (c >= '0' && c <= '9') return kind !== 'alpha';
  if (c >= 'A' && c <= 'Z') return kind !== 'digit';
  return false;
}

function key(line: number, index: number): string {
  return `${line}:${index}`;
}

function cellsOf(group: MrzCheckGroup): { line: number; index: number }[] {
  const cells = group.spans.flatMap((s) =>
    Array.from({ length: s.end - s.start }, (_, i) => ({ line: s.line, index: s.start + i })),
  );
  cells.push(group.digit);
  return cells;
}

/** k-subsets of [0, n) in lexicographic order. */
function* subsets(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= n - k; i++) {
    for (const rest of subsets(n, k - 1, i + 1)) yield [i, ...rest];
  }
}

/** Every way to give each position one of its options. */
function* assignments(positions: readonly Position[], at = 0): Generator<string[]> {
  if (at === positions.length) {
    yield [];
    return;
  }
  for (const option of positions[at].options) {
    for (const rest of assignments(positions, at + 1)) yield [option, ...rest];
  }
}

class Grid {
  readonly rows: string[][];

  constructor(lines: readonly string[]) {
    this.rows = lines.map((line) => [...line]);
  }

  get(line: number, index: number): string {
    return this.rows[line]?.[index] ?? '';
  }

  set(line: number, index: number, c: string): void {
    const row = this.rows[line];
    if (row && index < row.length) row[index] = c;
  }

  lines(): string[] {
    return this.rows.map((row) => row.join(''));
  }
}

interface GroupCorrection {
  changed: number;
  truncated: boolean;
  /** Substitutions beyond the forced ones, with what was read there: undone if the composite disagrees. */
  optional: { line: number; index: number; read: string }[];
}

/**
 * Fixes classic OCR confusions inside one check group only when exactly one minimal set of
 * substitutions makes the check digit agree; otherwise the group is left as read.
 */
function correctGroup(
  grid: Grid,
  layout: MrzLayout,
  group: MrzCheckGroup,
  frozen: Set<string>,
  limits: CorrectionLimits,
): GroupCorrection {
  const mandatory: Position[] = [];
  const optional: Position[] = [];
  for (const cell of cellsOf(group)) {
    if (frozen.has(key(cell.line, cell.index))) continue;
    const kind = charKindAt(layout, cell.line, cell.index);
    const current = grid.get(cell.line, cell.index);
    const isCheckDigit = cell.line === group.digit.line && cell.index === group.digit.index;
    const allowFiller = isCheckDigit && group.fillerAllowedWhenEmpty === true;
    const legal = isLegal(current, kind) || (allowFiller && current === '<');
    const options = (CONFUSIONS[current] ?? []).filter((c) => isLegal(c, kind) || (allowFiller && c === '<'));
    if (!legal) {
      if (options.length === 0) return { changed: 0, truncated: false, optional: [] };
      mandatory.push({ ...cell, options });
    } else if (options.length > 0) {
      optional.push({ ...cell, options });
    }
  }

  const original = mandatory.concat(optional).map((p) => grid.get(p.line, p.index));
  const restore = (): void => {
    mandatory.concat(optional).forEach((p, i) => grid.set(p.line, p.index, original[i]));
  };
  let evaluated = 0;
  for (let extra = 0; extra <= Math.min(limits.maxExtraSubstitutions, optional.length); extra++) {
    let solution: { positions: Position[]; values: string[] } | null = null;
    let ambiguous = false;
    for (const chosen of subsets(optional.length, extra)) {
      const positions = mandatory.concat(chosen.map((i) => optional[i]));
      for (const values of assignments(positions)) {
        if (++evaluated > limits.maxCandidatesPerGroup) {
          restore();
          return { changed: 0, truncated: true, optional: [] };
        }
        positions.forEach((p, i) => grid.set(p.line, p.index, values[i]));
        if (
          isGroupValid(
            grid.rows.map((row) => row.join('')),
            group,
            layout,
          )
        ) {
          if (solution) ambiguous = true;
          else solution = { positions, values };
        }
        restore();
      }
    }
    if (ambiguous) return { changed: 0, truncated: false, optional: [] };
    if (solution) {
      const optionalChanges = solution.positions
        .slice(mandatory.length)
        .map((p) => ({ line: p.line, index: p.index, read: grid.get(p.line, p.index) }));
      solution.positions.forEach((p, i) => grid.set(p.line, p.index, solution.values[i]));
      return { changed: solution.positions.length, truncated: false, optional: optionalChanges };
    }
  }
  return { changed: 0, truncated: false, optional: [] };
}

export function correctMrz(lines: readonly string[], layout: MrzLayout, limits: CorrectionLimits): MrzCorrectionResult {
  const grid = new Grid(lines);
  let corrections = 0;
  let truncated = false;

  for (let line = 0; line < layout.lineCount; line++) {
    for (let index = 0; index < layout.lineLength; index++) {
      const letter = DIGIT_AS_LETTER[grid.get(line, index)];
      if (letter && charKindAt(layout, line, index) === 'alpha') {
        grid.set(line, index, letter);
        corrections++;
      }
    }
  }

  // Field groups first, then the composite over whatever no field's own check digit confirmed.
  const frozen = new Set<string>();
  const groups = checkGroupsFor(layout, grid.lines());
  const optional: GroupCorrection['optional'] = [];
  for (const group of groups) {
    if (group.field !== 'composite') {
      const result = correctGroup(grid, layout, group, frozen, limits);
      corrections += result.changed;
      truncated ||= result.truncated;
      optional.push(...result.optional);
      if (isGroupValid(grid.lines(), group, layout)) cellsOf(group).forEach((c) => frozen.add(key(c.line, c.index)));
    }
  }
  const fieldCells = new Set(
    groups.filter((g) => g.field !== 'composite').flatMap((g) => cellsOf(g).map((c) => key(c.line, c.index))),
  );
  // One digit over a long stretch of optional data confirms little: allow a single change there.
  const compositeLimits = { ...limits, maxExtraSubstitutions: Math.min(1, limits.maxExtraSubstitutions) };
  for (const group of groups) {
    if (group.field === 'composite') {
      const result = correctGroup(grid, layout, group, new Set([...frozen, ...fieldCells]), compositeLimits);
      corrections += result.changed;
      truncated ||= result.truncated;
      // A field "fixed" by its own digit that the composite then contradicts was a guess: undo it,
      // so the report names the field that was actually misread.
      if (!isGroupValid(grid.lines(), group, layout)) {
        for (const change of optional) grid.set(change.line, change.index, change.read);
        corrections -= optional.length;
      }
    }
  }
  return { lines: grid.lines(), corrections, truncated };
}
