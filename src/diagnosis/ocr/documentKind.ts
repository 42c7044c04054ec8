import { cnIdBirthDate, cnIdCheckCharacter } from '../info/cnResidentId';
import type { MrzReading } from '../mrz/mrzParser';
import { knownStateCode } from '../mrz/stateCodes';

export const DOCUMENT_TYPES = ['passport', 'id_card', 'residence_permit', 'visa', 'cn_resident_id', 'unknown'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface DocumentKind {
  type: DocumentType;
  /** ISO 3166 alpha-3 (or an ICAO code such as UTO, EUE) of the issuing state, when read. */
  issuer?: string;
  /** The document says it is temporary or provisional. */
  temporary: boolean;
}

/** Residence documents carry an ID-card document code (I, A, C); their title tells them apart. */
const RESIDENCE_WORDS =
  /RESIDEN(?:CE|T)\s*(?:PERMIT|CARD)|PERMANENT\s*RESIDENT|AUFENTHALTS|TITRE\s*DE\s*S[EÉ]JOUR|PERMESSO\s*DI\s*SOGGIORNO|PERMISO\s*DE\s*RESIDENCIA|TARJETA\s*DE\s*RESIDENCIA|VERBLIJFS|居留/i;
const TEMPORARY_WORDS = /TEMPORARY|PROVISIONAL|PROVISOIRE|VORL[ÄA]UFIG|PROVISORI|TEMPORAL|临时|臨時/i;

/**
 * The issuing state when it is a known code. No check digit covers it, so a misread one is
 * replaced by the holder's nationality on passports and ID cards, which their own state issues;
 * a visa's or residence permit's holder is a foreigner, so there it is left out.
 */
function issuerOf(reading: MrzReading, type: DocumentType): string | undefined {
  const issuer = knownStateCode(reading.fields.issuingState);
  if (issuer || (type !== 'passport' && type !== 'id_card')) return issuer;
  return knownStateCode(reading.fields.nationality);
}

/**
 * The type when the MRZ's document code settles it whatever the page says (a passport, a visa:
 * neither is a card that could be temporary or a residence permit).
 */
export function typeSettledByMrz(reading: MrzReading): DocumentType | undefined {
  const code = reading.fields.documentCode;
  if (reading.format !== 'TD1' && code.startsWith('P')) return 'passport';
  if (reading.format !== 'TD1' && code.startsWith('V')) return 'visa';
  return undefined;
}

function typeFromMrz(reading: MrzReading, printedText: string): DocumentType {
  const settled = typeSettledByMrz(reading);
  if (settled) return settled;
  const code = reading.fields.documentCode;
  // ICAO leaves the second letter to the issuer; "R" (IR, AR, CR) is how states mark residence permits.
  if (/^[IAC]R/.test(code) || RESIDENCE_WORDS.test(printedText)) return 'residence_permit';
  return 'id_card';
}

/**
 * The 18-character number of a Chinese resident identity card, printed on its front: 17 digits
 * and a MOD 11-2 check character, with a real birth date inside. OCR of the page may split it
 * into groups; the check character makes a chance match of other digits negligible.
 */
export function findCnResidentIdNumber(printedText: string): string | undefined {
  const found = readCnResidentIdNumber(printedText);
  return found?.valid ? found.number : undefined;
}

/**
 * A number shaped like a resident ID number (17 digits, a digit or X, a real birth date inside),
 * the first whose check character agrees if any does: `valid` false means it was misread or is
 * not a real number.
 */
export function readCnResidentIdNumber(printedText: string): { number: string; valid: boolean } | undefined {
  const joined = printedText.toUpperCase().replace(/(?<=\d)[ \t]+(?=[\dX])/g, '');
  let shaped: string | undefined;
  for (const match of joined.matchAll(/(?<![\dA-Z])(\d{17}[\dX])(?![\dA-Z])/g)) {
    const number = match[1] ?? '';
    if (!cnIdBirthDate(number)) continue;
    if (cnIdCheckCharacter(number.slice(0, 17)) === number[17]) return { number, valid: true };
    shaped ??= number;
  }
  return shaped ? { number: shaped, valid: false } : undefined;
}

/** Types whose temporary issue the playbook refuses ("temporary ID cards are also not accepted"). */
const ID_CARD_TYPES: readonly DocumentType[] = ['id_card', 'cn_resident_id'];

/**
 * The kind of document from what was read: the MRZ's document code when the reading is an MRZ
 * (plausible codes, or every check digit agreeing; the code itself is outside every check digit),
 * else a Chinese resident ID number on the front, else unknown.
 */
export function documentKind(reading: MrzReading | null, printedText: string): DocumentKind {
  const withTemporary = (type: DocumentType, issuer: string | undefined): DocumentKind => ({
    type,
    ...(issuer ? { issuer } : {}),
    temporary: ID_CARD_TYPES.includes(type) && TEMPORARY_WORDS.test(printedText),
  });
  // All digits agreeing is evidence enough of an MRZ even when a state code was misread.
  // TD1, the three-line size, is only ever a card (ICAO 9303 part 5): the layout names it when the code is unreadable.
  const readable = reading && (/^[PIACV]/.test(reading.fields.documentCode) || reading.format === 'TD1');
  if (reading && readable && (reading.plausible || reading.valid)) {
    const type = typeFromMrz(reading, printedText);
    return withTemporary(type, issuerOf(reading, type));
  }
  if (findCnResidentIdNumber(printedText)) return withTemporary('cn_resident_id', 'CHN');
  return withTemporary('unknown', undefined);
}

export interface DocumentAcceptance {
  accepted: boolean;
  /** Why not: the type itself (e.g. `visa`), or `temporary`. */
  reason?: DocumentType | 'temporary';
}

/** Whether the exchange takes this document, by the configured policy. */
export function documentAcceptance(
  kind: DocumentKind,
  policy: { notAccepted: readonly DocumentType[]; temporaryIdCardsAccepted: boolean },
): DocumentAcceptance {
  if (policy.notAccepted.includes(kind.type)) return { accepted: false, reason: kind.type };
  if (kind.temporary && !policy.temporaryIdCardsAccepted) return { accepted: false, reason: 'temporary' };
  return { accepted: true };
}
