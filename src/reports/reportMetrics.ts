import { ABANDON_AFTER_MS, NO_CAUSE, type OutcomeEvent } from './outcomes';

/** The metric names of report_counts; a subject says which cause, check, rule or score. */
export const METRIC = {
  conversation: 'conversation',
  started: 'walkthrough.started',
  resolved: 'walkthrough.resolved',
  escalated: 'walkthrough.escalated',
  photoVerdict: 'photo.verdict',
  photoCheck: 'photo.check',
  selfieVerdict: 'selfie.verdict',
  selfieCheck: 'selfie.check',
  infoCheck: 'info.check',
  infoRule: 'info.rule',
  satisfaction: 'satisfaction',
  ticketCreated: 'ticket.created',
  firstReply: 'ticket.firstReplySeconds',
} as const;

/** Joins the parts of a subject (`blur/fail`, `walkthrough/photo_unclear/5`); ids never contain it. */
export const SUBJECT_SEPARATOR = '/';

export interface Increment {
  readonly day: string;
  readonly metric: string;
  readonly subject: string;
}

const DAY_MS = 86_400_000;
/** Nearly every event of a process falls on the same day: format it once a day, not once an event. */
let cached = { start: 0, day: '1970-01-01' };

/** The UTC day of a time, `YYYY-MM-DD`. */
export function dayOf(time: number): string {
  if (time >= cached.start && time < cached.start + DAY_MS) return cached.day;
  const start = time - (((time % DAY_MS) + DAY_MS) % DAY_MS);
  cached = { start, day: new Date(start).toISOString().slice(0, 10) };
  return cached.day;
}

const subject = (...parts: (string | number)[]): string => parts.join(SUBJECT_SEPARATOR);

/** The counters one event adds 1 to. */
export function incrementsOf(event: OutcomeEvent, now: number): Increment[] {
  const today = dayOf(now);
  const one = (metric: string, what = ''): Increment => ({ day: today, metric, subject: what });
  switch (event.kind) {
    case 'conversation':
      return [one(METRIC.conversation)];
    case 'walkthroughStarted':
      return [one(METRIC.started, event.cause)];
    case 'walkthroughEnded': {
      if (now - event.startedAt > ABANDON_AFTER_MS) return [];
      const metric = event.outcome === 'resolved' ? METRIC.resolved : METRIC.escalated;
      return [{ day: dayOf(event.startedAt), metric, subject: event.cause }];
    }
    case 'photoChecked':
    case 'selfieChecked': {
      const photo = event.kind === 'photoChecked';
      const verdict = one(photo ? METRIC.photoVerdict : METRIC.selfieVerdict, event.verdict);
      const checkMetric = photo ? METRIC.photoCheck : METRIC.selfieCheck;
      return [verdict, ...event.checks.map((check) => one(checkMetric, subject(check.id, check.status)))];
    }
    case 'infoChecked':
      return [
        one(METRIC.infoCheck, event.match ? 'match' : 'mismatch'),
        ...event.rules.map((rule) => one(METRIC.infoRule, rule)),
      ];
    case 'satisfaction':
      return [one(METRIC.satisfaction, subject(event.source, event.cause ?? NO_CAUSE, event.score))];
    case 'ticketCreated':
      return [one(METRIC.ticketCreated, event.cause ?? NO_CAUSE)];
    case 'firstAgentReply': {
      const created = Date.parse(event.ticketCreatedAt);
      const seconds = Math.max(0, Math.round((Date.parse(event.repliedAt) - created) / 1000));
      if (!Number.isFinite(seconds)) return [];
      return [{ day: dayOf(created), metric: METRIC.firstReply, subject: String(seconds) }];
    }
  }
}
