import { Conversation } from './conversation';
import type { DirectLineLimits } from './directLineLimits';
import { randomToken } from './randomToken';

export type RemovalReason = 'expired' | 'evicted' | 'ended' | 'closed';

type StoreLimits = Pick<
  DirectLineLimits,
  'conversationIdleMs' | 'conversationMaxAgeMs' | 'maxConversations' | 'maxHistoryActivities' | 'maxHistoryBytes'
>;

/**
 * Live conversations, least recently active first (Map insertion order), so evicting the oldest
 * idle one is taking the first entry. Expiry is checked on every lookup and by `sweep()`.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    private readonly limits: StoreLimits,
    private readonly now: () => number,
    private readonly onRemove: (conversation: Conversation, reason: RemovalReason) => void,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  create(userId: string, serviceUrl: string): Conversation {
    this.sweep();
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.values().next();
      if (oldest.done) break;
      this.remove(oldest.value, 'evicted');
    }
    const conversation = new Conversation(randomToken(18), userId, serviceUrl, this.now(), this.limits);
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** The conversation if it is still alive; an expired one is removed on the spot. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    if (this.isExpired(conversation)) {
      this.remove(conversation, 'expired');
      return undefined;
    }
    return conversation;
  }

  touch(conversation: Conversation): void {
    conversation.lastActiveAt = this.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** The user ended it: history, tokens and uploads go now rather than when it would expire. */
  end(id: string): void {
    const conversation = this.conversations.get(id);
    if (conversation) this.remove(conversation, 'ended');
  }

  sweep(): void {
    for (const conversation of this.conversations.values()) {
      if (this.isExpired(conversation)) this.remove(conversation, 'expired');
    }
  }

  clear(): void {
    for (const conversation of this.conversations.values()) this.remove(conversation, 'closed');
  }

  private isExpired(conversation: Conversation): boolean {
    const now = this.now();
    return (
      now - conversation.lastActiveAt >= this.limits.conversationIdleMs ||
      now - conversation.createdAt >= this.limits.conversationMaxAgeMs
    );
  }

  private remove(conversation: Conversation, reason: RemovalReason): void {
    this.conversations.delete(conversation.id);
    this.onRemove(conversation, reason);
  }
}
