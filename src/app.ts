import { ReusedClientsAuthentication } from './bot/reusedClientsAuthentication';
import { ChannelAdapter } from './bot/channelAdapter';
import type { Logger } from 'pino';
import { registerInfoRoute } from './api/infoRoute';
import { registerPhotoRoute } from './api/photoRoute';
import { registerPromptRoute } from './api/promptRoute';
import { registerSelfieRoute } from './api/selfieRoute';
import { SelfieService } from './diagnosis/selfie/selfieService';
import { photoAttachmentReader } from './channels/photoAttachments';
import { PhotoService } from './diagnosis/photoService';
import { keepBackgroundThreadsLow } from './diagnosis/backgroundThreads';
import { RateLimiter } from './http/rateLimiter';
import { UploadGate } from './http/uploadGate';
import { boundedHttpClient } from './bot/outboundHttpClient';
import { loadSettings } from './settings';
import { createTurnErrorHandler } from './bot/turnErrorHandler';
import { createBotRuntime } from './botRuntime';
import { registerAgentConsolePage } from './api/agentConsole/agentConsolePage';
import { TicketChangeFeed } from './api/ticketChangeFeed';
import { registerTicketRoutes } from './api/ticketRoutes';
import { createReplyDelivery, createResolvedNotice } from './bot/proactiveReplies';
import { OutcomeBuffer } from './reports/outcomeBuffer';
import { openReportStore } from './reports/reportStore';
import { registerReportRoutes } from './api/reportRoutes';
import type { ProactiveRoute } from './bot/proactiveMessage';
import { createReminderDelivery } from './bot/reminderDelivery';
import { loopbackOrigin } from './bot/anonymousActivity';
import { isLoopbackEmulatorTurn } from './channels/turnOrigin';
import { openReminderStore } from './reminders/openReminderStore';
import { ReminderScheduler, type ReminderRound } from './reminders/reminderScheduler';
import { DIRECT_LINE_CHANNEL_ID } from './channels/directline/directLineActivity';
import { openTicketStore } from './tickets/ticketStore';
import { WebhookDispatcher } from './helpdesk/webhookDispatcher';
import {
  LOCAL_DIRECT_LINE_BOT_ID,
  registerLocalDirectLine,
  type LocalDirectLine,
} from './channels/directline/localDirectLine';
import type { Config } from './config';
import { createLogger } from './logger';
import { createServer, type KycServer } from './server';
import { openStorage } from './storage/openDatabase';
import { openTurnLock } from './storage/turnLock';

export interface AppOptions {
  logger?: Logger;
  /** The clock the conversation uses (attempt windows, journey times, due reminders); tests pin it. */
  now?: () => number;
  /** False: the reminder scheduler does not poll on its own; the caller runs `reminders.runDue()` (tests). */
  pollReminders?: boolean;
}

export interface App {
  readonly http: KycServer;
  readonly logger: Logger;
  /** The lockout-end reminders' scheduler: one pass over what is due (the poll timer runs the same). */
  readonly reminders: { runDue(): Promise<ReminderRound> };
  /** Listens on `port` (0 = any free port) and resolves with the port taken. */
  listen(port: number, host?: string): Promise<number>;
  /** Graceful stop: no new requests, in-flight turns finish, storage closes. */
  close(): Promise<void>;
}

const DRAIN_TIMEOUT_MS = 10_000;
const PURGE_INTERVAL_MS = 6 * 3_600_000;
/** Photos allowed to wait per OCR worker before the photo API answers 503. */
const PHOTO_QUEUE_PER_WORKER = 3;
/** How often threads started since (a recycled OCR worker) are lowered below the event loop. */
const BACKGROUND_THREADS_CHECK_MS = 1_000;
/** Used when TICKET_USER_KEY_SECRET is unset (local use); the hash still keeps user ids out of tickets. */
const DEFAULT_USER_KEY_SECRET = 'kyc-support-bot-default-user-key';
/** Each process asks the database this often for ticket changes while a console is connected. */
const CONSOLE_POLL_MS = 2_000;
const CONSOLE_HEARTBEAT_MS = 15_000;
const MAX_CONSOLE_CONNECTIONS = 100;

/** The composition root: the only place that wires the pieces together. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const storage = await openStorage(config.databaseUrl, {
    onBackgroundError: (err) => logger.error({ err }, 'storage background error'),
  });
  const turnLock = openTurnLock(config.databaseUrl, {
    onBackgroundError: (err) => logger.error({ err }, 'turn lock background error'),
  });
  const settings = loadSettings();
  const photos = await PhotoService.create({
    photo: settings.photo,
    ocr: settings.ocr,
    maxBytes: config.maxPhotoBytes,
    ocrWorkers: config.ocrWorkers,
    // One photo per OCR worker, plus one decoding while they read, and a short line behind them:
    // bounded memory, fast 503s, and no idle worker between two photos.
    concurrency: config.ocrWorkers + 1,
    maxWaiting: PHOTO_QUEUE_PER_WORKER * (config.ocrWorkers + 1),
  });
  // The face model loads in its workers while the rest starts; it is awaited before serving.
  const selfies = new SelfieService({
    settings: settings.selfie,
    maxBytes: config.maxPhotoBytes,
    maxPixels: settings.photo.maxInputPixels,
    heicConcurrency: settings.photo.heicDecodeConcurrency,
  });
  const tickets = await openTicketStore(config.databaseUrl, {
    webhookOutbox: config.helpdeskWebhookUrl !== undefined,
    onBackgroundError: (err) => logger.error({ err }, 'ticket store background error'),
  });
  /** Closes what the start opened so far when a later step of it fails, newest first. */
  const closeOnFailure =
    (...opened: readonly { close(): Promise<void> }[]) =>
    async (error: unknown): Promise<never> => {
      for (const resource of [...opened].reverse()) await resource.close();
      throw error;
    };
  const reminders = await openReminderStore(config.databaseUrl, {
    onBackgroundError: (err) => logger.error({ err }, 'reminder store background error'),
  }).catch(closeOnFailure(storage, turnLock, photos, selfies, tickets));
  const reports = await openReportStore(config.databaseUrl, {
    onBackgroundError: (err) => logger.error({ err }, 'report store background error'),
  }).catch(closeOnFailure(storage, turnLock, photos, selfies, tickets, reminders));
  const outcomes = new OutcomeBuffer({
    store: reports,
    onError: (err) => logger.error({ err }, 'outcome counts not written yet; kept for the next flush'),
  });
  // Set once the routes are registered; a turn cannot arrive before.
  let localDirectLine: LocalDirectLine | undefined;
  if (!config.ticketUserKeySecret)
    logger.warn('TICKET_USER_KEY_SECRET is not set: user keys in tickets use the built-in default');
  const attachments = photoAttachmentReader({ maxBytes: config.maxPhotoBytes, localDevelopment: !config.bot.appId });
  const runtime = await createBotRuntime({
    storage,
    settings,
    tickets,
    photo: { diagnoser: photos, attachments },
    selfie: { diagnoser: selfies, attachments },
    userKeySecret: config.ticketUserKeySecret ?? DEFAULT_USER_KEY_SECRET,
    // Without credentials only the local Direct Line's ids were assigned by us; /api/messages callers claim theirs.
    verifiedChannel: (channelId) => config.bot.appId !== undefined || channelId === DIRECT_LINE_CHANNEL_ID,
    brandName: config.brandName,
    defaultLocale: config.defaultLocale,
    now: options.now,
    onWarning: (warning) => logger.warn({ warning }, 'dialog data'),
    turnLock,
    outcomes,
    reminders: {
      store: reminders,
      settings: settings.reminders,
      // Only where the bot may write first: never to a serviceUrl an unauthenticated caller chose.
      reachable: (context) => {
        const { channelId, deliveryMode } = context.activity;
        if (deliveryMode === 'expectReplies') return false;
        if (channelId === DIRECT_LINE_CHANNEL_ID) return localDirectLine !== undefined;
        return config.bot.appId !== undefined || isLoopbackEmulatorTurn(context);
      },
    },
  }).catch(closeOnFailure(storage, turnLock, photos, selfies, tickets, reminders, reports, outcomes));
  await selfies.warm();
  // Photo, selfie and OCR threads yield the CPU to the event loop, so text turns stay fast under photo load.
  const stopLoweringThreads =
    config.backgroundThreadNice > 0
      ? keepBackgroundThreadsLow(BACKGROUND_THREADS_CHECK_MS, config.backgroundThreadNice)
      : (): void => undefined;
  const { bot, localizer, state, services } = runtime;
  // Expired personal values leave memory even when nobody comes back for them.
  const sweeper = setInterval(() => {
    runtime.sensitive.typed.sweep();
    runtime.sensitive.documents.sweep();
  }, 60_000);
  sweeper.unref();

  const outbound = boundedHttpClient(config.outbound);
  const auth = new ReusedClientsAuthentication(
    {
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.appPassword,
      MicrosoftAppType: config.bot.appType,
      MicrosoftAppTenantId: config.bot.tenantId,
    },
    undefined,
    undefined,
    undefined,
    { httpClient: outbound.httpClient },
  );
  const adapter = new ChannelAdapter(auth);
  const onTurnError = createTurnErrorHandler(logger, localizer, state, turnLock);
  adapter.onTurnError = onTurnError;

  const onUnexpected = (err: unknown): void => logger.error({ err }, 'request failed');
  const channelRoute: ProactiveRoute = ({ channelId }) => {
    if (channelId === DIRECT_LINE_CHANNEL_ID && localDirectLine)
      return { adapter: localDirectLine.adapter, appId: LOCAL_DIRECT_LINE_BOT_ID };
    if (channelId !== DIRECT_LINE_CHANNEL_ID && config.bot.appId) return { adapter, appId: config.bot.appId };
    return undefined;
  };
  const deliverReply = createReplyDelivery({ localizer, logger, adapterFor: channelRoute });
  const notifyResolved = createResolvedNotice({
    localizer,
    logger,
    bot,
    adapterFor: channelRoute,
  });
  const reminderScheduler = new ReminderScheduler({
    store: reminders,
    deliver: createReminderDelivery({
      localizer,
      policy: settings.policy,
      brandName: config.brandName,
      settings: settings.reminders,
      // Without credentials the Emulator on this machine is reached too: a reminder is stored only
      // from its loopback turns (see `reachable`), and the URL is checked again before the send.
      route: (target) =>
        channelRoute(target) ??
        (!config.bot.appId && target.channelId === 'emulator' && loopbackOrigin(target.serviceUrl)
          ? { adapter, appId: '' }
          : undefined),
    }),
    settings: settings.reminders,
    now: options.now ?? Date.now,
    onError: (err, about) => logger.warn({ err, ...about }, 'reminder not delivered yet'),
    onGiveUp: (reminder) =>
      logger.warn({ reminder: reminder.id, attempts: reminder.attempts + 1 }, 'reminder dropped: not deliverable'),
  });
  const dispatcher =
    config.helpdeskWebhookUrl && config.helpdeskWebhookSecret
      ? new WebhookDispatcher({
          store: tickets,
          url: config.helpdeskWebhookUrl,
          secret: config.helpdeskWebhookSecret,
          onError: (err, about) => logger.warn({ err, ...about }, 'helpdesk webhook not delivered yet'),
        })
      : undefined;
  dispatcher?.start();
  const purge = (): void => {
    tickets.purgeOlderThan(config.ticketRetentionDays).then(
      (count) => count && logger.info({ count }, 'tickets purged after the retention period'),
      (err: unknown) => logger.error({ err }, 'ticket retention purge failed'),
    );
  };
  purge();
  const purger = setInterval(purge, PURGE_INTERVAL_MS);
  purger.unref();
  const uploads = new UploadGate({ budgetBytes: config.uploadBudgetBytes, perAddress: config.uploadsPerAddress });
  const imageUploadRoute = () => ({
    localizer,
    apiKey: config.diagnoseApiKey,
    maxBytes: config.maxPhotoBytes,
    uploads,
    onUnexpected,
  });
  // Photo and selfie checks each get the whole per-minute budget: checking a selfie must not use up the ID photo retries.
  const imageRateLimiter = (): RateLimiter =>
    new RateLimiter(config.photoRatePerMinute, config.photoRatePerMinute / 60, Date.now);
  const feed = new TicketChangeFeed({
    store: tickets,
    pollMs: CONSOLE_POLL_MS,
    heartbeatMs: CONSOLE_HEARTBEAT_MS,
    maxConnections: MAX_CONSOLE_CONNECTIONS,
    onError: (err) => logger.error({ err }, 'ticket change feed failed'),
  });
  const http = createServer({
    logger,
    adapter,
    bot,
    authenticated: config.bot.appId !== undefined,
    bodyTimeoutMs: config.bodyTimeoutMs,
    readiness: {
      storage: () => storage.ping(),
      tickets: () => tickets.ping(),
      reports: () => reports.ping(),
      reminders: () => reminders.ping(),
      ocr: () => photos.ready(),
      faceModel: () => selfies.ready(),
    },
    routes: [
      (server) =>
        registerPromptRoute(server, {
          matcher: services.matcher,
          apiKey: config.diagnoseApiKey,
          defaultLocale: config.defaultLocale,
          onUnexpected,
        }),
      (server) =>
        registerPhotoRoute(server, { diagnoser: photos, outcomes, ...imageUploadRoute(), limiter: imageRateLimiter() }),
      (server) =>
        registerSelfieRoute(server, {
          diagnoser: selfies,
          outcomes,
          ...imageUploadRoute(),
          limiter: imageRateLimiter(),
        }),
      (server) =>
        registerInfoRoute(server, {
          localizer,
          settings: settings.info,
          outcomes,
          apiKey: config.diagnoseApiKey,
          defaultLocale: config.defaultLocale,
          onUnexpected,
        }),
      (server) =>
        registerTicketRoutes(server, {
          store: tickets,
          token: config.agentApiToken,
          agents: config.agentTokens,
          feed,
          deliverReply,
          onResolved: notifyResolved,
          outcomes,
          onUnexpected,
        }),
      (server) =>
        registerReportRoutes(server, {
          store: reports,
          token: config.agentApiToken,
          agents: config.agentTokens,
          onUnexpected,
        }),
      registerAgentConsolePage,
      (server) => {
        if (!config.localWebChat) return;
        localDirectLine = registerLocalDirectLine(server, {
          bot,
          onTurnError,
          brandName: config.brandName,
          defaultLocale: config.defaultLocale,
          maxUploadBytes: config.maxPhotoBytes,
          uploads,
          logger,
          // The conversation's clock: a reminder test's fake day outlives the page's conversation, as a real one does.
          now: options.now,
        });
      },
    ],
  });

  if (options.pollReminders ?? true) reminderScheduler.start();

  let closing: Promise<void> | undefined;
  return {
    http,
    logger,
    reminders: reminderScheduler,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.server.server.once('error', reject);
        http.server.listen(port, host, () => resolve(http.server.address().port));
      }),
    close: () => {
      closing ??= (async () => {
        clearInterval(sweeper);
        clearInterval(purger);
        stopLoweringThreads();
        feed.close();
        await http.drain(DRAIN_TIMEOUT_MS);
        await dispatcher?.stop();
        await reminderScheduler.stop();
        localDirectLine?.close();
        await outcomes.close();
        await reports.close();
        await turnLock.close();
        await reminders.close();
        await tickets.close();
        await storage.close();
        await photos.close();
        await selfies.close();
      })();
      return closing;
    },
  };
}
