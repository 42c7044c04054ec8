import {
  BotAdapter,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { Conversation } from './conversation';
import { ConversationGoneError } from './conversationGoneError';
import { completeBotActivity } from './directLineActivity';

type TurnLogic = (context: TurnContext) => Promise<void>;

/** A bot's `delay` activity is honoured, but never long enough to stall a conversation's turn queue. */
const MAX_DELAY_MS = 10_000;

/**
 * The credential-less adapter of the local Direct Line. Replies go straight into the
 * conversation's history in-process, so there is no HTTP route where anyone could post as the bot.
 */
export class LocalDirectLineAdapter extends BotAdapter {
  constructor(
    private readonly findConversation: (id: string) => Conversation | undefined,
    readonly botAccount: ChannelAccount,
    private readonly now: () => number,
    /** The bot sent `endOfConversation`: the channel deletes the conversation soon after. */
    private readonly onBotEnded: (conversation: Conversation) => void,
  ) {
    super();
  }

  /** Runs middleware and `logic` for one inbound activity; errors go to `onTurnError`. */
  async processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await sleep(Math.min(typeof activity.value === 'number' ? activity.value : 1000, MAX_DELAY_MS));
        responses.push({ id: '' });
        continue;
      }
      // Traces are for the Emulator's inspector, not for users.
      if (activity.type === 'trace') {
        responses.push({ id: '' });
        continue;
      }
      const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
      const conversation = conversationId === undefined ? undefined : this.findConversation(conversationId);
      if (!conversation) throw new ConversationGoneError();
      const stored = conversation.append((id) =>
        completeBotActivity(activity, conversation, this.botAccount, id, this.now()),
      );
      responses.push({ id: stored.id ?? '' });
      if (activity.type === 'endOfConversation') this.onBotEnded(conversation);
    }
    return responses;
  }

  override updateActivity(): Promise<void> {
    return Promise.reject(new Error('Direct Line cannot update an activity once sent.'));
  }

  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('Direct Line cannot delete an activity once sent.'));
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    await this.continueWith(reference, logic);
  }

  /** Proactive messages; the app id or claims are irrelevant to a channel that has no credentials. */
  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('continueConversationAsync needs a logic callback.');
    await this.continueWith(reference, logic);
  }

  private async continueWith(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const conversationId = reference.conversation?.id;
    const conversation = conversationId === undefined ? undefined : this.findConversation(conversationId);
    if (!conversation) throw new ConversationGoneError();
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'ContinueConversation' },
      { ...reference, bot: reference.bot ?? this.botAccount },
      true,
    );
    // Not queued behind the conversation's turns: a proactive call made from inside a turn would wait on itself.
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
