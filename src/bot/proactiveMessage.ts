import type { Activity, BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';

/** The parts of a stored conversation reference a proactive message needs. */
const referenceSchema = z.looseObject({
  channelId: z.string(),
  serviceUrl: z.string(),
  conversation: z.looseObject({ id: z.string() }),
});
export type ProactiveTarget = z.infer<typeof referenceSchema>;
/** The whole stored reference, as the adapter reads it (tenant, bot and user ids included). */
const wholeReference = z.record(z.string(), z.unknown());

/** The adapter that owns a conversation (the local Direct Line's own, or the Bot Framework one), if the bot may write there. */
export type ProactiveRoute = (target: ProactiveTarget) => { adapter: BotAdapter; appId: string } | undefined;

/**
 * Runs `work` in a stored conversation with `continueConversationAsync`. Resolves false when no
 * route leads there (unusable reference, channel without credentials); a failed `work` throws.
 */
export async function inStoredConversation(
  route: ProactiveRoute,
  reference: unknown,
  work: (context: TurnContext) => Promise<void>,
): Promise<boolean> {
  const parsed = referenceSchema.safeParse(reference);
  const whole = wholeReference.safeParse(reference);
  if (!parsed.success || !whole.success) return false;
  const target = route(parsed.data);
  if (!target) return false;
  const full: Partial<ConversationReference> = whole.data;
  await target.adapter.continueConversationAsync(target.appId, full, work);
  return true;
}

/** Sends one message into a stored conversation; false and throws as `inStoredConversation`. */
export function sendProactive(
  route: ProactiveRoute,
  reference: unknown,
  message: string | Partial<Activity>,
): Promise<boolean> {
  return inStoredConversation(route, reference, async (context) => {
    await context.sendActivity(message);
  });
}
