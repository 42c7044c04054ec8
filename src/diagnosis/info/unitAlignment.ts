/**
 * Weighted edit-distance alignment of two unit sequences (typed vs document). Costs come from
 * the caller so that a "related" substitution (x/X, O/0, ．/·) is cheaper than an unrelated one
 * and the alignment pairs the characters a person would pair.
 */
export type AlignOp =
  | { kind: 'equal' | 'sub'; a: number; b: number }
  | { kind: 'del'; a: number }
  /** `at` is the index in `a` the missing unit would precede (a.length when at the end). */
  | { kind: 'ins'; b: number; at: number };

export interface AlignmentCosts {
  substitute(a: string, b: string): number;
  /** Cost of a unit present on one side only. */
  gap(unit: string): number;
}

export function alignUnits(a: readonly string[], b: readonly string[], costs: AlignmentCosts): AlignOp[] {
  // Values repeat a handful of characters and the costs involve Unicode normalisation, so the
  // cost of each distinct pair is computed once.
  const aSymbols = symbolsOf(a);
  const bSymbols = symbolsOf(b);
  const substitution = new Float64Array(aSymbols.distinct.length * bSymbols.distinct.length);
  aSymbols.distinct.forEach((x, i) =>
    bSymbols.distinct.forEach((y, j) => {
      substitution[i * bSymbols.distinct.length + j] = x === y ? 0 : costs.substitute(x, y);
    }),
  );
  const aGap = a.map((unit) => costs.gap(unit));
  const bGap = b.map((unit) => costs.gap(unit));
  const sub = (i: number, j: number): number =>
    substitution[(aSymbols.ids[i] ?? 0) * bSymbols.distinct.length + (bSymbols.ids[j] ?? 0)] ?? 0;

  const width = b.length + 1;
  const cost = new Float64Array((a.length + 1) * width);
  for (let i = 1; i <= a.length; i += 1) cost[i * width] = (cost[(i - 1) * width] ?? 0) + (aGap[i - 1] ?? 0);
  for (let j = 1; j <= b.length; j += 1) cost[j] = (cost[j - 1] ?? 0) + (bGap[j - 1] ?? 0);
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const diagonal = (cost[(i - 1) * width + j - 1] ?? 0) + sub(i - 1, j - 1);
      const deletion = (cost[(i - 1) * width + j] ?? 0) + (aGap[i - 1] ?? 0);
      const insertion = (cost[i * width + j - 1] ?? 0) + (bGap[j - 1] ?? 0);
      cost[i * width + j] = Math.min(diagonal, deletion, insertion);
    }
  }

  const ops: AlignOp[] = [];
  let i = a.length;
  let j = b.length;
  while (i > 0 || j > 0) {
    const here = cost[i * width + j] ?? 0;
    // Walking back from the end, an extra typed unit is taken as extra before a pairing of equal
    // cost, so in "Sanfeng" against "SAN" it is "feng" that is extra, not "nfeg".
    if (i > 0 && nearlyEqual(here, (cost[(i - 1) * width + j] ?? 0) + (aGap[i - 1] ?? 0))) {
      ops.push({ kind: 'del', a: i - 1 });
      i -= 1;
      continue;
    }
    if (i > 0 && j > 0 && nearlyEqual(here, (cost[(i - 1) * width + j - 1] ?? 0) + sub(i - 1, j - 1))) {
      ops.push({ kind: a[i - 1] === b[j - 1] ? 'equal' : 'sub', a: i - 1, b: j - 1 });
      i -= 1;
      j -= 1;
      continue;
    }
    ops.push({ kind: 'ins', b: j - 1, at: i });
    j -= 1;
  }
  return ops.reverse();
}

function symbolsOf(units: readonly string[]): { distinct: string[]; ids: number[] } {
  const index = new Map<string, number>();
  const ids = units.map((unit) => {
    let id = index.get(unit);
    if (id === undefined) {
      id = index.size;
      index.set(unit, id);
    }
    return id;
  });
  return { distinct: [...index.keys()], ids };
}

function nearlyEqual(x: number, y: number): boolean {
  return Math.abs(x - y) < 1e-9;
}
