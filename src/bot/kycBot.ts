import { ActivityHandler, type TurnContext } from 'botbuilder';
import { removeBotMention } from '../channels/teams/teamsActivity';
import type { KycConversation } from '../conversation/kycConversation';
import type { TurnLock } from './turnLock';
import { turnLockKeys } from './turnLockKeys';

/**
 * The Bot Framework edge: turns activities into calls on the conversation and saves state after
 * every turn. Everything the bot knows lives in the conversation; this class only routes.
 * A turn runs under the TurnLock of its conversation and user, from reading state to saving it.
 */
export class KycBot extends ActivityHandler {
  constructor(
    private readonly conversation: KycConversation,
    private readonly turnLock: TurnLock,
  ) {
    super();
    this.onMessage(async (context, next) => {
      // Teams puts "<at>Bot</at>" in front of the text in group chats; it is not part of the prompt.
      removeBotMention(context.activity);
      await this.conversation.onMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((member) => member.id !== botId))
        await this.conversation.welcome(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      await this.conversation.onEvent(context);
      await next();
    });
  }

  /** In a proactive turn (see proactiveReplies): the user's ticket was resolved; ask for their rating. */
  async ticketResolved(context: TurnContext, ticket: { number: string; cause: string | null }): Promise<void> {
    await this.turnLock.run(turnLockKeys(context.activity), async () => {
      await this.conversation.ticketResolved(context, ticket);
      await this.conversation.saveState(context);
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await this.turnLock.run(turnLockKeys(context.activity), async () => {
      await super.run(context);
      await this.conversation.saveState(context);
    });
  }
}
