import http from 'node:http';
import https from 'node:https';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/** The connector options botbuilder accepts, named through its own constructor so no transitive package is imported. */
export type ConnectorClientOptions = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]
>;
type ConnectorHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type OutboundRequest = Parameters<ConnectorHttpClient['sendRequest']>[0];
type OutboundResponse = Awaited<ReturnType<ConnectorHttpClient['sendRequest']>>;

export interface OutboundLimits {
  /** One attempt, from connecting to the last byte of the answer. */
  readonly timeoutMs: number;
  /** Calls on the wire at once; past it a call fails at once instead of queueing behind a slow channel. */
  readonly maxInFlight: number;
}

/** Thrown for a call refused because `maxInFlight` calls are already waiting on their channels. */
export class OutboundBusyError extends Error {
  constructor() {
    super('Too many outbound Bot Framework calls in flight.');
    this.name = 'OutboundBusyError';
  }
}

/** The channel did not answer in time; the attempt was aborted and its socket closed. */
export class OutboundTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`The Bot Connector call did not answer within ${timeoutMs} ms.`);
    this.name = 'OutboundTimeoutError';
  }
}

export interface BoundedHttpClient {
  readonly httpClient: ConnectorHttpClient;
  inFlight(): number;
}

/**
 * The HTTP client of every Bot Connector call the adapter makes (replies, proactive messages):
 * each attempt is aborted after `timeoutMs`, and at most `maxInFlight` run at once, so a channel
 * that never answers can hold neither a turn nor sockets for long.
 */
interface Agents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

export function boundedHttpClient(limits: OutboundLimits): BoundedHttpClient {
  let inFlight = 0;
  const agents: Agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: limits.maxInFlight }),
    https: new https.Agent({ keepAlive: true, maxSockets: limits.maxInFlight }),
  };
  const httpClient: ConnectorHttpClient = {
    sendRequest: async (request) => {
      if (inFlight >= limits.maxInFlight) throw new OutboundBusyError();
      inFlight += 1;
      try {
        return await send(request, limits.timeoutMs, agents);
      } finally {
        inFlight -= 1;
      }
    },
  };
  return { httpClient, inFlight: () => inFlight };
}

/** Bot Connector answers are small JSON documents; anything bigger is not one. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * One attempt over node:http(s), so a timeout destroys the socket itself (an aborted fetch may
 * leave its connection open in the pool).
 */
function send(request: OutboundRequest, timeoutMs: number, agents: Agents): Promise<OutboundResponse> {
  const body = typeof request.body === 'string' ? request.body : undefined;
  if (body === undefined && request.body !== undefined && request.body !== null)
    return Promise.reject(new TypeError('Bot Connector requests are expected to carry a JSON string body.'));
  const url = new URL(request.url);
  const secure = url.protocol === 'https:';
  return new Promise<OutboundResponse>((resolve, reject) => {
    const outgoing = (secure ? https : http).request(url, {
      method: request.method,
      headers: request.headers.rawHeaders(),
      agent: secure ? agents.https : agents.http,
    });
    const timer = setTimeout(() => outgoing.destroy(new OutboundTimeoutError(timeoutMs)), timeoutMs);
    const cancel = (): void => {
      outgoing.destroy(new Error('The Bot Connector call was cancelled.'));
    };
    request.abortSignal?.addEventListener('abort', cancel);
    const settle = (): void => {
      clearTimeout(timer);
      request.abortSignal?.removeEventListener('abort', cancel);
    };
    outgoing.on('error', (error) => {
      settle();
      reject(error);
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) outgoing.destroy(new Error('The Bot Connector answer is too large.'));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        settle();
        resolve(toResponse(request, response, Buffer.concat(chunks).toString('utf8')));
      });
    });
    if (request.abortSignal?.aborted) cancel();
    outgoing.end(body);
  });
}

function toResponse(request: OutboundRequest, response: http.IncomingMessage, bodyAsText: string): OutboundResponse {
  // The compat header type has no public constructor: an emptied copy of the request's carries the answer's.
  const headers = request.headers.clone();
  for (const name of headers.headerNames()) headers.remove(name);
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return { request, status: response.statusCode ?? 0, headers, bodyAsText };
}
