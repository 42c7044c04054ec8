import type { InfoRuleId } from './infoRuleIds';

export const INFO_FIELDS = ['name', 'dateOfBirth', 'documentNumber'] as const;
export type InfoField = (typeof INFO_FIELDS)[number];

/**
 * One difference between what the user typed and what the document says. Text is not here:
 * `messageKey` (namespace `info`) and `messageParams` are resolved in the user's locale at the
 * edge. `positions` are code-point indexes into `entered` so a UI can highlight the exact
 * character; a character missing from `entered` is reported at the character it should precede
 * (or the last character when it is missing at the end).
 */
export interface InfoFinding {
  field: InfoField;
  rule: InfoRuleId;
  entered: string;
  document?: string;
  positions: number[];
  /** The value to type, in the form the verification form expects; absent when we must ask. */
  suggestion?: string;
  messageKey: string;
  messageParams: Record<string, string | number>;
}

export interface InfoCheckResult {
  match: boolean;
  findings: InfoFinding[];
}

/**
 * Every name a finding's `messageParams` can carry (besides i18next's own `context`, which picks
 * a variant such as `rules.date_invalid_day`). The locale texts of namespace `info` use only these.
 */
export const INFO_MESSAGE_PARAMS = [
  'entered',
  'document',
  'suggestion',
  'reference',
  'format',
  'separator',
  'optionA',
  'optionB',
  'count',
  'maxLength',
  'mrzName',
  'mrzNumber',
  'length',
  'expected',
  'checkCharacter',
  'idBirthDigits',
] as const;
