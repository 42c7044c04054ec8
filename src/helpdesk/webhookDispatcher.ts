import { TICKET_CREATED_EVENT, type OutboxEntry } from '../tickets/outbox';
import { toPublicTicket } from '../tickets/ticket';
import type { TicketStore } from '../tickets/ticketStore';
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

export interface DispatchRound {
  readonly delivered: number;
  readonly failed: number;
}

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
export class WebhookDispatcher {
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly backoff: { readonly baseDelayMs: number; readonly maxDelayMs: number };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: WebhookDispatcherOptions) {
    if (!/^https?:\/\//i.test(options.url)) throw new Error('HELPDESK_WEBHOOK_URL must be an http(s) URL.');
    if (options.secret === '') throw new Error('HELPDESK_WEBHOOK_SECRET is required with HELPDESK_WEBHOOK_URL.');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.batchSize = options.batchSize ?? 10;
    this.leaseMs = options.leaseMs ?? Math.max(60_000, this.timeoutMs * 3);
    this.backoff = { baseDelayMs: options.baseDelayMs ?? 5000, maxDelayMs: options.maxDelayMs ?? 3_600_000 };
  }

  /** Polls every pollIntervalMs until stop(); the timer does not keep the process alive. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over the due rows (what the timer runs); tests drive it directly with a fake clock. */
  async runOnce(): Promise<DispatchRound> {
    let delivered = 0;
    let failed = 0;
    for (;;) {
      const entries = await this.options.store.outbox.claimDue(this.now(), this.batchSize, this.leaseMs);
      for (const entry of entries) {
        if (await this.send(entry)) delivered += 1;
        else failed += 1;
      }
      if (entries.length < this.batchSize || this.stopped) return { delivered, failed };
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.options.onError?.(error, {}))
        .finally(() => {
          if (!this.stopped) this.schedule(this.pollIntervalMs);
        });
    }, delayMs);
    this.timer.unref();
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
