import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, UserState } from 'botbuilder';
import type { Logger } from 'pino';
import { registerPromptRoute } from './api/promptRoute';
import { KycBot } from './bot/kycBot';
import { createTurnErrorHandler } from './bot/turnErrorHandler';
import type { Config } from './config';
import { ContactSupportEscalation } from './conversation/contactSupportEscalation';
import { createStateAccessors } from './conversation/conversationState';
import { ENGINE_KEYS } from './conversation/engineKeys';
import { KycConversation } from './conversation/kycConversation';
import type { ConversationServices } from './conversation/services';
import { DialogDataError, loadDialogData } from './conversation/topicLoader';
import { createTopicMatcher } from './conversation/topicMatcher';
import { validateDialogData } from './conversation/topicValidator';
import { createLocalizer } from './i18n/localizer';
import { createLogger } from './logger';
import { DIALOGS_DIR, LOCALES_DIR } from './projectPaths';
import { createServer, type KycServer } from './server';
import { loadSettings } from './settings';
import { openStorage } from './storage/openStorage';

export interface AppOptions {
  logger?: Logger;
  /** The clock the conversation uses (attempt windows, journey times); tests pin it. */
  now?: () => number;
}

export interface App {
  readonly http: KycServer;
  readonly logger: Logger;
  /** Listens on `port` (0 = any free port) and resolves with the port taken. */
  listen(port: number, host?: string): Promise<number>;
  /** Graceful stop: no new requests, in-flight turns finish, storage closes. */
  close(): Promise<void>;
}

const DRAIN_TIMEOUT_MS = 10_000;

/** The composition root: the only place that wires the pieces together. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const settings = loadSettings();
  const localizer = await createLocalizer(LOCALES_DIR, config.defaultLocale);
  const data = loadDialogData(DIALOGS_DIR);
  const report = validateDialogData({ data, localeKeys: (locale) => localizer.keys(locale), engineKeys: ENGINE_KEYS });
  if (report.errors.length) throw new DialogDataError(report.errors.join('\n'));
  for (const warning of report.warnings) logger.warn({ warning }, 'dialog data');

  const storage = await openStorage(config.databaseUrl, { onBackgroundError: (err) => logger.error({ err }, 'storage background error') });
  const state = createStateAccessors(new ConversationState(storage), new UserState(storage));
  const topics = new Map(data.topics.map((topic) => [topic.id, topic]));
  const matcher = createTopicMatcher(data.topics);
  const services: ConversationServices = {
    topics,
    commands: data.commands,
    matcher,
    localizer,
    policy: settings.policy,
    brandName: config.brandName,
    state,
    escalation: new ContactSupportEscalation(topics),
    now: options.now ?? Date.now,
  };
  const conversation = new KycConversation(services);
  const bot = new KycBot(conversation);

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = createTurnErrorHandler(logger, localizer, state);

  const onUnexpected = (err: unknown): void => logger.error({ err }, 'request failed');
  const http = createServer({
    logger,
    adapter,
    bot,
    readiness: { storage: () => storage.ping() },
    routes: [(server) => registerPromptRoute(server, { matcher, apiKey: config.diagnoseApiKey, defaultLocale: config.defaultLocale, onUnexpected })],
  });

  let closing: Promise<void> | undefined;
  return {
    http,
    logger,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.server.server.once('error', reject);
        http.server.listen(port, host, () => resolve(http.server.address().port));
      }),
    close: () => {
      closing ??= (async () => {
        await http.drain(DRAIN_TIMEOUT_MS);
        await storage.close();
      })();
      return closing;
    },
  };
}
