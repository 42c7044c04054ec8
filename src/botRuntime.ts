import { createPromptRedactor } from './conversation/promptRedactor';
import type { Storage } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { KycBot } from './bot/kycBot';
import { SharedTurnState } from './bot/sharedTurnState';
import { createStateAccessors, type StateAccessors } from './conversation/conversationState';
import { ENGINE_KEYS } from './conversation/engineKeys';
import { InfoCheckDialog, type InfoCheckStores } from './conversation/infoCheckDialog';
import { KycConversation } from './conversation/kycConversation';
import { createPersonRequestDetector } from './conversation/phraseIndex';
import type { AttachmentReader } from './channels/attachmentReader';
import { PhotoCheckDialog } from './conversation/photoCheckDialog';
import type { PhotoDiagnoser } from './diagnosis/photoDiagnoser';
import { SelfieCheckDialog } from './conversation/selfieCheckDialog';
import type { SelfieDiagnoser } from './diagnosis/selfie/selfieService';
import { SensitiveValues } from './conversation/sensitiveValues';
import type { ConversationServices, ReminderServices } from './conversation/services';
import { reminderChecklistKeys } from './reminders/reminderSettings';
import { EscalationDialog } from './conversation/escalationDialog';
import { ForgetMeDialog } from './conversation/forgetMeDialog';
import type { TicketStore } from './tickets/ticketStore';
import type { TurnLock } from './bot/turnLock';
import { InProcessTurnLock } from './storage/turnLock';
import { userKeyOf } from './tickets/userKey';
import { DialogDataError, loadDialogData } from './conversation/topicLoader';
import { createTopicMatcher } from './conversation/topicMatcher';
import type { Topic } from './conversation/topicSchema';
import type { Locale } from './i18n/locales';
import { validateDialogData } from './conversation/topicValidator';
import { createLocalizer, type Localizer } from './i18n/localizer';
import { createLanguageGuesser } from './i18n/languageGuess';
import { loadLanguageTexts } from './i18n/languageTexts';
import { phrasesIn } from './conversation/topicLoader';
import { DIALOGS_DIR, LOCALES_DIR } from './projectPaths';
import { loadSettings, type Settings } from './settings';
import { NO_OUTCOMES, type OutcomeRecorder } from './reports/outcomes';

/** DESIGN.md, Privacy: typed personal values are cleared after 15 minutes at the latest. */
const SENSITIVE_TTL_MS = 15 * 60_000;

export interface BotRuntimeOptions {
  storage: Storage;
  /** Already loaded by the caller (the server needs them before the bot); read from dialogs/ otherwise. */
  settings?: Settings;
  brandName: string;
  defaultLocale: Locale;
  now?: () => number;
  onWarning?: (warning: string) => void;
  tickets: TicketStore;
  /** Keys the user hash in tickets (see userKeyOf). */
  userKeySecret: string;
  /**
   * Whether a channel's user ids are vouched for (a verified token, or assigned by us); the others'
   * tickets are keyed apart so a claimed id never reaches a real user's tickets. Default: all are.
   */
  verifiedChannel?: (channelId: string) => boolean;
  /** The photo checks and where attachments come from; without them the photo step is not offered. */
  photo?: { diagnoser: PhotoDiagnoser; attachments: AttachmentReader };
  /** Serialises turns that share state; in-process unless the storage is shared by several processes. */
  turnLock?: TurnLock;
  /** The selfie checks and where attachments come from; without them the selfie step is skipped. */
  selfie?: { diagnoser: SelfieDiagnoser; attachments: AttachmentReader };
  /** Where walk-through outcomes, check verdicts and ratings are counted; not counted without it. */
  outcomes?: OutcomeRecorder;
  /** The lockout-end reminder; without it the bot offers none. */
  reminders?: ReminderServices;
}

export interface BotRuntime {
  bot: KycBot;
  /** Personal values of running checks, in memory only; swept by the owner of the runtime. */
  sensitive: InfoCheckStores;
  services: ConversationServices;
  localizer: Localizer;
  settings: Settings;
  state: StateAccessors;
  turnLock: TurnLock;
}

/**
 * Loads and validates the content (dialogs/, locales/, settings) and builds the bot on a
 * storage. Shared by the server and the conversation tests, so both run the same bot.
 */
export async function createBotRuntime(options: BotRuntimeOptions): Promise<BotRuntime> {
  const settings = options.settings ?? loadSettings();
  const localizer = await createLocalizer(LOCALES_DIR, options.defaultLocale);
  const data = loadDialogData(DIALOGS_DIR);
  const report = validateDialogData({
    data,
    localeKeys: (locale) => localizer.keys(locale),
    localeTexts: (locale) => localizer.texts(locale),
    // A reminder's checklist texts are said by the reminder itself, outside any topic.
    engineKeys: [...ENGINE_KEYS, ...reminderChecklistKeys(settings.reminders)],
  });
  if (report.errors.length) throw new DialogDataError(report.errors.join('\n'));
  for (const warning of report.warnings) options.onWarning?.(warning);

  const state = createStateAccessors(new SharedTurnState(options.storage));
  const topics: ReadonlyMap<string, Topic> = new Map(data.topics.map((topic) => [topic.id, topic]));
  const services: ConversationServices = {
    topics,
    commands: data.commands,
    matcher: createTopicMatcher(data.topics, data),
    asksForPerson: createPersonRequestDetector(data.commands, data.topics),
    redactPrompt: createPromptRedactor(data.topics),
    localizer,
    languageTexts: loadLanguageTexts(LOCALES_DIR),
    guessLanguage: createLanguageGuesser((language) => phrasesIn(data, language)),
    policy: settings.policy,
    infoSettings: settings.info,
    brandName: options.brandName,
    state,
    tickets: options.tickets,
    reminders: options.reminders,
    userKey: (channelId, userId) =>
      userKeyOf(options.userKeySecret, channelId, userId, {
        verified: options.verifiedChannel?.(channelId) ?? true,
      }),
    now: options.now ?? Date.now,
    outcomes: options.outcomes ?? NO_OUTCOMES,
  };
  const now = options.now ?? Date.now;
  const sensitive: InfoCheckStores = {
    typed: new SensitiveValues(SENSITIVE_TTL_MS, now),
    documents: new SensitiveValues(SENSITIVE_TTL_MS, now),
  };
  const dialogs: Dialog[] = [
    new InfoCheckDialog(services, sensitive),
    new EscalationDialog(services),
    new ForgetMeDialog(services, sensitive),
  ];
  if (options.photo)
    dialogs.push(
      new PhotoCheckDialog(services, options.photo.diagnoser, options.photo.attachments, sensitive.documents),
    );
  if (options.selfie)
    dialogs.push(new SelfieCheckDialog(services, options.selfie.diagnoser, options.selfie.attachments));
  const conversation = new KycConversation(services, dialogs);
  const turnLock = options.turnLock ?? new InProcessTurnLock();
  return { bot: new KycBot(conversation, turnLock), services, localizer, settings, state, sensitive, turnLock };
}
