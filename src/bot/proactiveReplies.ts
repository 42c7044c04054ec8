import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Locale } from '../i18n/locales';
import type { KycBot } from './kycBot';
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
 * Runs `work` in the ticket's conversation (Teams, Web Chat, the local page). Returns false when
 * that cannot happen now: the conversation is gone, or the channel needs credentials we do not have.
 */
async function inTicketConversation(
  options: ProactiveRouteOptions,
  ticket: Ticket,
  what: string,
  work: (context: TurnContext, locale: Locale) => Promise<void>,
): Promise<boolean> {
  const parsed = referenceSchema.safeParse(ticket.conversationReference);
  if (!parsed.success) return false;
  const route = options.adapterFor(parsed.data.channelId);
  if (!route) return false;
  const reference: Partial<ConversationReference> = ticket.conversationReference ?? {};
  const locale = resolveLocale(ticket.locale, options.localizer.defaultLocale);
  try {
    await route.adapter.continueConversationAsync(route.appId, reference, (context) => work(context, locale));
    return true;
  } catch (err) {
    options.logger.warn({ err, ticket: ticket.number, channelId: parsed.data.channelId }, what);
    return false;
  }
}

/**
 * Delivers an agent's reply into the user's conversation. Returns false when it cannot be
 * delivered now, and the reply then waits on the ticket for the user's next message.
 */
export function createReplyDelivery(
  options: ProactiveRouteOptions,
): (ticket: Ticket, reply: TicketReply) => Promise<boolean> {
  return (ticket, reply) =>
    inTicketConversation(
      options,
      ticket,
      'agent reply not delivered now; it waits for the user',
      async (context, locale) => {
        const text = options.localizer.t(locale)('tickets:agentReply', { number: ticket.number, text: reply.text });
        await context.sendActivity(text);
      },
    );
}

/**
 * Tells the user in their conversation that an agent resolved their ticket and asks the 1–5
 * question, through the bot (its turn lock and state). Not delivered now: no question is asked.
 */
export function createResolvedNotice(
  options: ProactiveRouteOptions & { bot: Pick<KycBot, 'ticketResolved'> },
): (ticket: Ticket) => Promise<boolean> {
  return (ticket) =>
    inTicketConversation(options, ticket, 'ticket resolved notice not delivered', (context) =>
      options.bot.ticketResolved(context, { number: ticket.number, cause: ticket.cause.id }),
    );
}
