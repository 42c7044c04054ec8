import { z } from 'zod';
import type { Language, Locale } from '../i18n/locales';

/** Stable topic ids (DESIGN.md): APIs, tickets and tests use them. */
export const CAUSE_IDS = [
  'photo_unclear',
  'info_mismatch',
  'document_expired',
  'face_verification_failed',
  'unsupported_document',
  'document_already_used',
  'attempts_limited',
] as const;
export const FAQ_IDS = ['faq_review_time', 'faq_ban', 'faq_switch_document', 'faq_expedite', 'faq_assets'] as const;

/** Safety topics answer requests a support bot must refuse or warn about; they never give tips. */
export const TOPIC_KINDS = ['cause', 'faq', 'safety'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

/** An i18n key with its namespace, e.g. `topics:photo_unclear.retake`. */
const textKey = z.string().regex(/^[a-z][a-zA-Z]*:[A-Za-z0-9_.]+$/, 'expected "namespace:key"');
const stepId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'step ids are snake_case');

const choice = z.strictObject({
  /** Button text. */
  label: textKey,
  next: stepId,
});

const say = z.strictObject({ type: z.literal('say'), text: z.array(textKey).min(1), next: stepId });
const ask = z.strictObject({
  type: z.literal('ask'),
  text: z.array(textKey).min(1),
  choices: z.array(choice).min(2).max(6),
});
/** Ask for a photo of the document and run the photo checks on it. */
const photoCheck = z.strictObject({ type: z.literal('photoCheck'), text: z.array(textKey).optional(), next: stepId });
/**
 * Ask for a selfie where the live check will happen and run the selfie checks. After
 * `repeatedFailures.count` failed selfie checks in the conversation, go to `repeatedFailures.next`.
 */
const selfieCheck = z.strictObject({
  type: z.literal('selfieCheck'),
  text: z.array(textKey).optional(),
  next: stepId,
  repeatedFailures: z.strictObject({ count: z.number().int().min(1), next: stepId }),
});
/** Compare what the user typed into the form with the document. */
const infoCheck = z.strictObject({ type: z.literal('infoCheck'), text: z.array(textKey).optional(), next: stepId });
/** Ask how many verification attempts failed today and say when the user may resubmit. */
const attempts = z.strictObject({ type: z.literal('attempts'), next: stepId });
/**
 * Hand over to a person with a ticket; `reason` is an i18n key that says why, shown to the user
 * and the agent. `reviewOverdue` marks the playbook's priority-queue case (review waited too long).
 */
const escalate = z.strictObject({
  type: z.literal('escalate'),
  reason: textKey,
  text: z.array(textKey).optional(),
  reviewOverdue: z.boolean().optional(),
});
/** Continue in another topic's walk-through. */
const goto = z.strictObject({ type: z.literal('goto'), topic: z.string() });
/** The end of a path; `tips` adds the pass-rate tips to the farewell. */
const end = z.strictObject({ type: z.literal('end'), text: z.array(textKey).optional(), tips: z.boolean().optional() });

export const stepSchema = z.discriminatedUnion('type', [
  say,
  ask,
  photoCheck,
  selfieCheck,
  infoCheck,
  attempts,
  escalate,
  goto,
  end,
]);
export type Step = z.infer<typeof stepSchema>;
export type StepType = Step['type'];

/** A topic file: en and zh-CN triggers inline; the other languages come from dialogs/triggers/<code>.json. */
export const topicFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  kind: z.enum(TOPIC_KINDS),
  /** Short name shown on buttons and in tickets. */
  label: textKey,
  /** The exact failure prompts the exchange shows, then paraphrases users type, per locale. */
  triggers: z.strictObject({ en: z.array(z.string().min(2)).min(1), 'zh-CN': z.array(z.string().min(2)).min(1) }),
  start: stepId,
  steps: z.record(stepId, stepSchema),
});
export type TopicFile = z.infer<typeof topicFileSchema>;

/** Trigger phrases per recognised language; a language without phrases is the validator's finding. */
export type PhrasesByLanguage = Record<Language, string[]>;

/** A topic as the engine uses it: its file plus every language's triggers. */
export interface Topic extends Omit<TopicFile, 'triggers'> {
  triggers: PhrasesByLanguage;
}

/** Commands work from anywhere in the conversation; their phrases are matched exactly (normalised). */
export const COMMAND_IDS = [
  'menu',
  'restart',
  'cancel',
  'help',
  'human',
  'check_photo',
  'check_selfie',
  'check_info',
  'attempts',
  'my_ticket',
  'forget_me',
  'remind_me',
  'cancel_reminder',
  'language_en',
  'language_zh',
  'language_zh_tw',
  'language_es',
  'language_ru',
  'language_pt_br',
  'language_fr',
  'language_tr',
  'language_vi',
  'language_id',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

/**
 * Switching to each conversation locale (LANG-CONTRACT.md): `language_zh` is zh-CN, the others
 * are the locale code in snake case.
 */
export const LANGUAGE_COMMANDS: Readonly<Record<Extract<CommandId, `language_${string}`>, Locale>> = {
  language_en: 'en',
  language_zh: 'zh-CN',
  language_zh_tw: 'zh-TW',
  language_es: 'es',
  language_ru: 'ru',
  language_pt_br: 'pt-BR',
  language_fr: 'fr',
  language_tr: 'tr',
  language_vi: 'vi',
  language_id: 'id',
};
export type LanguageCommandId = keyof typeof LANGUAGE_COMMANDS;

export function isLanguageCommand(command: CommandId): command is LanguageCommandId {
  return command in LANGUAGE_COMMANDS;
}

const phrases = z.strictObject({ en: z.array(z.string().min(1)).min(1), 'zh-CN': z.array(z.string().min(1)).min(1) });
/** dialogs/commands.json: en and zh-CN phrases of every command. */
export const commandsFileSchema = z.record(z.enum(COMMAND_IDS), phrases);
export type Commands = Record<CommandId, PhrasesByLanguage>;

/** dialogs/triggers/<code>.json: one language's topic triggers and command phrases. */
export const languageTriggersSchema = z.strictObject({
  topics: z.record(z.string(), z.array(z.string().min(2))),
  commands: z.record(z.string(), z.array(z.string().min(1))),
});
