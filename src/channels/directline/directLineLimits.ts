/** Every bound the local Direct Line enforces, so memory and CPU stay finite whatever clients do. */
export interface DirectLineLimits {
  /** A token's life; Web Chat refreshes every 15 minutes, so 30 matches Azure's Direct Line. */
  readonly tokenTtlMs: number;
  /** A conversation nobody polled or posted to for this long is dropped with its uploads. */
  readonly conversationIdleMs: number;
  /** No conversation outlives this, however busy: its history holds what the user typed. */
  readonly conversationMaxAgeMs: number;
  /** After the bot ends a conversation, how long its history waits for the page to fetch it. */
  readonly endedGraceMs: number;
  /**
   * At this many, a new conversation takes the place of the least recently active one only if
   * that one has been idle for `evictIdleMs`; otherwise starting is refused (503), so a flood of
   * new conversations cannot push people out in the middle of their own.
   */
  readonly maxConversations: number;
  /** Web Chat polls every second while its page is open: this long without a request means the page is gone. */
  readonly evictIdleMs: number;
  /** Live conversations one address may hold (429 past it). */
  readonly maxConversationsPerAddress: number;
  readonly maxHistoryActivities: number;
  /** Serialized JSON size of one conversation's history. */
  readonly maxHistoryBytes: number;
  readonly maxJsonBodyBytes: number;
  readonly maxFilesPerUpload: number;
  /** Uploaded bytes one conversation may hold; the oldest upload goes first. */
  readonly maxConversationAttachmentBytes: number;
  /** Uploaded bytes the whole process may hold; the oldest upload goes first. */
  readonly maxTotalAttachmentBytes: number;
  /** Token bucket per client: Web Chat polls once a second, so this leaves room for bursts. */
  readonly rateBurst: number;
  readonly ratePerSecond: number;
}

export function defaultDirectLineLimits(maxUploadBytes: number): DirectLineLimits {
  return {
    tokenTtlMs: 30 * 60_000,
    conversationIdleMs: 60 * 60_000,
    conversationMaxAgeMs: 4 * 60 * 60_000,
    endedGraceMs: 30_000,
    maxConversations: 1000,
    evictIdleMs: 2 * 60_000,
    maxConversationsPerAddress: 30,
    maxHistoryActivities: 500,
    maxHistoryBytes: 2 * 1024 * 1024,
    maxJsonBodyBytes: 256 * 1024,
    maxFilesPerUpload: 5,
    maxConversationAttachmentBytes: 4 * maxUploadBytes,
    maxTotalAttachmentBytes: Math.max(256 * 1024 * 1024, 4 * maxUploadBytes),
    rateBurst: 120,
    ratePerSecond: 5,
  };
}
