import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
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
import { createReplyDelivery } from './bot/proactiveReplies';
import { DIRECT_LINE_CHANNEL_ID } from './channels/directline/directLineActivity';
import { openTicketStore } from './tickets/openTicketStore';
import { WebhookDispatcher } from './helpdesk/webhookDispatcher';
import {
  LOCAL_DIRECT_LINE_BOT_ID,
  registerLocalDirectLine,
  type LocalDirectLine,
} from './channels/directline/localDirectLine';
import type { Config } from './config';
import { createLogger } from './logger';
import { createServer, type KycServer } from './server';
import { openStorage } from './storage/openStorage';
import { openTurnLock } from './storage/postgresTurnLock';

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
    // One photo per OCR worker at a time, a short line behind them: bounded memory, fast 503s.
    concurrency: config.ocrWorkers,
    maxWaiting: PHOTO_QUEUE_PER_WORKER * config.ocrWorkers,
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
  }).catch(async (error: unknown) => {
    await turnLock.close();
    await tickets.close();
    await storage.close();
    await photos.close();
    await selfies.close();
    throw error;
  });
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
  const auth = new ConfigurationBotFrameworkAuthentication(
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
  let localDirectLine: LocalDirectLine | undefined;
  const deliverReply = createReplyDelivery({
    localizer,
    logger,
    adapterFor: (channelId) => {
      if (channelId === DIRECT_LINE_CHANNEL_ID && localDirectLine)
        return { adapter: localDirectLine.adapter, appId: LOCAL_DIRECT_LINE_BOT_ID };
      if (channelId !== DIRECT_LINE_CHANNEL_ID && config.bot.appId) return { adapter, appId: config.bot.appId };
      return undefined;
    },
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
        registerPhotoRoute(server, {
          diagnoser: photos,
          localizer,
          apiKey: config.diagnoseApiKey,
          maxBytes: config.maxPhotoBytes,
          limiter: new RateLimiter(config.photoRatePerMinute, config.photoRatePerMinute / 60, Date.now),
          uploads,
          onUnexpected,
        }),
      (server) =>
        registerSelfieRoute(server, {
          diagnoser: selfies,
          localizer,
          apiKey: config.diagnoseApiKey,
          maxBytes: config.maxPhotoBytes,
          limiter: new RateLimiter(config.photoRatePerMinute, config.photoRatePerMinute / 60, Date.now),
          uploads,
          onUnexpected,
        }),
      (server) =>
        registerInfoRoute(server, {
          localizer,
          settings: settings.info,
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
        });
      },
    ],
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
        clearInterval(sweeper);
        clearInterval(purger);
        stopLoweringThreads();
        feed.close();
        await http.drain(DRAIN_TIMEOUT_MS);
        await dispatcher?.stop();
        localDirectLine?.close();
        await turnLock.close();
        await tickets.close();
        await storage.close();
        await photos.close();
        await selfies.close();
      })();
      return closing;
    },
  };
}
