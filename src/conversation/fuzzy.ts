/**
 * Typo tolerance: how many edits a word of this length may carry and still count as the word.
 * Words under five letters get none (one edit turns "last" into "past"); long words get two.
 */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 9) return 1;
  return 2;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition, the most common
 * typing slip: "Documnet"). Returns `max + 1` as soon as the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, twoBack[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    twoBack = previous;
    previous = current;
  }
  return previous[b.length];
}

function deletions(word: string, depth: number, into: Set<string>): void {
  if (depth === 0) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) {
      into.add(shorter);
      deletions(shorter, depth - 1, into);
    }
  }
}

/**
 * A fixed vocabulary searchable by edit distance in near-constant time (symmetric-delete index,
 * as in SymSpell): every word is stored under each string reachable by deleting up to its
 * allowed number of characters, so a query only generates its own deletions and looks them up.
 */
export class FuzzyVocabulary {
  private readonly byDeletion = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    for (const word of new Set(words)) {
      const keys = new Set([word]);
      deletions(word, allowedEdits(word.length), keys);
      for (const key of keys) {
        const bucket = this.byDeletion.get(key);
        if (bucket) bucket.push(word);
        else this.byDeletion.set(key, [word]);
      }
    }
  }

  /** Vocabulary words within the allowed edit distance of `word`, closest first; `word` itself excluded. */
  nearest(word: string): { word: string; distance: number }[] {
    const keys = new Set([word]);
    deletions(word, allowedEdits(word.length), keys);
    const found = new Map<string, number>();
    for (const key of keys) {
      for (const candidate of this.byDeletion.get(key) ?? []) {
        if (candidate === word || found.has(candidate)) continue;
        const max = allowedEdits(Math.min(word.length, candidate.length));
        const distance = editDistance(word, candidate, max);
        if (distance <= max) found.set(candidate, distance);
      }
    }
    return [...found]
      .map(([w, distance]) => ({ word: w, distance }))
      .sort((x, y) => x.distance - y.distance || (x.word < y.word ? -1 : 1));
  }
}
