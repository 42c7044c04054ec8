import fs from 'node:fs';
import { parseEnv } from 'node:util';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { DialogDataError } from './conversation/topicLoader';

async function main(): Promise<void> {
  // A .env file in the working directory, as .env.example describes; real env vars win.
  if (fs.existsSync('.env')) {
    const fromFile = parseEnv(fs.readFileSync('.env', 'utf8'));
    for (const [name, value] of Object.entries(fromFile)) process.env[name] ??= value;
  }
  const config = loadConfig();
  const app = await createApp(config);
  const port = await app.listen(config.port, config.host);
  app.logger.info(
    {
      port,
      host: config.host ?? 'all interfaces',
      localWebChat: config.localWebChat,
      database: config.databaseUrl.split(':')[0],
    },
    'listening',
  );
  if (config.localWebChat) app.logger.info(`open http://localhost:${port}/ to chat`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    // Logs are written asynchronously: flush them before the process ends.
    const exit = (code: number): void => app.logger.flush(() => process.exit(code));
    app
      .close()
      .then(() => exit(0))
      .catch((err: unknown) => {
        app.logger.error({ err }, 'shutdown failed');
        exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // One clear line for configuration and data mistakes; a stack only for real bugs.
  if (error instanceof ConfigError || error instanceof DialogDataError) process.stderr.write(`${error.message}\n`);
  else
    process.stderr.write(
      `startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  process.exit(1);
});
