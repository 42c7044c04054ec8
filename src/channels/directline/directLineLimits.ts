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
  /** Beyond this many, creating a conversation evicts the least recently active one. */
  readonly maxConversations: number;
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
