import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { adaptiveCardVersionFor } from '../channels/teams/teamsActivity';
import type { Ticket } from '../tickets/ticket';
import type { TurnTranslate } from './services';

export interface TicketSummary {
  reason: string;
  tried: string;
}

/** The plain text of a new ticket: what the user copies into an email or a support form. */
export function ticketText(ticket: Ticket, summary: TicketSummary, t: TurnTranslate): string {
  const line = (label: string, value: string): string => t('tickets:created.line', { label: t(label), value });
  // Paragraphs, not single newlines: Web Chat and Teams render Markdown, which joins those.
  return [
    t('tickets:created.text', { number: ticket.number }),
    line('tickets:created.reason', summary.reason),
    line('tickets:created.reference', ticket.applicationReference ?? t('tickets:created.none')),
    line('tickets:created.checked', summary.tried),
  ].join('\n\n');
}

/** The new ticket as a card (facts an agent and the user both read) with the copyable text as the message. */
export function ticketMessage(
  ticket: Ticket,
  summary: TicketSummary,
  t: TurnTranslate,
  channelId: string,
): Partial<Activity> {
  const card = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: adaptiveCardVersionFor(channelId),
    fallbackText: ticketText(ticket, summary, t),
    body: [
      { type: 'TextBlock', text: t('tickets:created.title'), size: 'Medium', weight: 'Bolder', wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: t('tickets:created.number'), value: ticket.number },
          { title: t('tickets:created.reason'), value: summary.reason },
          { title: t('tickets:created.reference'), value: ticket.applicationReference ?? t('tickets:created.none') },
          { title: t('tickets:created.checked'), value: summary.tried },
          { title: t('tickets:created.priority'), value: t(`tickets:created.${ticket.priority}`) },
        ],
      },
    ],
  });
  return MessageFactory.attachment(card, ticketText(ticket, summary, t));
}
