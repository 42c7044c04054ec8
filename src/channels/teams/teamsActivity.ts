import type { Activity } from 'botbuilder';
import { z } from 'zod';

const botMentionSchema = z.object({
  type: z.string().refine((type) => type.toLowerCase() === 'mention'),
  mentioned: z.object({ id: z.string(), name: z.string().optional() }),
  text: z.string().optional(),
});

/**
 * Removes every @mention of the bot from `activity.text` and returns the new text.
 * botbuilder's `TurnContext.removeRecipientMention` removes only the first mention entity's first
 * occurrence, throws on a message without text, and removes the word "undefined" when a mention
 * carries no `text`; the new Teams client can also split a multi-word bot name into one
 * `<at>` per word, each its own entity. Mentions of other people stay.
 */
export function removeBotMention(activity: Partial<Pick<Activity, 'text' | 'entities' | 'recipient'>>): string {
  const botId = activity.recipient?.id;
  const original = activity.text ?? '';
  if (botId === undefined) return original;
  let text = original;
  for (const entity of activity.entities ?? []) {
    const mention = botMentionSchema.safeParse(entity);
    if (!mention.success || mention.data.mentioned.id !== botId) continue;
    const mentionText =
      mention.data.text ?? (mention.data.mentioned.name ? `<at>${mention.data.mentioned.name}</at>` : '');
    if (mentionText !== '') text = text.replace(new RegExp(escapeRegExp(mentionText), 'gi'), ' ');
  }
  if (text === original) return original;
  // Teams separates the mention from the words with a space, a no-break space or "&nbsp;".
  text = text
    .replace(/&nbsp;/gi, ' ')
    .replace(/[ \t\u00a0]{2,}/g, ' ')
    .trim();
  activity.text = text;
  return text;
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The newest Adaptive Card schema each client renders. Teams: 1.5 (its documented bot-card
 * maximum). Bot Framework Emulator 4.14 (the last release) bundles an older Web Chat that refuses
 * cards above 1.3. Web Chat 4.18 (our page, Azure Web Chat, Direct Line) bundles
 * adaptivecards 3.0, whose parser accepts 1.6.
 */
export function adaptiveCardVersionFor(channelId: string): '1.3' | '1.5' | '1.6' {
  switch (channelId) {
    case 'msteams':
      return '1.5';
    case 'emulator':
      return '1.3';
    default:
      return '1.6';
  }
}
