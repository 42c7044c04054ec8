import { MemoryStorage, TestAdapter, type Storage } from 'botbuilder';
import { createBotRuntime, type BotRuntime, type BotRuntimeOptions } from '../../src/botRuntime';
import { replyActivity } from './json';
import { userActivity } from './userActivity';
import type { Deliver } from './transcriptRunner';
import { openTicketStore } from '../../src/tickets/ticketStore';

export const TEST_BRAND = 'KYC Help';

export interface BotHarness {
  runtime: BotRuntime;
  adapter: TestAdapter;
  /** Sends as one user in one conversation; pass `conversationId` to talk in another. */
  deliver: Deliver;
  deliverIn(conversationId: string, userId?: string): Deliver;
}

/** The real bot (content, matcher, engine) on botbuilder's TestAdapter, with in-memory state. */
export async function createBotHarness(
  options: Partial<BotRuntimeOptions> & { storage?: Storage } = {},
): Promise<BotHarness> {
  const tickets = options.tickets ?? (await openTicketStore('sqlite::memory:', { webhookOutbox: false }));
  const runtime = await createBotRuntime({
    storage: new MemoryStorage(),
    brandName: TEST_BRAND,
    defaultLocale: 'en',
    userKeySecret: 'test-user-key-secret',
    ...options,
    tickets,
  });
  const adapter = new TestAdapter((context) => runtime.bot.run(context));
  const deliverIn =
    (conversationId: string, userId = 'user-1'): Deliver =>
    async (activity) => {
      adapter.activeQueue.splice(0);
      await adapter.processActivity(userActivity(conversationId, userId, activity));
      // Through JSON, as a channel would see them.
      return adapter.activeQueue.splice(0).map((reply) => replyActivity.parse(JSON.parse(JSON.stringify(reply))));
    };
  return { runtime, adapter, deliver: deliverIn('conversation-1'), deliverIn };
}
