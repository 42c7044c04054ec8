import { ConversationState, UserState, type Storage } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { KycBot } from './bot/kycBot';
import { ContactSupportEscalation } from './conversation/contactSupportEscalation';
import { createStateAccessors, type StateAccessors } from './conversation/conversationState';
import { ENGINE_KEYS } from './conversation/engineKeys';
import { KycConversation } from './conversation/kycConversation';
import type { ConversationServices, Escalation } from './conversation/services';
import { DialogDataError, loadDialogData } from './conversation/topicLoader';
import { createTopicMatcher } from './conversation/topicMatcher';
import type { Locale, Topic } from './conversation/topicSchema';
import { validateDialogData } from './conversation/topicValidator';
import { createLocalizer, type Localizer } from './i18n/localizer';
import { DIALOGS_DIR, LOCALES_DIR } from './projectPaths';
import { loadSettings, type Settings } from './settings';

export interface BotRuntimeOptions {
  storage: Storage;
  brandName: string;
  defaultLocale: Locale;
  now?: () => number;
  onWarning?: (warning: string) => void;
  /** Replaces the default escalation (contact advice) — the ticket flow plugs in here. */
  escalation?: (topics: ReadonlyMap<string, Topic>) => Escalation;
  /** Photo and information check dialogs, built from the services. */
  dialogs?: (services: ConversationServices) => Dialog[];
}

export interface BotRuntime {
  bot: KycBot;
  services: ConversationServices;
  localizer: Localizer;
  settings: Settings;
  state: StateAccessors;
}

/**
 * Loads and validates the content (dialogs/, locales/, settings) and builds the bot on a
 * storage. Shared by the server and the conversation tests, so both run the same bot.
 */
export async function createBotRuntime(options: BotRuntimeOptions): Promise<BotRuntime> {
  const settings = loadSettings();
  const localizer = await createLocalizer(LOCALES_DIR, options.defaultLocale);
  const data = loadDialogData(DIALOGS_DIR);
  const report = validateDialogData({ data, localeKeys: (locale) => localizer.keys(locale), engineKeys: ENGINE_KEYS });
  if (report.errors.length) throw new DialogDataError(report.errors.join('\n'));
  for (const warning of report.warnings) options.onWarning?.(warning);

  const state = createStateAccessors(new ConversationState(options.storage), new UserState(options.storage));
  const topics: ReadonlyMap<string, Topic> = new Map(data.topics.map((topic) => [topic.id, topic]));
  const services: ConversationServices = {
    topics,
    commands: data.commands,
    matcher: createTopicMatcher(data.topics),
    localizer,
    policy: settings.policy,
    brandName: options.brandName,
    state,
    escalation: options.escalation?.(topics) ?? new ContactSupportEscalation(topics),
    now: options.now ?? Date.now,
  };
  const conversation = new KycConversation(services, options.dialogs?.(services) ?? []);
  return { bot: new KycBot(conversation), services, localizer, settings, state };
}
