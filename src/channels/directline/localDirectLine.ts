import type { BotAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { registerWebChatPage } from '../webchat/webChatPage';
import { AttachmentStore } from './attachmentStore';
import { ConversationStore } from './conversationStore';
import { defaultDirectLineLimits, type DirectLineLimits } from './directLineLimits';
import { registerDirectLineRoutes } from './directLineRoutes';
import { LocalDirectLineAdapter } from './localDirectLineAdapter';
import { RateLimiter } from '../../http/rateLimiter';
import { TokenRegistry } from './tokenRegistry';
import type { UploadGate } from '../../http/uploadGate';

export interface LocalDirectLineOptions {
  bot: { run(context: TurnContext): Promise<void> };
  onTurnError: (context: TurnContext, error: unknown) => Promise<void>;
  brandName: string;
  /** 'en' | 'zh-CN': the page's language when the browser's is neither. */
  defaultLocale: string;
  /** Per file and per upload; the same cap as the photo API. */
  maxUploadBytes: number;
  logger: Logger;
  /** The process-wide upload budget, shared with the photo API. */
  uploads: UploadGate;
  now?: () => number;
  /** Overrides of the bounds in `defaultDirectLineLimits`, mainly for tests. */
  limits?: Partial<DirectLineLimits>;
}

export interface LocalDirectLine {
  /** For proactive messages: `adapter.continueConversationAsync(appId, reference, logic)`. */
  adapter: BotAdapter;
  /** Stops the expiry sweep and drops every conversation, token and uploaded byte. */
  close(): void;
}

export const LOCAL_DIRECT_LINE_BOT_ID = 'kyc-bot';

const SWEEP_INTERVAL_MS = 60_000;

/** Readers of every open local Direct Line in this process, for `readLocalAttachment`. */
const attachmentReaders = new Set<(url: string) => Buffer | undefined>();

/**
 * The bytes behind a `contentUrl` this process's local Direct Line handed out, while its
 * conversation lives; `undefined` for any other URL. Lets the bot read an upload in-process
 * instead of fetching it over HTTP.
 */
export function readLocalAttachment(url: string): Buffer | undefined {
  for (const read of attachmentReaders) {
    const bytes = read(url);
    if (bytes) return bytes;
  }
  return undefined;
}

export function isLocalAttachmentUrl(url: string): boolean {
  return readLocalAttachment(url) !== undefined;
}

/** Mounts the in-process Direct Line 3.0 routes and the Web Chat page (`GET /`) on `server`. */
export function registerLocalDirectLine(server: Server, options: LocalDirectLineOptions): LocalDirectLine {
  const now = options.now ?? Date.now;
  const limits: DirectLineLimits = { ...defaultDirectLineLimits(options.maxUploadBytes), ...options.limits };
  const logger = options.logger.child({ component: 'localDirectLine' });
  const tokens = new TokenRegistry(limits.tokenTtlMs, now);
  const attachments = new AttachmentStore(limits);
  const conversations = new ConversationStore(limits, now, (conversation, reason) => {
    tokens.revokeConversation(conversation.id);
    attachments.deleteConversation(conversation.id);
    logger.info({ conversationId: conversation.id, reason }, 'local direct line conversation removed');
  });
  const adapter = new LocalDirectLineAdapter(
    (id) => conversations.get(id),
    { id: LOCAL_DIRECT_LINE_BOT_ID, name: options.brandName, role: 'bot' },
    now,
    (conversation) => {
      // Kept just long enough for the page to fetch the bot's last words, then deleted whole.
      conversation.endedByBot = true;
      setTimeout(() => conversations.end(conversation.id), limits.endedGraceMs).unref();
    },
  );
  adapter.onTurnError = options.onTurnError;

  registerDirectLineRoutes(server, {
    bot: options.bot,
    adapter,
    conversations,
    tokens,
    attachments,
    limiter: new RateLimiter(limits.rateBurst, limits.ratePerSecond, now),
    uploads: options.uploads,
    limits,
    maxUploadBytes: options.maxUploadBytes,
    logger,
    now,
  });
  registerWebChatPage(server, { brandName: options.brandName, defaultLocale: options.defaultLocale });

  const readAttachment = (url: string): Buffer | undefined => {
    const attachment = attachments.getByUrl(url);
    return attachment && conversations.get(attachment.conversationId) ? attachment.bytes : undefined;
  };
  attachmentReaders.add(readAttachment);
  const sweep = setInterval(() => conversations.sweep(), SWEEP_INTERVAL_MS);
  sweep.unref();

  return {
    adapter,
    close(): void {
      clearInterval(sweep);
      attachmentReaders.delete(readAttachment);
      conversations.clear();
      attachments.clear();
    },
  };
}
