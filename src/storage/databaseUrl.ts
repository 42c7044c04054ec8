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
