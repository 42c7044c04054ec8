/** One Direct Line conversation: who is in it, its bounded history, and the queue its bot turns run in. */
export interface ConversationLimits {
  readonly maxHistoryActivities: number;
  readonly maxHistoryBytes: number;
}

interface HistoryEntry {
  readonly seq: number;
  readonly json: string;
  readonly bytes: number;
}

export interface ActivityPage {
  /** Serialized activities, ready to be joined into a JSON array. */
  readonly activities: readonly string[];
  readonly watermark: string;
}

export class Conversation {
  lastActiveAt: number;
  /** The bot ended it ("forget me"): it goes once the client has fetched the last reply. */
  endedByBot = false;
  private readonly history: HistoryEntry[] = [];
  private historyBytes = 0;
  private nextSeq = 0;
  private turns: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly serviceUrl: string,
    /** Who started it, for the per-address cap. */
    readonly clientAddress: string,
    readonly createdAt: number,
    private readonly limits: ConversationLimits,
  ) {
    this.lastActiveAt = createdAt;
  }

  /**
   * Appends the activity `build` makes with its Direct Line id (`<conversation>|<7-digit sequence>`).
   * The oldest entries go when the history is over its count or byte bound, but the newest always
   * stays so a client can see what was just sent.
   */
  append<T extends object>(build: (id: string) => T): T {
    const seq = this.nextSeq++;
    const activity = build(`${this.id}|${String(seq).padStart(7, '0')}`);
    const json = JSON.stringify(activity);
    const bytes = Buffer.byteLength(json);
    this.history.push({ seq, json, bytes });
    this.historyBytes += bytes;
    while (
      this.history.length > 1 &&
      (this.history.length > this.limits.maxHistoryActivities || this.historyBytes > this.limits.maxHistoryBytes)
    ) {
      const dropped = this.history.shift();
      if (dropped) this.historyBytes -= dropped.bytes;
    }
    return activity;
  }

  /** Activities at or after `watermark` (a count of activities ever appended); the new watermark is that count now. */
  activitiesFrom(watermark: number): ActivityPage {
    const activities = this.history.filter((entry) => entry.seq >= watermark).map((entry) => entry.json);
    return { activities, watermark: String(this.nextSeq) };
  }

  /** True when `watermark` is past every activity appended so far. */
  caughtUp(watermark: string): boolean {
    return Number(watermark) >= this.nextSeq;
  }

  /** Turns of one conversation run one after another, as state and ordering of replies expect. */
  enqueueTurn(turn: () => Promise<void>): Promise<void> {
    const run = this.turns.then(turn);
    this.turns = run.catch(() => undefined);
    return run;
  }
}
