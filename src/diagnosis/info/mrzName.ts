import { withoutAccents } from './characterClasses';

/** A name as the machine-readable zone holds it: capitals only, surname and given names apart. */
export interface MrzName {
  surname: string[];
  givenNames: string[];
}

/** A document value written the MRZ way (`ZHANG<<SAN`) rather than as printed. */
export function looksLikeMrzName(value: string): boolean {
  return value.includes('<');
}

const TD3_FIRST_LINE = /^P[A-Z<][A-Z<]{3}(?=[A-Z<]{39}$)/;

/** Reads `SURNAME<<GIVEN<NAMES`, also a whole first line of a passport MRZ (`P<CHNZHANG<<SAN...`). */
export function parseMrzNameField(value: string): MrzName {
  const field = value.trim().toUpperCase().replace(TD3_FIRST_LINE, '');
  const split = field.indexOf('<<');
  const surname = split < 0 ? field : field.slice(0, split);
  const given = split < 0 ? '' : field.slice(split + 2);
  return { surname: mrzTokens(surname), givenNames: mrzTokens(given) };
}

/** From already parsed MRZ fields, where the parser may have turned fillers into spaces. */
export function mrzNameFromFields(surname: string | undefined, givenNames: string | undefined): MrzName {
  return { surname: mrzTokens(surname ?? ''), givenNames: mrzTokens(givenNames ?? '') };
}

function mrzTokens(part: string): string[] {
  return part
    .toUpperCase()
    .split(/[<\s]+/)
    .filter((token) => token.length > 0);
}

/** ICAO 9303 part 3 transliterations that are not just "drop the accent". */
const MRZ_EXPANSIONS: Record<string, string> = {
  Ä: 'AE',
  Å: 'AA',
  Æ: 'AE',
  Ĳ: 'IJ',
  Ö: 'OE',
  Ø: 'OE',
  Ü: 'UE',
  ß: 'SS',
  ẞ: 'SS',
  Þ: 'TH',
  Œ: 'OE',
};

/** Whether a unit is written with more than one letter in the MRZ (Ü → UE, ß → SS). */
export function hasMrzExpansion(unit: string): boolean {
  return MRZ_EXPANSIONS[unit.toUpperCase()] !== undefined || MRZ_EXPANSIONS[unit] !== undefined;
}

/**
 * The spellings a name part can have in an MRZ: with ICAO's expansions (MÜLLER → MUELLER) and
 * with accents simply dropped (MULLER), which several issuing states use instead.
 */
export function mrzSpellings(token: string): string[] {
  const units = Array.from(token.normalize('NFC'));
  const expand = (unit: string): string => MRZ_EXPANSIONS[unit] ?? MRZ_EXPANSIONS[unit.toUpperCase()] ?? unit;
  const expanded = units.map((unit) => withoutAccents(expand(unit)).toUpperCase()).join('');
  const stripped = units.map((unit) => withoutAccents(unit === 'ß' ? 'SS' : unit).toUpperCase()).join('');
  return expanded === stripped ? [expanded] : [expanded, stripped];
}

/** The name as a person would type it from the MRZ: given names first, single spaces. */
export function readableMrzName(name: MrzName, surnameFirst: boolean): string {
  const parts = surnameFirst ? [...name.surname, ...name.givenNames] : [...name.givenNames, ...name.surname];
  return parts.join(' ');
}
