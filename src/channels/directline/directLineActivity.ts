import type { Activity, Attachment, ChannelAccount, ConversationAccount } from 'botbuilder';
import type { Conversation } from './conversation';
import type { InboundActivity } from './inboundActivity';

export const DIRECT_LINE_CHANNEL_ID = 'directline';

export type UserActivityFields = Omit<InboundActivity, 'attachments'> & { attachments?: Attachment[] };

export function conversationAccount(id: string): ConversationAccount {
  return { id, name: '', isGroup: false, conversationType: 'personal' };
}

export function userAccount(conversation: Conversation, name = ''): ChannelAccount {
  return { id: conversation.userId, name, role: 'user' };
}

/**
 * The activity as Azure's Direct Line would hand it to a bot: server-assigned id, timestamp,
 * channel, service URL and addressing; `from.id` is the conversation's user whatever the client claimed.
 */
export function buildUserActivity(
  conversation: Conversation,
  bot: ChannelAccount,
  fields: UserActivityFields,
  id: string,
  now: number,
): Partial<Activity> {
  const { from, localTimestamp, ...rest } = fields;
  const local = parseTimestamp(localTimestamp);
  return {
    ...rest,
    id,
    timestamp: new Date(now),
    localTimestamp: local,
    channelId: DIRECT_LINE_CHANNEL_ID,
    serviceUrl: conversation.serviceUrl,
    from: userAccount(conversation, from?.name),
    conversation: conversationAccount(conversation.id),
    recipient: bot,
  };
}

/** A bot reply completed the same way, so the history reads like Direct Line's. */
export function completeBotActivity(
  activity: Partial<Activity>,
  conversation: Conversation,
  bot: ChannelAccount,
  id: string,
  now: number,
): Partial<Activity> {
  return {
    ...activity,
    id,
    timestamp: new Date(now),
    channelId: DIRECT_LINE_CHANNEL_ID,
    serviceUrl: conversation.serviceUrl,
    conversation: conversationAccount(conversation.id),
    from: { ...bot, ...activity.from, role: 'bot' },
    recipient: activity.recipient ?? userAccount(conversation),
  };
}

function parseTimestamp(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
