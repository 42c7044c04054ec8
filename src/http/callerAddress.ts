import type { IncomingMessage } from 'node:http';
import { isLoopbackAddress } from './publicAddress';

/** The peer's address as the rate limits and caps count it; an IPv4-mapped IPv6 address is its IPv4 address. */
export function callerAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/** Headers a reverse proxy adds: a request carrying one came from somewhere else, whatever the socket says. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'x-forwarded-host', 'via'];

/**
 * True only for a request made on this machine: the socket's peer is loopback and no proxy on
 * this machine says it forwarded it for someone else.
 */
export function comesFromThisMachine(req: IncomingMessage): boolean {
  if (!isLoopbackAddress(callerAddress(req))) return false;
  return FORWARDING_HEADERS.every((name) => req.headers[name] === undefined);
}
