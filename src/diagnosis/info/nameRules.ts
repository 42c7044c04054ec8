import { hasLowerCase, isSpace, withoutAccents } from './characterClasses';
import {
  collapseUnrelated,
  correctedValue,
  findingsFromOps,
  hygieneFindings,
  makeFinding,
  positionOf,
  type ClassifiedOp,
  type FieldContext,
} from './findingBuilder';
import type { InfoFinding } from './infoFinding';
import type { InfoSettings } from './infoSettings';
import {
  hasMrzExpansion,
  looksLikeMrzName,
  mrzNameFromFields,
  mrzSpellings,
  parseMrzNameField,
  readableMrzName,
  type MrzName,
} from './mrzName';
import { toTextUnits } from './textUnits';
import { classifyAgainst, impliedName, printedName } from './nameDifferences';
import { orderFinding } from './nameOrder';

export interface NameCheck {
  entered: string;
  /** As printed, or in MRZ form (`ZHANG<<SAN`). */
  document?: string;
  mrz?: { surname?: string; givenNames?: string };
  settings: InfoSettings;
}

export function checkName(check: NameCheck): InfoFinding[] {
  const entered = toTextUnits(check.entered);
  const printed = check.document !== undefined && check.document.trim() !== '' ? check.document : undefined;
  const mrzName = mrzReference(printed, check.mrz);
  const document = printed ?? (mrzName === undefined ? undefined : mrzNameField(mrzName));
  const context: FieldContext =
    document === undefined ? { field: 'name', entered } : { field: 'name', entered, document };
  const typed = entered.units.map((unit) => unit.text);
  if (!typed.some((unit) => !isSpace(unit))) return hygieneFindings(context, undefined);
  if (printed !== undefined && mrzName === undefined) return againstPrinted(context, typed, printed, check.settings);
  const implied = impliedName(typed);
  const own = classifyAgainst(typed, implied, true);
  if (mrzName === undefined) return withHygiene(context, findingsFor(context, own, typed, implied, true));
  return againstMrz(context, typed, { implied, own }, mrzName);
}

function mrzReference(printed: string | undefined, mrz: NameCheck['mrz']): MrzName | undefined {
  const name =
    printed !== undefined
      ? looksLikeMrzName(printed)
        ? parseMrzNameField(printed)
        : undefined
      : mrz === undefined
        ? undefined
        : mrzNameFromFields(mrz.surname, mrz.givenNames);
  return name !== undefined && name.surname.length + name.givenNames.length > 0 ? name : undefined;
}

function mrzNameField(name: MrzName): string {
  return `${name.surname.join('<')}<<${name.givenNames.join('<')}`;
}

interface RuleFindings {
  findings: InfoFinding[];
  suggestion: string | undefined;
}

function withHygiene(context: FieldContext, result: RuleFindings): InfoFinding[] {
  return [...hygieneFindings(context, result.suggestion), ...result.findings];
}

function findingsFor(
  context: FieldContext,
  classified: ClassifiedOp[],
  typed: string[],
  reference: string[],
  caseIgnored: boolean,
): RuleFindings {
  const suggestion = correctedValue(classified, typed, reference, caseIgnored);
  return { findings: findingsFromOps(context, classified, suggestion), suggestion };
}

function againstPrinted(
  context: FieldContext,
  typed: string[],
  printed: string,
  settings: InfoSettings,
): InfoFinding[] {
  const reference = printedName(toTextUnits(printed).units.map((unit) => unit.text));
  const caseIgnored =
    settings.nameCase === 'ignore' ||
    (settings.nameCase === 'ignoreAllCaps' && (!hasLowerCase(typed.join('')) || !hasLowerCase(reference.join(''))));
  const order = orderFinding(context, typed, reference, caseIgnored);
  if (order !== undefined) return withHygiene(context, { findings: [order], suggestion: order.suggestion });
  let classified = collapseUnrelated(classifyAgainst(typed, reference, caseIgnored), 'name_mismatch');
  if (typedMrzSpelling(typed, reference)) {
    classified = classified.map(({ op, rule }) => ({
      op,
      rule: rule === 'name_mismatch' || rule === 'name_diacritics' ? 'name_mrz_spelling' : rule,
    }));
  }
  return withHygiene(context, findingsFor(context, classified, typed, reference, caseIgnored));
}

/** The user typed the MRZ transliteration (MUELLER, STRASSE) of a name printed with Ü or ß. */
function typedMrzSpelling(typed: string[], reference: string[]): boolean {
  if (!reference.some(hasMrzExpansion) || typed.some(hasMrzExpansion)) return false;
  const compact = (units: string[]): string => units.filter((unit) => !isSpace(unit)).join('');
  const typedKey = withoutAccents(compact(typed).normalize('NFKC')).toUpperCase();
  return mrzSpellings(compact(reference)).includes(typedKey);
}

/** The typed name checked on its own: its implied clean form and the steps to reach it. */
interface OwnCheck {
  implied: string[];
  own: ClassifiedOp[];
}

function againstMrz(
  context: FieldContext,
  typed: string[],
  { implied, own }: OwnCheck,
  mrzName: MrzName,
): InfoFinding[] {
  const cleaned = correctedValue(own, typed, implied, true);
  const typedTokens = nameTokens(cleaned.replace(/['’]/g, ''));
  const orders = [
    { surnameFirst: false, tokens: [...mrzName.givenNames, ...mrzName.surname] },
    { surnameFirst: true, tokens: [...mrzName.surname, ...mrzName.givenNames] },
  ];
  const agreeing = (tokens: string[]): number =>
    tokens.filter((token, i) => typedTokens[i] !== undefined && mrzSpellings(typedTokens[i] ?? '').includes(token))
      .length;
  if (orders.some(({ tokens }) => tokens.length === typedTokens.length && agreeing(tokens) === tokens.length)) {
    return withHygiene(context, findingsFor(context, own, typed, implied, true));
  }
  const closest = agreeing(orders[1]?.tokens ?? []) > agreeing(orders[0]?.tokens ?? []) ? orders[1] : orders[0];
  const mrzReadable = readableMrzName(mrzName, closest?.surnameFirst ?? false);
  const reference = Array.from(mrzReadable);
  const classified = classifyAgainst(typed, reference, true).map(({ op, rule }) => ({
    op,
    rule: rule === null || rule === 'name_case' || rule === 'name_diacritics' ? null : rule,
  }));
  // Without accents to worry about, the MRZ spelling is the value to type; with them, the MRZ
  // cannot tell us how the printed name is accented.
  const asciiOnly = /^[\x20-\x7e]*$/.test(cleaned);
  const suggestion = asciiOnly ? correctedValue(classified, typed, reference, true) : undefined;
  const mismatch = makeFinding(
    context,
    'name_mrz_mismatch',
    classified.flatMap(({ op, rule }) => {
      const position = rule === null ? undefined : positionOf(op, context.entered.units);
      return position === undefined ? [] : [position];
    }),
    suggestion,
    { mrzName: mrzReadable },
  );
  const ownFindings = findingsFromOps(context, own, suggestion ?? cleaned);
  return [...hygieneFindings(context, suggestion ?? cleaned), ...ownFindings, mismatch];
}

function nameTokens(value: string): string[] {
  return value.split(/[\s<.,\-‐·•・･．]+/u).filter((token) => token.length > 0);
}
