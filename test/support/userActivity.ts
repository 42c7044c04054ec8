import type { Activity } from 'botbuilder';

/** What a channel sends for one user in one personal conversation; `activity` fills in the rest. */
export function userActivity(conversationId: string, userId: string, activity: Partial<Activity>): Partial<Activity> {
  return {
    channelId: 'test',
    serviceUrl: 'https://test.invalid',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: userId, name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    ...activity,
  };
}
