import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { selfSignedCertificate } from './selfSignedCertificate';

/** What a stand-in server saw; the tests assert on it (which host got which header). */
export interface ReceivedRequest {
  host: string;
  path: string;
  authorization: string | undefined;
}

export type StandInHandler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface StandInServer {
  port: number;
  /** PEM of the server's self-signed certificate, to pass as `testStandIn.ca`. */
  ca: string;
  received: ReceivedRequest[];
  /** Routes by path; an unknown path answers 404. */
  route(path: string, handler: StandInHandler): void;
  close(): Promise<void>;
}

/** The stand-in hosts' certificate names: every public host name the tests pretend to be. */
export const STAND_IN_HOSTS = [
  'files.example.test',
  'images.example.test',
  'other.example.test',
  'smba.trafficmanager.net',
  'evil-smba.trafficmanager.net',
] as const;

/** A file host on 127.0.0.1 only (the tests may not reach any other address); https unless asked otherwise. */
export async function startStandInServer(protocol: 'https' | 'http' = 'https'): Promise<StandInServer> {
  const { cert, key } = selfSignedCertificate(STAND_IN_HOSTS);
  const routes = new Map<string, StandInHandler>();
  const received: ReceivedRequest[] = [];
  const handle: StandInHandler = (request, response) => {
    const path = request.url ?? '';
    received.push({ host: request.headers.host ?? '', path, authorization: request.headers.authorization });
    const handler = routes.get(path.split('?')[0] ?? '');
    if (handler) handler(request, response);
    else answer(response, 404);
  };
  const server = protocol === 'https' ? https.createServer({ cert, key }, handle) : http.createServer(handle);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('stand-in server has no port');
  return {
    port: address.port,
    ca: cert,
    received,
    route(path, handler) {
      routes.set(path, handler);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Name resolution for the tests: listed names go to loopback, anything else fails as unknown (never real DNS). */
export function fakeLookup(answers: Record<string, string[]>): (hostname: string) => Promise<string[]> {
  return async (hostname) => {
    const found = answers[hostname];
    if (!found) throw Object.assign(new Error(`test lookup has no answer for ${hostname}`), { code: 'ENOTFOUND' });
    return found;
  };
}

/** writeHead then end, unchained: restify, loaded by other suites, patches writeHead to return nothing. */
export function answer(
  response: http.ServerResponse,
  status: number,
  headers: http.OutgoingHttpHeaders = {},
  body?: Buffer,
): void {
  response.writeHead(status, headers);
  response.end(body);
}
