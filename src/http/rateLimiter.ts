interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * A token bucket per client key. The map of buckets is bounded: past `maxClients` the least
 * recently seen client is forgotten, which only ever gives it a fresh (full) bucket.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number,
    private readonly maxClients = 10_000,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    const previous = this.buckets.get(key);
    const refilled = previous
      ? Math.min(this.burst, previous.tokens + ((now - previous.updatedAt) / 1000) * this.perSecond)
      : this.burst;
    this.buckets.delete(key);
    if (this.buckets.size >= this.maxClients) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / this.perSecond)) };
    }
    this.buckets.set(key, { tokens: refilled - 1, updatedAt: now });
    return { allowed: true };
  }
}
