import { randomInt } from 'node:crypto';

/**
 * Crockford-style symbols without the ones people confuse when reading a number aloud or
 * retyping it: 0/O, 1/I/L, U (vs V) and Z (vs 2). 29 symbols: a prime, so the weighted check
 * character below catches every single wrong symbol and every swap of two neighbours.
 */
export const TICKET_NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXY';
export const TICKET_NUMBER_PREFIX = 'KYC-';
/** 29^6 ≈ 595 million numbers; the database's UNIQUE constraint and a retry handle the rare collision. */
const RANDOM_LENGTH = 6;
const MODULUS = TICKET_NUMBER_ALPHABET.length;
/** Anything longer is not a ticket number, whatever it contains. */
const MAX_INPUT_LENGTH = 64;

function checkCharacter(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index += 1) {
    // Weights 1..6 are distinct and below the modulus, hence invertible and pairwise different.
    sum += (index + 1) * TICKET_NUMBER_ALPHABET.indexOf(body.charAt(index));
  }
  return TICKET_NUMBER_ALPHABET.charAt(sum % MODULUS);
}

/** A fresh random number such as `KYC-7F3K9QX` (six random symbols and a check symbol). */
export function generateTicketNumber(): string {
  let body = '';
  for (let index = 0; index < RANDOM_LENGTH; index += 1) {
    body += TICKET_NUMBER_ALPHABET.charAt(randomInt(MODULUS));
  }
  return `${TICKET_NUMBER_PREFIX}${body}${checkCharacter(body)}`;
}

/**
 * The canonical number for what a user or agent typed ("kyc 7f3k-9qx", "7F3K9QX"), or
 * undefined when it is not a well-formed number with a matching check symbol — so a typo is
 * rejected before any lookup.
 */
export function parseTicketNumber(input: string): string | undefined {
  if (input.length > MAX_INPUT_LENGTH) return undefined;
  let compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '');
  if (compact.startsWith('KYC')) compact = compact.slice(3);
  if (compact.length !== RANDOM_LENGTH + 1) return undefined;
  for (const symbol of compact) {
    if (!TICKET_NUMBER_ALPHABET.includes(symbol)) return undefined;
  }
  const body = compact.slice(0, RANDOM_LENGTH);
  if (checkCharacter(body) !== compact.charAt(RANDOM_LENGTH)) return undefined;
  return `${TICKET_NUMBER_PREFIX}${compact}`;
}

export function isValidTicketNumber(input: string): boolean {
  return parseTicketNumber(input) !== undefined;
}
