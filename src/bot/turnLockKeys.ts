import type { Activity } from 'botbuilder';

/**
 * What a turn's state is stored under: its conversation and its user (botbuilder's
 * ConversationState and UserState), so concurrent turns that share either run one after the other.
 */
export function turnLockKeys(activity: Partial<Activity>): string[] {
  const channel = activity.channelId ?? '';
  const keys: string[] = [];
  if (activity.conversation?.id !== undefined) keys.push(`${channel}/conversations/${activity.conversation.id}`);
  if (activity.from?.id !== undefined) keys.push(`${channel}/users/${activity.from.id}`);
  return keys;
}
