import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { createServer } from 'restify';
import type { DirectLineLimits } from '../../../src/channels/directline/directLineLimits';
import { registerLocalDirectLine, type LocalDirectLine } from '../../../src/channels/directline/localDirectLine';
import { UploadGate } from '../../../src/http/uploadGate';
import { createLogger } from '../../../src/logger';
import { EchoBot } from './echoBot';

export interface DirectLineTestServer {
  readonly baseUrl: string;
  readonly directLine: LocalDirectLine;
  /** Every log line written, to check what never reaches a log. */
  readonly logs: string[];
  readonly turnErrors: unknown[];
  close(): Promise<void>;
}

export interface DirectLineTestServerOptions {
  bot?: { run(context: TurnContext): Promise<void> };
  brandName?: string;
  defaultLocale?: string;
  maxUploadBytes?: number;
  limits?: Partial<DirectLineLimits>;
  now?: () => number;
}

/** A restify server on 127.0.0.1, port 0, with only the local Direct Line and its page mounted. */
export async function startDirectLineServer(options: DirectLineTestServerOptions = {}): Promise<DirectLineTestServer> {
  const server = createServer();
  const logs: string[] = [];
  const turnErrors: unknown[] = [];
  const directLine = registerLocalDirectLine(server, {
    bot: options.bot ?? new EchoBot(),
    onTurnError: async (context, error) => {
      turnErrors.push(error);
      await context.sendActivity('sorry, something went wrong');
    },
    brandName: options.brandName ?? 'Test Support',
    defaultLocale: options.defaultLocale ?? 'en',
    maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024,
    logger: createLogger('info', { write: (line: string) => void logs.push(line) }),
    uploads: new UploadGate({ budgetBytes: 64 * 1024 * 1024, perAddress: 16 }),
    now: options.now,
    limits: options.limits,
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address: AddressInfo | string | null = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('the test server has no TCP address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    directLine,
    logs,
    turnErrors,
    close: async () => {
      directLine.close();
      // fetch keeps sockets alive; without this close() would wait for them to idle out.
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
    },
  };
}
