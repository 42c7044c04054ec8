import type { Logger } from 'pino';
import type { Localizer } from '../i18n/localizer';
import { resolveLocale } from '../i18n/resolveLocale';
import type { Ticket, TicketReply } from '../tickets/ticket';
import type { KycBot } from './kycBot';
import { inStoredConversation, sendProactive, type ProactiveRoute } from './proactiveMessage';

export interface ProactiveRouteOptions {
  localizer: Localizer;
  logger: Logger;
  /** The adapter that owns a channel's conversations: the local Direct Line's own, or the Bot Framework one. */
  adapterFor: ProactiveRoute;
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
    const locale = resolveLocale(ticket.locale, options.localizer.defaultLocale);
    const text = options.localizer.t(locale)('tickets:agentReply', { number: ticket.number, text: reply.text });
    try {
      return await sendProactive(options.adapterFor, ticket.conversationReference, text);
    } catch (err) {
      options.logger.warn({ err, ticket: ticket.number }, 'agent reply not delivered now; it waits for the user');
      return false;
    }
  };
}

/**
 * Tells the user in their conversation that an agent resolved their ticket and asks the 1–5
 * question, through the bot (its turn lock and state). Not delivered now: no question is asked.
 */
export function createResolvedNotice(
  options: ProactiveRouteOptions & { bot: Pick<KycBot, 'ticketResolved'> },
): (ticket: Ticket) => Promise<boolean> {
  return async (ticket) => {
    try {
      return await inStoredConversation(options.adapterFor, ticket.conversationReference, (context) =>
        options.bot.ticketResolved(context, { number: ticket.number, cause: ticket.cause.id }),
      );
    } catch (err) {
      options.logger.warn({ err, ticket: ticket.number }, 'ticket resolved notice not delivered');
      return false;
    }
  };
}
