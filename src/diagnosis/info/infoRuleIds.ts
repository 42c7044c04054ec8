/**
 * The information-check rules. These ids are a contract: the HTTP API, tickets (which carry only
 * field + rule id) and the locale files use them, so an id is never renamed or reused.
 * docs/info-rules.md describes each one.
 */
export const INFO_RULE_IDS = [
  'hidden_character',
  'full_width',
  'mixed_script',
  'value_too_long',
  'name_extra_space',
  'name_missing_space',
  'name_double_space',
  'name_order',
  'name_case',
  'name_middle_dot',
  'name_diacritics',
  'name_mrz_spelling',
  'name_mrz_filler',
  'name_mrz_mismatch',
  'name_mismatch',
  'date_unreadable',
  'date_invalid',
  'date_leading_zero',
  'date_separator',
  'date_format',
  'date_day_month_ambiguous',
  'date_day_month_swapped',
  'date_two_digit_year',
  'date_mismatch',
  'date_document_unreadable',
  'document_number_separator',
  'document_number_case',
  'document_number_trailing_x',
  'document_number_letter_digit',
  'document_number_mismatch',
  'cn_id_format',
  'cn_id_check_character',
  'cn_id_birth_date',
  'cn_id_impossible_birth_date',
  'passport_mrz_mismatch',
  'passport_mrz_check_digit',
] as const;
export type InfoRuleId = (typeof INFO_RULE_IDS)[number];

/** The i18n key (namespace `info`) of a rule's message. */
export function ruleMessageKey(rule: InfoRuleId): string {
  return `rules.${rule}`;
}
