import { runMigrations, type Migration } from './migration';
import { BOT_STATE_MIGRATIONS } from './migrations';
import { createPostgresPool, openPostgresDatabase } from './postgresDialect';
import type { SqlDatabase } from './sqlDatabase';
import { openSqliteDatabase } from './sqliteDialect';
import { SqlStorage } from './sqlStorage';

/** A botbuilder Storage that owns a connection: the server closes it on shutdown and pings it for /readyz. */
export type ClosableStorage = SqlStorage;

/** Which database DATABASE_URL names; shared by every store (bot state, tickets). */
export type DatabaseLocation =
  | { readonly kind: 'sqlite'; readonly filePath: string }
  | { readonly kind: 'postgres'; readonly connectionString: string };

/**
 * Parses DATABASE_URL: `sqlite:<path>` (relative to the cwd; `sqlite::memory:` for a private
 * in-memory database) or `postgres://` / `postgresql://`. Errors name DATABASE_URL and never
 * echo the rest of the URL, which may hold a password.
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseLocation {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    const filePath = databaseUrl.slice(scheme.length + 1);
    if (filePath === '') {
      throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/kyc-bot.db');
    }
    return { kind: 'sqlite', filePath };
  }
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    return { kind: 'postgres', connectionString: databaseUrl };
  }
  throw new Error(
    `DATABASE_URL must be sqlite:<path> or postgres://...; got ${scheme === undefined ? 'no scheme' : `a "${scheme}:" URL`}`,
  );
}

/** Where a PostgreSQL URL points (host, port, database), without user name or password. */
export function describePostgresUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.host}${url.pathname}`;
  } catch {
    return 'the configured server';
  }
}

export interface OpenDatabaseOptions {
  /** Errors that happen outside any call (an idle PostgreSQL connection dropping); for logging. */
  readonly onBackgroundError?: (error: Error) => void;
}

/**
 * Opens the database DATABASE_URL names (see parseDatabaseUrl) with the component's migrations
 * applied. Errors name DATABASE_URL and never echo credentials.
 */
export async function openDatabase(
  databaseUrl: string,
  component: string,
  migrations: readonly Migration[],
  options: OpenDatabaseOptions = {},
): Promise<SqlDatabase> {
  const location = parseDatabaseUrl(databaseUrl);
  let database: SqlDatabase | undefined;
  try {
    database =
      location.kind === 'sqlite'
        ? openSqliteDatabase(location.filePath)
        : openPostgresDatabase(
            createPostgresPool(location.connectionString, { onIdleClientError: options.onBackgroundError }),
          );
    await runMigrations(database, component, migrations);
    return database;
  } catch (error) {
    await database?.close().catch(() => undefined);
    const where =
      location.kind === 'sqlite'
        ? `SQLite database ${location.filePath}`
        : `PostgreSQL at ${describePostgresUrl(location.connectionString)}`;
    throw new Error(`DATABASE_URL: cannot open ${where}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Opens the bot-state storage named by DATABASE_URL, with its schema migrations applied. */
export async function openStorage(databaseUrl: string, options: OpenDatabaseOptions = {}): Promise<ClosableStorage> {
  return new SqlStorage(await openDatabase(databaseUrl, 'bot_state', BOT_STATE_MIGRATIONS, options));
}
