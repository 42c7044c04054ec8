/** What the channel needs to reach the conversation again: ids and the service URL, never a name. */
export type StoredConversationReference = Readonly<Record<string, unknown>>;

export interface NewReminder {
  /** The keyed hash of the channel's user id (tickets/userKey.ts). */
  readonly userKey: string;
  readonly conversationReference: StoredConversationReference;
  readonly locale: string;
  /** The cause whose checklist the reminder brings; null when none is known. */
  readonly cause: string | null;
  readonly dueAt: Date;
}

/** A due reminder leased to one scheduler until its lease ends; `lockToken` proves the claim. */
export interface DueReminder {
  readonly id: string;
  readonly conversationReference: StoredConversationReference;
  readonly locale: string;
  readonly cause: string | null;
  readonly dueAt: string;
  /** Failed deliveries so far. */
  readonly attempts: number;
  readonly lockToken: string;
}

/**
 * A reminder whose conversation was gone when it fell due (the local page keeps one for hours, not
 * a day): kept without its reference and shown the next time its user writes, in any conversation.
 */
export interface HeldReminder {
  readonly locale: string;
  readonly cause: string | null;
  readonly dueAt: string;
}

/**
 * Lockout-end reminders in SQLite or PostgreSQL, safe with several bot processes on one database:
 * a due row is claimed in one statement (row locks with SKIP LOCKED on PostgreSQL, the single
 * writer on SQLite) and leased, so each reminder goes to one scheduler.
 */
export interface ReminderStore {
  /** Schedules the user's reminder, replacing one they already had (a user waits for one lockout at a time). */
  schedule(reminder: NewReminder): Promise<void>;
  /** When the user's pending reminder is due (ISO), if they have one; for operators and tests. */
  pendingFor(userKey: string): Promise<string | undefined>;
  /** The user went on to work on a cause: their pending reminder brings its checklist. Returns how many changed. */
  updateCause(userKey: string, cause: string): Promise<number>;
  /** "cancel reminder" and "forget me": deletes the user's reminders; returns how many. */
  cancelForUser(userKey: string): Promise<number>;
  /** Due, unclaimed reminders (earliest first, held ones left out), now leased to the caller for `leaseMs`. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<DueReminder[]>;
  /** Deletes the sent reminder, reference and all; false when the lease was lost or it was cancelled meanwhile. */
  markSent(reminder: DueReminder): Promise<boolean>;
  /** Releases the lease with the next try's time; false when the lease was lost. */
  markFailed(reminder: DueReminder, nextAttemptAt: Date): Promise<boolean>;
  /** Deletes a reminder that could not be delivered within the bound. */
  giveUp(reminder: DueReminder): Promise<boolean>;
  /** Its conversation no longer exists: keeps it for the user's next message, its reference erased; false when the lease was lost. */
  holdForUser(reminder: DueReminder, now: Date): Promise<boolean>;
  /** Deletes and returns the user's held reminder; of two processes asking at once, one gets it. */
  takeHeld(userKey: string): Promise<HeldReminder | undefined>;
  /** Deletes reminders held since `before` or earlier: their users never came back. Returns how many. */
  dropHeldBefore(before: Date): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
