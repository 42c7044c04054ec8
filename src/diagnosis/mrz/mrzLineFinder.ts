import { charKindAt, MRZ_LAYOUTS, readSpan, type MrzLayout } from './mrzLayout';
import { checkGroupsFor, isGroupValid } from './mrzCheckGroups';

export interface FoundMrz {
  layout: MrzLayout;
  /** Exactly layout.lineLength characters each, not yet corrected. */
  lines: string[];
  /** Which of the given raw lines they came from. */
  sourceLines: number[];
  /** Mean difference between the raw line lengths and the format's: how well the format fits. */
  lengthMismatch: number;
}

/** Characters tried as inserted or dropped anywhere in a line, on top of fitting its filler runs. */
const MAX_ALIGNMENT_EDITS = 2;

/**
 * Upper-cases OCR output and keeps MRZ characters. Tesseract's `eng` model reads a run of
 * chevrons as a mix of `<`, K, L and C (and `«`), sometimes without a single `<` in it; such
 * runs become fillers again (four of those letters in a row do not occur in a name).
 */
export function cleanMrzLine(raw: string): string {
  const text = raw
    .toUpperCase()
    .replace(/«/g, '<<')
    .replace(/‹/g, '<')
    .replace(/[^A-Z0-9<]/g, '');
  return text.replace(/[<KLC]{3,}/g, (run) => (run.includes('<') || run.length >= 4 ? '<'.repeat(run.length) : run));
}

function looksLikeMrz(line: string): boolean {
  return line.length >= 24 && line.length <= 64 && (line.includes('<') || line.length >= 28);
}

/** Stretches or shrinks the longest filler run (OCR miscounts chevrons far more than other characters). */
function fitByFillerRuns(line: string, length: number): string {
  let text = line;
  while (text.length !== length) {
    const runs = [...text.matchAll(/<+/g)];
    const longest = runs.reduce<RegExpMatchArray | null>(
      (best, run) => (!best || run[0].length >= best[0].length ? run : best),
      null,
    );
    if (longest?.index === undefined || (text.length > length && longest[0].length < 2)) break;
    const at = longest.index + longest[0].length;
    text = text.length > length ? text.slice(0, at - 1) + text.slice(at) : text.slice(0, at) + '<' + text.slice(at);
  }
  return text.length >= length ? text.slice(0, length) : text.padEnd(length, '<');
}

/** Every distinct line with `count` fillers inserted. */
function insertions(line: string, count: number): Set<string> {
  let current = new Set([line]);
  for (let n = 0; n < count; n++) {
    const next = new Set<string>();
    for (const text of current) {
      for (let i = 0; i <= text.length; i++) next.add(text.slice(0, i) + '<' + text.slice(i));
    }
    current = next;
  }
  return current;
}

/** Every distinct line with `count` characters dropped (dropping any one of a run gives the same line). */
function deletions(line: string, count: number): Set<string> {
  let current = new Set([line]);
  for (let n = 0; n < count; n++) {
    const next = new Set<string>();
    for (const text of current) {
      for (let i = 0; i < text.length; i++) next.add(text.slice(0, i) + text.slice(i + 1));
    }
    current = next;
  }
  return current;
}

function alignmentScore(lines: string[], lineIndex: number, layout: MrzLayout): number {
  let score = 0;
  const line = lines[lineIndex];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const kind = charKindAt(layout, lineIndex, i);
    if (kind === 'digit' ? c >= '0' && c <= '9' : kind === 'alpha' ? c === '<' || (c >= 'A' && c <= 'Z') : true)
      score++;
  }
  for (const group of checkGroupsFor(layout, lines)) {
    if (group.digit.line === lineIndex && isGroupValid(lines, group, layout)) score += 10;
  }
  // State codes are letters padded with fillers ("D<<"), never a filler first: a shift that
  // pushes one out of place is a misalignment even if some check digit happens to agree.
  for (const state of [layout.issuingState, layout.nationality]) {
    if (state.line === lineIndex && !/^[A-Z]+<*$/.test(readSpan(lines, state))) score -= 15;
  }
  return score;
}

/**
 * Brings a line to its format's length. OCR miscounts chevrons most, so the filler runs are
 * stretched or shrunk to fit; before that, up to two characters are also tried as dropped
 * anywhere when the line is too long (a glyph read twice), or as a filler inserted anywhere
 * when it is too short, and the variant that best fits the layout (valid check digits, digits
 * where digits belong) wins; ties keep the plain fit.
 */
function alignLine(lines: string[], lineIndex: number, layout: MrzLayout): string {
  const line = lines[lineIndex];
  const score = (candidate: string): number =>
    alignmentScore(
      lines.map((l, i) => (i === lineIndex ? candidate : l)),
      lineIndex,
      layout,
    );
  let best = fitByFillerRuns(line, layout.lineLength);
  // Only check digits can tell a good edit from a bad one: lines without any are just fitted.
  if (!checkGroupsFor(layout, lines).some((group) => group.digit.line === lineIndex)) return best;
  let bestScore = score(best);
  // Edits go only the way the length is off: a line of the right length is taken as read.
  const missing = layout.lineLength - line.length;
  for (let edits = 1; edits <= Math.min(MAX_ALIGNMENT_EDITS, Math.abs(missing)); edits++) {
    for (const edited of missing > 0 ? insertions(line, edits) : deletions(line, edits)) {
      const candidate = fitByFillerRuns(edited, layout.lineLength);
      const candidateScore = score(candidate);
      if (candidateScore > bestScore) {
        best = candidate;
        bestScore = candidateScore;
      }
    }
  }
  return best;
}

/** Lines that hold only letters and fillers (the document code line, TD1's names) never start with a digit: that is noise. */
function dropLeadingNoise(layout: MrzLayout, lines: string[]): string[] {
  return lines.map((line, i) =>
    i === 0 || (layout.format === 'TD1' && i === 2) ? line.replace(/^[0-9]+(?=[A-Z<])/, '') : line,
  );
}

function fit(layout: MrzLayout, read: string[], sourceLines: number[]): FoundMrz {
  const lines = dropLeadingNoise(layout, read);
  const aligned = lines.map((l) => fitByFillerRuns(l, layout.lineLength));
  for (let i = 0; i < lines.length; i++) {
    aligned[i] = alignLine(
      aligned.map((l, j) => (j === i ? lines[i] : l)),
      i,
      layout,
    );
  }
  const lengthMismatch = lines.reduce((sum, l) => sum + Math.abs(l.length - layout.lineLength), 0) / lines.length;
  return { layout, lines: aligned, sourceLines, lengthMismatch };
}

/** TD1's upper line starts with a letter document code, its middle line with a birth date. */
const startsLikeTd1Top = (line: string): boolean => /^[ACI]/.test(line);

/**
 * Takes the bottom-most run of two or three MRZ-like lines from OCR output and fits it to every
 * format it could be; the caller keeps the reading whose check digits agree best. A TD1 read
 * with only two lines still yields its check digits (the missing names line carries none).
 */
export function findMrzCandidates(rawLines: readonly string[]): FoundMrz[] {
  const cleaned = rawLines.map(cleanMrzLine);
  let run: number[] = [];
  let best: number[] = [];
  cleaned.forEach((line, i) => {
    if (looksLikeMrz(line)) {
      run.push(i);
      if (run.length >= 2) best = [...run];
    } else {
      run = [];
    }
  });
  if (best.length < 2) return [];
  const candidates: FoundMrz[] = [];
  const lastTwo = best.slice(-2);
  // Passports are always TD3 (ICAO 9303 part 4); other codes come in TD1, TD2 or TD3 sizes.
  const isPassport = cleaned[lastTwo[0]].startsWith('P');
  for (const layout of isPassport ? [MRZ_LAYOUTS.TD3] : [MRZ_LAYOUTS.TD3, MRZ_LAYOUTS.TD2]) {
    candidates.push(
      fit(
        layout,
        lastTwo.map((i) => cleaned[i]),
        lastTwo,
      ),
    );
  }
  if (best.length >= 3) {
    const lastThree = best.slice(-3);
    candidates.push(
      fit(
        MRZ_LAYOUTS.TD1,
        lastThree.map((i) => cleaned[i]),
        lastThree,
      ),
    );
  }
  const firstTwo = best
    .slice(-3)
    .filter((i) => startsLikeTd1Top(cleaned[i]))
    .slice(0, 1);
  const top = firstTwo[0];
  if (top !== undefined && best.includes(top + 1)) {
    const lines = [cleaned[top], cleaned[top + 1], ''];
    candidates.push(fit(MRZ_LAYOUTS.TD1, lines, [top, top + 1]));
  }
  return candidates;
}
