/** Surname and given names in another order than the document prints them. */
import {
  hasLowerCase,
  isMiddleDotLike,
  isSpace,
  latinLookalikeOf,
  toHalfWidth,
  withoutAccents,
} from './characterClasses';
import { makeFinding, type FieldContext } from './findingBuilder';
import type { InfoFinding } from './infoFinding';
import { toTextUnits, unitsText } from './textUnits';

/** A name part and where it sits, as unit indexes [start, end). */
interface NameToken {
  text: string;
  start: number;
  end: number;
}

function tokensOf(units: string[]): NameToken[] {
  const tokens: NameToken[] = [];
  let start = -1;
  units.forEach((unit, i) => {
    const separator = isSpace(unit) || isMiddleDotLike(unit) || unit === '<' || unit === ',';
    if (!separator && start < 0) start = i;
    if (separator && start >= 0) {
      tokens.push({ text: units.slice(start, i).join(''), start, end: i });
      start = -1;
    }
  });
  if (start >= 0) tokens.push({ text: units.slice(start).join(''), start, end: units.length });
  return tokens;
}

function tokenKey(token: string): string {
  return Array.from(token)
    .map((unit) => withoutAccents(latinLookalikeOf(unit) ?? toHalfWidth(unit)).toLowerCase())
    .join('');
}

/** Surname and given names typed in the other order than the document prints them. */
export function orderFinding(
  context: FieldContext,
  typed: string[],
  reference: string[],
  caseIgnored: boolean,
): InfoFinding | undefined {
  const typedTokens = tokensOf(typed);
  const referenceTokens = tokensOf(reference);
  if (typedTokens.length < 2 || typedTokens.length !== referenceTokens.length) return undefined;
  const typedKeys = typedTokens.map((token) => tokenKey(token.text));
  const referenceKeys = referenceTokens.map((token) => tokenKey(token.text));
  if (typedKeys.join('\u0000') === referenceKeys.join('\u0000')) return undefined;
  if ([...typedKeys].sort().join('\u0000') !== [...referenceKeys].sort().join('\u0000')) return undefined;
  const misplaced = typedTokens.filter((_, i) => typedKeys[i] !== referenceKeys[i]);
  const positions = misplaced.flatMap((token) =>
    context.entered.units.slice(token.start, token.end).map((unit) => unit.index),
  );
  let suggestion = unitsText(toTextUnits(reference.join('')).units);
  if (caseIgnored) {
    suggestion = '';
    let cursor = 0;
    referenceTokens.forEach((token, i) => {
      suggestion += reference.slice(cursor, token.start).join('');
      const typedToken = typedTokens[typedKeys.indexOf(referenceKeys[i] ?? '')];
      suggestion += typedToken === undefined ? token.text : caseLikeToken(token.text, typedToken.text);
      cursor = token.end;
    });
    suggestion += reference.slice(cursor).join('');
  }
  return makeFinding(context, 'name_order', positions, suggestion);
}

/** The document's spelling of a name part in the case style the user typed it in. */
function caseLikeToken(documentToken: string, typedToken: string): string {
  if (!hasLowerCase(typedToken)) return documentToken.toUpperCase();
  if (typedToken === typedToken.toLowerCase()) return documentToken.toLowerCase();
  const [first = '', ...rest] = Array.from(documentToken);
  return first.toUpperCase() + rest.join('').toLowerCase();
}
