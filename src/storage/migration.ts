/**
 * One step of a component's schema. Each component (bot state, tickets, ...) numbers its own
 * migrations 1, 2, 3, ... so components can evolve without coordinating version numbers.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** One or more SQL statements, run in the same transaction as the bookkeeping row. */
  readonly sql: string;
}

/** The migrations still to apply, in order; throws on a malformed list or a database from a newer build. */
export function planMigrations(
  component: string,
  migrations: readonly Migration[],
  appliedVersions: readonly number[],
): Migration[] {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations of "${component}" must be numbered 1, 2, 3, ... in order; position ${index + 1} has version ${migration.version}.`,
      );
    }
  });
  const newestApplied = Math.max(0, ...appliedVersions);
  if (newestApplied > migrations.length) {
    throw new Error(
      `The database schema of "${component}" is at version ${newestApplied}, newer than this build knows (${migrations.length}).`,
    );
  }
  const applied = new Set(appliedVersions);
  return migrations.filter((migration) => !applied.has(migration.version));
}
