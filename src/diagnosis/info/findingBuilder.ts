import type { InfoField, InfoFinding } from './infoFinding';
import { INFO_RULE_IDS, ruleMessageKey, type InfoRuleId } from './infoRuleIds';
import type { AlignOp } from './unitAlignment';
import { MAX_VALUE_CODE_POINTS, toTextUnits, unitsText, type TextUnit, type TextUnits } from './textUnits';

/** An alignment step with the rule it breaks; `null` when it is equal or a difference we accept. */
export interface ClassifiedOp {
  op: AlignOp;
  rule: InfoRuleId | null;
}

/** What every finding of one field shares. */
export interface FieldContext {
  field: InfoField;
  entered: TextUnits;
  /** The document value as received (for the finding's `document`). */
  document?: string;
}

/** A value as it can safely be shown inside a message: no invisible or direction-changing marks. */
function displayValue(value: string): string {
  return unitsText(toTextUnits(value).units);
}

export function makeFinding(
  context: FieldContext,
  rule: InfoRuleId,
  positions: readonly number[],
  suggestion: string | undefined,
  extraParams: Record<string, string | number> = {},
): InfoFinding {
  const messageParams: Record<string, string | number> = { entered: unitsText(context.entered.units) };
  if (context.document !== undefined) messageParams.document = displayValue(context.document);
  if (suggestion !== undefined) messageParams.suggestion = suggestion;
  Object.assign(messageParams, extraParams);
  const finding: InfoFinding = {
    field: context.field,
    rule,
    entered: context.entered.original,
    positions: [...new Set(positions)].sort((x, y) => x - y),
    messageKey: ruleMessageKey(rule),
    messageParams,
  };
  if (context.document !== undefined) finding.document = context.document;
  if (suggestion !== undefined) finding.suggestion = suggestion;
  return finding;
}

/**
 * Findings about the typed value itself, whatever the document says: invisible characters and a
 * value too long to be real. They carry the field's overall suggestion when there is one.
 */
export function hygieneFindings(context: FieldContext, suggestion: string | undefined): InfoFinding[] {
  const findings: InfoFinding[] = [];
  const { hiddenPositions, truncated } = context.entered;
  if (hiddenPositions.length > 0) {
    findings.push(
      makeFinding(context, 'hidden_character', hiddenPositions, suggestion, { count: hiddenPositions.length }),
    );
  }
  if (truncated) {
    findings.push(makeFinding(context, 'value_too_long', [], undefined, { maxLength: MAX_VALUE_CODE_POINTS }));
  }
  return findings;
}

/** The code-point position in the typed value that an alignment step points at. */
export function positionOf(op: AlignOp, units: readonly TextUnit[]): number | undefined {
  if (op.kind === 'ins') {
    const unit = units[Math.min(op.at, units.length - 1)];
    return unit?.index;
  }
  return units[op.a]?.index;
}

/** One finding per rule broken by the classified steps, in the stable rule order. */
export function findingsFromOps(
  context: FieldContext,
  classified: readonly ClassifiedOp[],
  suggestion: string | undefined,
  extraParams: (rule: InfoRuleId) => Record<string, string | number> = () => ({}),
): InfoFinding[] {
  const byRule = new Map<InfoRuleId, number[]>();
  for (const { op, rule } of classified) {
    if (rule === null) continue;
    const positions = byRule.get(rule) ?? [];
    const position = positionOf(op, context.entered.units);
    if (position !== undefined) positions.push(position);
    byRule.set(rule, positions);
  }
  return INFO_RULE_IDS.filter((rule) => byRule.has(rule)).map((rule) =>
    makeFinding(context, rule, byRule.get(rule) ?? [], suggestion, extraParams(rule)),
  );
}

/**
 * The value to type: the document's side of every step that breaks a rule, the user's side of
 * every accepted difference. When case differences are accepted, a letter taken from the
 * document follows the case the user wrote in, so "Zhang Sn" against "ZHANG SAN" suggests
 * "Zhang San" rather than "Zhang SAn".
 */
export function correctedValue(
  classified: readonly ClassifiedOp[],
  entered: readonly string[],
  reference: readonly string[],
  followEnteredCase: boolean,
): string {
  let out = '';
  for (const { op, rule } of classified) {
    if (op.kind === 'equal') out += entered[op.a] ?? '';
    else if (op.kind === 'sub') {
      out += rule === null ? (entered[op.a] ?? '') : caseLike(reference[op.b] ?? '', entered[op.a], followEnteredCase);
    } else if (op.kind === 'del') {
      if (rule === null) out += entered[op.a] ?? '';
    } else if (op.kind === 'ins' && rule !== null) {
      // A letter starting a new word follows the typed first letter ("Zhang" + "San"), other
      // letters their neighbours.
      const wordStart = out === '' || out.endsWith(' ');
      const neighbour = wordStart
        ? entered.find(isCased)
        : isCased(entered[op.at])
          ? entered[op.at]
          : entered[op.at - 1];
      out += caseLike(reference[op.b] ?? '', neighbour, followEnteredCase);
    }
  }
  return out;
}

function isCased(unit: string | undefined): boolean {
  return unit !== undefined && unit.toLowerCase() !== unit.toUpperCase();
}

function caseLike(unit: string, model: string | undefined, follow: boolean): string {
  if (!follow || model === undefined || !isCased(model)) return unit;
  return model === model.toLowerCase() ? unit.toLowerCase() : unit.toUpperCase();
}

/**
 * When more than half of the steps are plain mismatches, the value is a different one altogether:
 * say so once instead of listing spacing and case details of an unrelated string.
 */
export function collapseUnrelated(classified: readonly ClassifiedOp[], mismatch: InfoRuleId): ClassifiedOp[] {
  const mismatches = classified.filter(({ rule }) => rule === mismatch).length;
  if (mismatches * 2 <= classified.length) return [...classified];
  // Every character is highlighted: a letter that happens to coincide is not "right".
  return classified.map(({ op }) => ({ op, rule: mismatch }));
}
