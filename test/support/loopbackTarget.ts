import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackTarget {
  readonly port: number;
  readonly url: string;
  /** Requests that reached the target, by path. */
  readonly hits: string[];
  /** Connections open right now, and the most that were ever open at once. */
  openSockets(): number;
  peakSockets(): number;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server standing for something an attacker must not reach (an internal admin
 * port, a metadata service) or a channel's connector: `answer` decides the reply, `hang` none.
 */
export async function startLoopbackTarget(
  mode: { answer: (req: http.IncomingMessage, res: http.ServerResponse) => void } | 'hang',
): Promise<LoopbackTarget> {
  const hits: string[] = [];
  let open = 0;
  let peak = 0;
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    if (mode !== 'hang') mode.answer(req, res);
  });
  server.on('connection', (socket) => {
    open += 1;
    peak = Math.max(peak, open);
    socket.on('close', () => {
      open -= 1;
    });
    // Node keeps a half-closed server socket open until it answers: once the client hung up, so do we.
    socket.on('end', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('the target has no TCP address');
  const { port } = address;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    openSockets: () => open,
    peakSockets: () => peak,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A connector stand-in that accepts every activity the bot posts, as the Emulator does. */
export function acceptActivities(_req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: `reply-${Date.now()}` }));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
