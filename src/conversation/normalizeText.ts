/**
 * Folds what users type into one comparable form: full-width to half-width (NFKC), lower case,
 * punctuation and symbols to spaces, runs of white space to one. Chinese characters stay as
 * they are; they have no case and no word boundaries to fold.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
