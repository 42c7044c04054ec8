import { ABANDON_AFTER_MS } from './outcomes';
import { METRIC, SUBJECT_SEPARATOR } from './reportMetrics';
import type { RangeCounts, TotalRow } from './reportStore';

const DAY_MS = 86_400_000;

export interface Containment {
  readonly started: number;
  readonly resolved: number;
  readonly escalated: number;
  readonly abandoned: number;
  /** Started on days still within the abandon window: they may yet end or escalate. */
  readonly open: number;
  /** resolved / (resolved + escalated + abandoned); null before any is decided. */
  readonly containmentRate: number | null;
}

export interface Rating {
  readonly count: number;
  readonly average: number | null;
}

export interface OutcomeReport {
  readonly from: string;
  readonly to: string;
  readonly abandonAfterHours: number;
  readonly conversations: { readonly total: number; readonly perDay: { day: string; count: number }[] };
  readonly containment: { readonly overall: Containment; readonly perCause: (Containment & { cause: string })[] };
  readonly photoChecks: ChecksReport;
  readonly selfieChecks: ChecksReport;
  readonly infoChecks: {
    readonly match: number;
    readonly mismatch: number;
    readonly rules: { rule: string; count: number }[];
  };
  readonly satisfaction: {
    readonly overall: Rating;
    readonly perCause: (Rating & { cause: string })[];
    readonly perSource: (Rating & { source: string })[];
  };
  readonly firstAgentReply: { readonly tickets: number; readonly medianSeconds: number | null };
}

export interface ChecksReport {
  readonly verdicts: { pass: number; fail: number };
  /** Per check id, how many times each status came out. */
  readonly checks: { check: string; pass: number; warn: number; fail: number; skipped: number }[];
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(`${from}T00:00:00Z`); time <= Date.parse(`${to}T00:00:00Z`); time += DAY_MS) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}

function add(map: Map<string, number>, key: string, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

const byName = <T>(map: Map<string, T>): [string, T][] => [...map].sort(([a], [b]) => a.localeCompare(b));

function containmentOf(started: number, resolved: number, escalated: number, abandoned: number): Containment {
  const decided = resolved + escalated + abandoned;
  return {
    started,
    resolved,
    escalated,
    abandoned,
    open: Math.max(0, started - decided),
    containmentRate: decided === 0 ? null : resolved / decided,
  };
}

function ratingOf(scores: Map<number, number>): Rating {
  let count = 0;
  let sum = 0;
  for (const [score, n] of scores) {
    count += n;
    sum += score * n;
  }
  return { count, average: count === 0 ? null : sum / count };
}

function addScore(map: Map<string, Map<number, number>>, key: string, score: number, count: number): void {
  const scores = map.get(key) ?? new Map<number, number>();
  scores.set(score, (scores.get(score) ?? 0) + count);
  map.set(key, scores);
}

function checksOf(rows: readonly TotalRow[], verdictMetric: string, checkMetric: string): ChecksReport {
  const verdicts = { pass: 0, fail: 0 };
  const checks = new Map<string, { pass: number; warn: number; fail: number; skipped: number }>();
  for (const row of rows) {
    if (row.metric === verdictMetric && (row.subject === 'pass' || row.subject === 'fail'))
      verdicts[row.subject] += row.count;
    if (row.metric !== checkMetric) continue;
    const [check = '', status] = row.subject.split(SUBJECT_SEPARATOR);
    const counts = checks.get(check) ?? { pass: 0, warn: 0, fail: 0, skipped: 0 };
    if (status === 'pass' || status === 'warn' || status === 'fail' || status === 'skipped')
      counts[status] += row.count;
    checks.set(check, counts);
  }
  return { verdicts, checks: byName(checks).map(([check, counts]) => ({ check, ...counts })) };
}

/** The median of a distribution given as value → how many times. */
function median(distribution: Map<number, number>): number | null {
  const total = [...distribution.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const sorted = [...distribution].sort(([a], [b]) => a - b);
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (seen > rank) return value;
    }
    return sorted[sorted.length - 1]?.[0] ?? 0;
  };
  return total % 2 === 1 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}

/**
 * The report of the days from `from` to `to` out of their counters (summed over every process that
 * wrote them). A day's walk-throughs count as abandoned once the abandon window after its last
 * moment has passed at `now`; before that, the ones not yet resolved or escalated are open.
 */
export function buildOutcomeReport(counts: RangeCounts, from: string, to: string, now: number): OutcomeReport {
  const perDay = new Map(daysBetween(from, to).map((day) => [day, 0]));
  const walkthroughs = new Map<string, Map<string, { started: number; resolved: number; escalated: number }>>();
  const walkthroughDay = (cause: string, day: string): { started: number; resolved: number; escalated: number } => {
    const days = walkthroughs.get(cause) ?? new Map<string, { started: number; resolved: number; escalated: number }>();
    walkthroughs.set(cause, days);
    const counts = days.get(day) ?? { started: 0, resolved: 0, escalated: 0 };
    days.set(day, counts);
    return counts;
  };
  const rules = new Map<string, number>();
  const info = { match: 0, mismatch: 0 };
  const ratingsByCause = new Map<string, Map<number, number>>();
  const ratingsBySource = new Map<string, Map<number, number>>();
  const allRatings = new Map<number, number>();
  const replySeconds = new Map<number, number>();

  for (const row of counts.daily) {
    switch (row.metric) {
      case METRIC.conversation:
        add(perDay, row.day, row.count);
        break;
      case METRIC.started:
        walkthroughDay(row.subject, row.day).started += row.count;
        break;
      case METRIC.resolved:
        walkthroughDay(row.subject, row.day).resolved += row.count;
        break;
      case METRIC.escalated:
        walkthroughDay(row.subject, row.day).escalated += row.count;
        break;
    }
  }
  for (const row of counts.totals) {
    switch (row.metric) {
      case METRIC.infoCheck:
        if (row.subject === 'match' || row.subject === 'mismatch') info[row.subject] += row.count;
        break;
      case METRIC.infoRule:
        add(rules, row.subject, row.count);
        break;
      case METRIC.satisfaction: {
        const [source = '', cause = '', scoreText = ''] = row.subject.split(SUBJECT_SEPARATOR);
        const score = Number(scoreText);
        if (!Number.isInteger(score) || score < 1 || score > 5) break;
        addScore(ratingsByCause, cause, score, row.count);
        addScore(ratingsBySource, source, score, row.count);
        allRatings.set(score, (allRatings.get(score) ?? 0) + row.count);
        break;
      }
      case METRIC.firstReply: {
        const seconds = Number(row.subject);
        if (Number.isFinite(seconds)) replySeconds.set(seconds, (replySeconds.get(seconds) ?? 0) + row.count);
        break;
      }
    }
  }

  const decidedBefore = now - ABANDON_AFTER_MS - DAY_MS;
  // Outcomes are counted on their walk-through's start day, so what a decided day did not finish was abandoned.
  const perCause = byName(walkthroughs).map(([cause, days]) => {
    const total = { started: 0, resolved: 0, escalated: 0, abandoned: 0 };
    for (const [day, counts] of days) {
      total.started += counts.started;
      total.resolved += counts.resolved;
      total.escalated += counts.escalated;
      if (Date.parse(`${day}T00:00:00Z`) <= decidedBefore)
        total.abandoned += Math.max(0, counts.started - counts.resolved - counts.escalated);
    }
    return { cause, ...containmentOf(total.started, total.resolved, total.escalated, total.abandoned) };
  });
  const sum = (pick: (c: Containment) => number): number => perCause.reduce((total, c) => total + pick(c), 0);

  return {
    from,
    to,
    abandonAfterHours: ABANDON_AFTER_MS / 3_600_000,
    conversations: {
      total: [...perDay.values()].reduce((total, n) => total + n, 0),
      perDay: [...perDay].map(([day, count]) => ({ day, count })),
    },
    containment: {
      overall: containmentOf(
        sum((c) => c.started),
        sum((c) => c.resolved),
        sum((c) => c.escalated),
        sum((c) => c.abandoned),
      ),
      perCause,
    },
    photoChecks: checksOf(counts.totals, METRIC.photoVerdict, METRIC.photoCheck),
    selfieChecks: checksOf(counts.totals, METRIC.selfieVerdict, METRIC.selfieCheck),
    infoChecks: { ...info, rules: byName(rules).map(([rule, count]) => ({ rule, count })) },
    satisfaction: {
      overall: ratingOf(allRatings),
      perCause: byName(ratingsByCause).map(([cause, scores]) => ({ cause, ...ratingOf(scores) })),
      perSource: byName(ratingsBySource).map(([source, scores]) => ({ source, ...ratingOf(scores) })),
    },
    firstAgentReply: {
      tickets: [...replySeconds.values()].reduce((total, n) => total + n, 0),
      medianSeconds: median(replySeconds),
    },
  };
}
