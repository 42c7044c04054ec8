import type { Policy } from '../settings';

/** What the user told us about today's failed attempts. Kept in user state. */
export interface AttemptRecord {
  /** Failures in the current restriction window. */
  failures: number;
  /** When the last one failed (epoch ms); the restriction runs from there. */
  lastFailureAt: number;
}

export type ResubmitAdvice =
  { kind: 'can_resubmit'; remaining: number; nextRestricts: boolean } | { kind: 'restricted'; until: number };

/**
 * The playbook's rule: the Nth failure within a day restricts new applications for a fixed
 * number of hours, counted from that failure.
 */
export function adviseResubmit(record: AttemptRecord, policy: Policy, now: number): ResubmitAdvice {
  const limit = policy.failuresPerDayBeforeRestriction;
  const windowMs = policy.restrictionHours * 3_600_000;
  const stale = now - record.lastFailureAt >= windowMs;
  if (record.failures >= limit && !stale) {
    const until = record.lastFailureAt + windowMs;
    return { kind: 'restricted', until };
  }
  const failures = stale ? 0 : record.failures;
  const remaining = Math.max(0, limit - failures);
  return { kind: 'can_resubmit', remaining, nextRestricts: remaining === 1 };
}

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
const ENGLISH_NUMBERS: Record<string, number> = {
  zero: 0,
  no: 0,
  once: 1,
  one: 1,
  twice: 2,
  two: 2,
  thrice: 3,
  three: 3,
  four: 4,
  five: 5,
};

/**
 * Reads a count of failures from what the user wrote ("I failed 3 times today", "失败了三次",
 * "twice", or just "2" as the answer to the question). Returns undefined when the text holds no count, so the bot asks instead of guessing.
 */
export function parseFailureCount(text: string): number | undefined {
  const folded = text.normalize('NFKC').toLowerCase();
  const bare = /^\s*(\d{1,2})\s*\+?\s*$/.exec(folded);
  if (bare) return Number(bare[1]);
  const digits = /(\d{1,2})\s*(x\b|times?|attempts?|tries|fails?|failures?|次|遍|回)/.exec(folded);
  if (digits) return Number(digits[1]);
  const chinese = /([零〇一两二三四五六七八九十])\s*(次|遍|回)/.exec(folded);
  if (chinese) return CHINESE_DIGITS[chinese[1]];
  const word = /\b(zero|no|once|one|twice|two|thrice|three|four|five)\b\s*(times?|attempts?|tries|failures?)?/.exec(
    folded,
  );
  if (word && (word[2] || ['once', 'twice', 'thrice'].includes(word[1]))) return ENGLISH_NUMBERS[word[1]];
  return undefined;
}
