import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/helpdesk/webhookSignature';

export interface ReceivedWebhook {
  readonly idempotencyKey: string | undefined;
  readonly signatureValid: boolean;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** A helpdesk on 127.0.0.1 that checks signatures and answers with the statuses it is told to. */
export class HelpdeskStandIn {
  readonly received: ReceivedWebhook[] = [];
  /** Answered in order, then 200 for ever. 0 = never answer (a hanging helpdesk). */
  readonly statuses: number[] = [];
  private server: Server | undefined;

  constructor(private readonly secret: string) {}

  get url(): string {
    const address = this.server?.address();
    if (address === null || address === undefined || typeof address === 'string') throw new Error('not listening');
    return `http://127.0.0.1:${(address satisfies AddressInfo).port}/hooks/tickets`;
  }

  /** Tickets the helpdesk accepted (answered 2xx with a valid signature), by idempotency key. */
  accepted(): string[] {
    return this.received.filter((hook) => hook.signatureValid).map((hook) => hook.idempotencyKey ?? '');
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const status = this.statuses.shift() ?? 200;
        if (status === 0) return;
        const signatureValid = verifyWebhookSignature(this.secret, raw, header(req, 'x-signature-256'));
        if (status >= 200 && status < 300) {
          this.received.push({
            idempotencyKey: header(req, 'idempotency-key'),
            signatureValid,
            contentType: header(req, 'content-type'),
            body: JSON.parse(raw.toString('utf8')),
          });
        }
        // restify, when loaded in the same process, patches ServerResponse; plain statusCode + end() survive it.
        res.statusCode = signatureValid ? status : 401;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
