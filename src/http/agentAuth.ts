import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';
import { HttpError } from './httpError';

/** The name AGENT_API_TOKEN acts under in a ticket's activity; no agent in AGENT_TOKENS may take it. */
export const API_TOKEN_AGENT = 'api';

export interface AgentCredential {
  readonly name: string;
  readonly token: string;
}

/** Who made a request: a named agent (AGENT_TOKENS) or the shared integration token (AGENT_API_TOKEN). */
export interface AgentIdentity {
  readonly name: string;
  readonly named: boolean;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Bearer tokens of the agent side. Every configured token is compared, in constant time and without
 * stopping at a match, so timing tells neither which token nor how much of one was right.
 */
export class AgentAuthenticator {
  private readonly entries: readonly { identity: AgentIdentity; digest: Buffer }[];

  constructor(apiToken: string | undefined, agents: readonly AgentCredential[]) {
    this.entries = [
      ...(apiToken ? [{ identity: { name: API_TOKEN_AGENT, named: false }, digest: digest(apiToken) }] : []),
      ...agents.map((agent) => ({ identity: { name: agent.name, named: true }, digest: digest(agent.token) })),
    ];
  }

  /** False when no token is configured: the agent side is off. */
  get enabled(): boolean {
    return this.entries.length > 0;
  }

  /** The agent behind `Authorization: Bearer <token>`; 401 without a known token. */
  authenticate(req: Request): AgentIdentity {
    const match = /^Bearer\s+(.+)$/i.exec((req.header('authorization') ?? '').trim());
    const given = digest(match?.[1] ?? '');
    let found: AgentIdentity | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(given, entry.digest) && match !== null) found = entry.identity;
    }
    if (found === undefined) {
      throw new HttpError(401, 'unauthorized', 'A valid bearer token is required', { 'WWW-Authenticate': 'Bearer' });
    }
    return found;
  }

  /** As authenticate(), and 403 for the shared AGENT_API_TOKEN: the console acts as one person. */
  authenticateNamed(req: Request): AgentIdentity {
    const identity = this.authenticate(req);
    if (!identity.named) {
      throw new HttpError(
        403,
        'forbidden',
        'The console needs your own agent token (AGENT_TOKENS), not AGENT_API_TOKEN.',
      );
    }
    return identity;
  }
}
