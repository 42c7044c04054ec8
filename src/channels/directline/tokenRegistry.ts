import { randomToken } from './randomToken';

export type TokenLookup =
  | { readonly status: 'valid'; readonly conversationId: string }
  | { readonly status: 'expired'; readonly conversationId: string }
  | { readonly status: 'unknown' };

interface TokenRecord {
  readonly conversationId: string;
  readonly expiresAt: number;
}

/** A conversation keeps only its newest few tokens; refreshes every 15 minutes never need more. */
const TOKENS_PER_CONVERSATION = 4;

/**
 * Bearer tokens, each bound to one conversation. Expired tokens are remembered while their
 * conversation lives so a client hears "expired" (403, which Web Chat understands) rather than
 * "unknown" (401).
 */
export class TokenRegistry {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly byConversation = new Map<string, string[]>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(conversationId: string): { token: string; expiresInSeconds: number } {
    const token = randomToken();
    this.tokens.set(token, { conversationId, expiresAt: this.now() + this.ttlMs });
    const list = this.byConversation.get(conversationId) ?? [];
    list.push(token);
    while (list.length > TOKENS_PER_CONVERSATION) {
      const oldest = list.shift();
      if (oldest !== undefined) this.tokens.delete(oldest);
    }
    this.byConversation.set(conversationId, list);
    return { token, expiresInSeconds: Math.floor(this.ttlMs / 1000) };
  }

  lookup(token: string): TokenLookup {
    const record = this.tokens.get(token);
    if (!record) return { status: 'unknown' };
    if (this.now() >= record.expiresAt) return { status: 'expired', conversationId: record.conversationId };
    return { status: 'valid', conversationId: record.conversationId };
  }

  revokeConversation(conversationId: string): void {
    for (const token of this.byConversation.get(conversationId) ?? []) this.tokens.delete(token);
    this.byConversation.delete(conversationId);
  }
}
