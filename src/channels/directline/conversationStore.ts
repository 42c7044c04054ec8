import { Conversation } from './conversation';
import type { DirectLineLimits } from './directLineLimits';
import { randomToken } from './randomToken';

export type RemovalReason = 'expired' | 'evicted' | 'ended' | 'closed';

type StoreLimits = Pick<
  DirectLineLimits,
  | 'conversationIdleMs'
  | 'conversationMaxAgeMs'
  | 'maxConversations'
  | 'evictIdleMs'
  | 'maxConversationsPerAddress'
  | 'maxHistoryActivities'
  | 'maxHistoryBytes'
>;

export type CreateResult =
  | { readonly created: true; readonly conversation: Conversation }
  /** `full`: every slot is in use; `address`: this address holds its share already. */
  | { readonly created: false; readonly reason: 'full' | 'address' };

/**
 * Live conversations, least recently active first (Map insertion order), so evicting the oldest
 * idle one is taking the first entry. Expiry is checked on every lookup and by `sweep()`.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly limits: StoreLimits,
    private readonly now: () => number,
    private readonly onRemove: (conversation: Conversation, reason: RemovalReason) => void,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  create(userId: string, serviceUrl: string, clientAddress: string): CreateResult {
    this.sweep();
    if ((this.perAddress.get(clientAddress) ?? 0) >= this.limits.maxConversationsPerAddress)
      return { created: false, reason: 'address' };
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.values().next();
      if (oldest.done || this.now() - oldest.value.lastActiveAt < this.limits.evictIdleMs)
        return { created: false, reason: 'full' };
      this.remove(oldest.value, 'evicted');
    }
    const conversation = new Conversation(randomToken(18), userId, serviceUrl, clientAddress, this.now(), this.limits);
    this.conversations.set(conversation.id, conversation);
    this.perAddress.set(clientAddress, (this.perAddress.get(clientAddress) ?? 0) + 1);
    return { created: true, conversation };
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
    const left = (this.perAddress.get(conversation.clientAddress) ?? 1) - 1;
    if (left > 0) this.perAddress.set(conversation.clientAddress, left);
    else this.perAddress.delete(conversation.clientAddress);
    this.onRemove(conversation, reason);
  }
}
