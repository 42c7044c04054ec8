import { isInvisible, isUnusualSpace } from './characterClasses';

/** Longest value the check looks at, in code points; the HTTP schema rejects longer ones. */
export const MAX_VALUE_CODE_POINTS = 200;

/** One user-perceived character of a typed value and where it starts in the original value. */
export interface TextUnit {
  /** The grapheme, NFC-normalised; unusual spaces become U+0020. */
  text: string;
  /** Code-point index in the (truncated) original value. */
  index: number;
}

/** A typed value prepared for comparison, remembering what had to be cleaned away. */
export interface TextUnits {
  /** The value as received, cut to MAX_VALUE_CODE_POINTS. */
  original: string;
  truncated: boolean;
  units: TextUnit[];
  /** Code-point indexes of invisible characters (removed) and unusual spaces (made plain). */
  hiddenPositions: number[];
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

export function toTextUnits(value: string): TextUnits {
  const codePoints = Array.from(value);
  const truncated = codePoints.length > MAX_VALUE_CODE_POINTS;
  const kept = truncated ? codePoints.slice(0, MAX_VALUE_CODE_POINTS) : codePoints;
  const hiddenPositions: number[] = [];
  // Invisible characters are dropped before segmenting: a zero-width joiner would otherwise glue
  // itself to the letter before it and hide inside that grapheme.
  let clean = '';
  const originalIndexAtUtf16: number[] = [];
  kept.forEach((char, index) => {
    const cp = char.codePointAt(0) ?? 0;
    if (isInvisible(cp)) {
      hiddenPositions.push(index);
      return;
    }
    if (isUnusualSpace(cp)) hiddenPositions.push(index);
    const text = isUnusualSpace(cp) ? ' ' : char;
    originalIndexAtUtf16.push(...new Array<number>(text.length).fill(index));
    clean += text;
  });
  const units: TextUnit[] = [];
  for (const segment of graphemes.segment(clean)) {
    units.push({ text: segment.segment.normalize('NFC'), index: originalIndexAtUtf16[segment.index] ?? 0 });
  }
  return { original: kept.join(''), truncated, units, hiddenPositions };
}

export function unitsText(units: readonly TextUnit[]): string {
  return units.map((unit) => unit.text).join('');
}
