import type { BotAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Localizer } from '../i18n/localizer';
import { resolveLocale } from '../i18n/resolveLocale';
import type { Ticket, TicketReply } from '../tickets/ticket';

/** The parts of a stored conversation reference a proactive message needs. */
const referenceSchema = z.looseObject({
  channelId: z.string(),
  serviceUrl: z.string(),
  conversation: z.looseObject({ id: z.string() }),
});

export interface ProactiveRouteOptions {
  localizer: Localizer;
  logger: Logger;
  /** The adapter that owns a channel's conversations: the local Direct Line's own, or the Bot Framework one. */
  adapterFor: (channelId: string) => { adapter: BotAdapter; appId: string } | undefined;
}

/**
 * Delivers an agent's reply into the user's conversation (Teams, Web Chat, the local page).
 * Returns false when it cannot be delivered now — the conversation is gone, the channel needs
 * credentials we do not have — and the reply then waits on the ticket for the user's next message.
 */
export function createReplyDelivery(
  options: ProactiveRouteOptions,
): (ticket: Ticket, reply: TicketReply) => Promise<boolean> {
  return async (ticket, reply) => {
    const parsed = referenceSchema.safeParse(ticket.conversationReference);
    if (!parsed.success) return false;
    const route = options.adapterFor(parsed.data.channelId);
    if (!route) return false;
    const reference: Partial<ConversationReference> = ticket.conversationReference ?? {};
    const locale = resolveLocale(ticket.locale, options.localizer.defaultLocale);
    const text = options.localizer.t(locale)('tickets:agentReply', { number: ticket.number, text: reply.text });
    try {
      await route.adapter.continueConversationAsync(route.appId, reference, async (context) => {
        await context.sendActivity(text);
      });
      return true;
    } catch (err) {
      options.logger.warn(
        { err, ticket: ticket.number, channelId: parsed.data.channelId },
        'agent reply not delivered now; it waits for the user',
      );
      return false;
    }
  };
}
