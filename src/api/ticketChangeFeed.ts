import type { Request, Response } from 'restify';
import { HttpError } from '../http/httpError';
import type { Ticket } from '../tickets/ticket';
import type { TicketStore } from '../tickets/ticketStore';

export interface TicketChangeFeedOptions {
  readonly store: Pick<TicketStore, 'listChanged'>;
  /** How often the store is asked for changes while a console listens (other processes write too). */
  readonly pollMs: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  readonly heartbeatMs: number;
  readonly maxConnections: number;
  readonly onError: (error: unknown) => void;
  readonly now?: () => number;
}

/** What the queue shows of a ticket; the console fetches the rest when it is opened. */
export interface QueueItem {
  readonly number: string;
  readonly status: Ticket['status'];
  readonly priority: Ticket['priority'];
  readonly cause: Ticket['cause'];
  readonly assignee: string | null;
  readonly replies: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export function toQueueItem(ticket: Ticket): QueueItem {
  const { number, status, priority, cause, assignee, createdAt, updatedAt, version } = ticket;
  return { number, status, priority, cause, assignee, replies: ticket.replies.length, createdAt, updatedAt, version };
}

/**
 * Other processes stamp updatedAt with their own clocks and may commit after a later stamp was
 * seen, so each poll looks this far back and drops what it already sent.
 */
const LOOKBACK_MS = 10_000;
const PAGE = 100;
const MAX_PAGES_PER_POLL = 10;

/**
 * Server-Sent Events of ticket changes for the agent console. One poll of the store per process
 * serves every connected console, so the load does not grow with the number of agents.
 */
export class TicketChangeFeed {
  private readonly listeners = new Set<Response>();
  private readonly sent = new Map<string, { version: number; updatedAt: string }>();
  private since = '';
  private poller: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private readonly now: () => number;

  constructor(private readonly options: TicketChangeFeedOptions) {
    this.now = options.now ?? Date.now;
  }

  get connections(): number {
    return this.listeners.size;
  }

  /** Streams changes to `res` until the client goes away (sign-out closes it) or close(). */
  stream(req: Request, res: Response): Promise<void> {
    if (this.listeners.size >= this.options.maxConnections) {
      throw new HttpError(503, 'overloaded', 'Too many consoles are connected; try again shortly.', {
        'Retry-After': '30',
      });
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.write(`retry: ${this.options.pollMs}\n: connected\n\n`);
    this.listeners.add(res);
    this.start();
    return new Promise((resolve) => {
      const done = (): void => {
        this.remove(res);
        resolve();
      };
      req.once('close', done);
      res.once('close', done);
    });
  }

  /** Looks for changes now, e.g. right after a write in this process. */
  poke(): void {
    if (this.listeners.size === 0) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.poll()
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.polling = undefined;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.poke();
        }
      });
  }

  /** Ends every stream (shutdown). */
  close(): void {
    for (const res of [...this.listeners]) {
      res.end();
      this.remove(res);
    }
  }

  private start(): void {
    if (this.poller) return;
    this.since = new Date(this.now()).toISOString();
    this.poller = setInterval(() => this.poke(), this.options.pollMs);
    this.heartbeat = setInterval(() => this.broadcast(': ping\n\n'), this.options.heartbeatMs);
    this.poller.unref();
    this.heartbeat.unref();
  }

  private remove(res: Response): void {
    this.listeners.delete(res);
    if (this.listeners.size > 0) return;
    clearInterval(this.poller);
    clearInterval(this.heartbeat);
    this.poller = undefined;
    this.heartbeat = undefined;
    this.sent.clear();
  }

  private async poll(): Promise<void> {
    let from = new Date(Date.parse(this.since) - LOOKBACK_MS).toISOString();
    for (let page = 0; page < MAX_PAGES_PER_POLL; page += 1) {
      const changed = await this.options.store.listChanged({ since: from, limit: PAGE });
      for (const ticket of changed) this.announce(ticket);
      const last = changed[changed.length - 1];
      if (changed.length < PAGE || last === undefined || last.updatedAt === from) break;
      from = last.updatedAt;
    }
    const forgetBefore = new Date(Date.parse(this.since) - LOOKBACK_MS).toISOString();
    for (const [number, seen] of this.sent) if (seen.updatedAt < forgetBefore) this.sent.delete(number);
  }

  private announce(ticket: Ticket): void {
    const seen = this.sent.get(ticket.number);
    if (seen !== undefined && seen.version >= ticket.version) return;
    this.sent.set(ticket.number, { version: ticket.version, updatedAt: ticket.updatedAt });
    if (ticket.updatedAt > this.since) this.since = ticket.updatedAt;
    const data = JSON.stringify(toQueueItem(ticket));
    this.broadcast(`id: ${ticket.number}.${ticket.version}\nevent: ticket\ndata: ${data}\n\n`);
  }

  private broadcast(chunk: string): void {
    for (const res of this.listeners) res.write(chunk);
  }
}
