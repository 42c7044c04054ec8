import http from 'node:http';

export interface StalledRequest {
  /** Settles with the status and body the server answered, or with status 0 when it closed the connection without one. */
  readonly answered: Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>;
  /** Sends the rest of the declared body. */
  finish(): void;
  abort(): void;
}

/**
 * A client that declares `declaredBytes` of body, sends only `sentBytes` and then stalls, as a
 * slow-loris uploader does. The server decides when (and whether) it answers.
 */
export function stalledRequest(options: {
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  declaredBytes: number;
  sentBytes: number;
}): StalledRequest {
  const url = new URL(options.path, options.baseUrl);
  const req = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { ...options.headers, 'content-length': String(options.declaredBytes) },
  });
  const answered = new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
  });
  req.write(Buffer.alloc(options.sentBytes, 0x41));
  return {
    answered,
    finish: () => {
      if (!req.destroyed) req.end(Buffer.alloc(options.declaredBytes - options.sentBytes, 0x41));
    },
    abort: () => req.destroy(),
  };
}

/** Resolves with `promise`, or with `fallback` once `ms` passed. */
export function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return Promise.race([promise, new Promise<F>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}
