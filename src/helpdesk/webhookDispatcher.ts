import { TICKET_CREATED_EVENT, type OutboxEntry } from '../tickets/outbox';
import { toPublicTicket } from '../tickets/ticket';
import type { TicketStore } from '../tickets/ticketStore';
import { DuePoller, type DueRound } from '../duePoller';
import { backoffDelayMs } from './webhookBackoff';
import { webhookSignature } from './webhookSignature';

export interface WebhookDispatcherOptions {
  readonly store: TicketStore;
  /** HELPDESK_WEBHOOK_URL; configured by the operator, so only the scheme is checked. */
  readonly url: string;
  /** HELPDESK_WEBHOOK_SECRET. */
  readonly secret: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly random?: () => number;
  readonly pollIntervalMs?: number;
  /** Per call; a helpdesk that hangs must not hold the lease past its end. */
  readonly timeoutMs?: number;
  readonly batchSize?: number;
  /** How long a claimed row stays ours; longer than timeoutMs, or a slow call is sent twice. */
  readonly leaseMs?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A failed call or a database error; carries the ticket number, never the body. */
  readonly onError?: (error: unknown, context: { readonly ticketNumber?: string; readonly attempts?: number }) => void;
}

const OUTCOMES = ['delivered', 'failed'] as const;
export type DispatchRound = DueRound<(typeof OUTCOMES)[number]>;

/** The body the helpdesk receives; `Idempotency-Key` (webhookIdempotencyKey) lets it drop a repeat. */
export interface WebhookPayload {
  readonly event: string;
  readonly ticket: ReturnType<typeof toPublicTicket>;
}

/** `Idempotency-Key` of a webhook call: the ticket number for its creation, number and event for later events. */
export function webhookIdempotencyKey(ticketNumber: string, event: string): string {
  return event === TICKET_CREATED_EVENT ? ticketNumber : `${ticketNumber}:${event}`;
}

class WebhookStatusError extends Error {
  constructor(readonly status: number) {
    super(`The helpdesk answered HTTP ${status}.`);
    this.name = 'WebhookStatusError';
  }
}

/**
 * Sends the outbox to the helpdesk: at least once per ticket, retried with exponential backoff
 * and jitter, never given up (the delay is capped instead), and safe with one dispatcher per bot
 * process because rows are claimed with a lease.
 */
export class WebhookDispatcher extends DuePoller<OutboxEntry, (typeof OUTCOMES)[number]> {
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly backoff: { readonly baseDelayMs: number; readonly maxDelayMs: number };

  constructor(private readonly options: WebhookDispatcherOptions) {
    if (!/^https?:\/\//i.test(options.url)) throw new Error('HELPDESK_WEBHOOK_URL must be an http(s) URL.');
    if (options.secret === '') throw new Error('HELPDESK_WEBHOOK_SECRET is required with HELPDESK_WEBHOOK_URL.');
    super({
      pollMs: options.pollIntervalMs ?? 2000,
      batchSize: options.batchSize ?? 10,
      outcomes: OUTCOMES,
      onRoundError: (error) => options.onError?.(error, {}),
    });
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.leaseMs = options.leaseMs ?? Math.max(60_000, this.timeoutMs * 3);
    this.backoff = { baseDelayMs: options.baseDelayMs ?? 5000, maxDelayMs: options.maxDelayMs ?? 3_600_000 };
  }

  protected override claim(limit: number): Promise<OutboxEntry[]> {
    return this.options.store.outbox.claimDue(this.now(), limit, this.leaseMs);
  }

  protected override async handle(entry: OutboxEntry): Promise<(typeof OUTCOMES)[number]> {
    return (await this.send(entry)) ? 'delivered' : 'failed';
  }

  private async send(entry: OutboxEntry): Promise<boolean> {
    const ticket = await this.options.store.get(entry.ticketNumber);
    if (ticket === undefined) {
      // Purged (retention) before it went out: nothing left to send.
      await this.options.store.outbox.markDelivered(entry, this.now());
      return true;
    }
    const payload: WebhookPayload = { event: entry.event, ticket: toPublicTicket(ticket) };
    const body = JSON.stringify(payload);
    try {
      const response = await this.fetch(this.options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Signature-256': webhookSignature(this.options.secret, body),
          'Idempotency-Key': webhookIdempotencyKey(ticket.number, entry.event),
        },
        body,
        // A redirect would re-send the ticket to a host nobody configured.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.body?.cancel();
      if (response.status < 200 || response.status > 299) throw new WebhookStatusError(response.status);
      await this.options.store.outbox.markDelivered(entry, this.now());
      return true;
    } catch (error) {
      const failures = entry.attempts + 1;
      const next = new Date(this.now().getTime() + backoffDelayMs(failures, this.backoff, this.random));
      await this.options.store.outbox.markFailed(entry, next, error instanceof Error ? error.message : String(error));
      this.options.onError?.(error, { ticketNumber: ticket.number, attempts: failures });
      return false;
    }
  }
}
