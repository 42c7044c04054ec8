import { randomBytes } from 'node:crypto';
import { runPostgresSql } from '../support/postgresSql';

export interface PostgresTestSchema {
  /** TEST_DATABASE_URL with the search_path set to this suite's own schema. */
  readonly url: string;
  readonly schema: string;
}

/**
 * Mocha hooks for a suite that needs PostgreSQL: a fresh schema for this suite, dropped after
 * it, so parallel runs on one server never meet. Without TEST_DATABASE_URL the suite is skipped
 * with a visible line, unless REQUIRE_ALL_SUITES=1 (CI), where it fails instead.
 * Call inside a describe(); the returned function is valid inside its tests and hooks.
 */
export function usePostgresTestSchema(): () => PostgresTestSchema {
  let current: PostgresTestSchema | undefined;
  let baseUrl = '';

  before(async function () {
    baseUrl = process.env.TEST_DATABASE_URL ?? '';
    if (baseUrl === '') {
      if (process.env.REQUIRE_ALL_SUITES === '1') {
        throw new Error('REQUIRE_ALL_SUITES=1 but TEST_DATABASE_URL is not set, so the PostgreSQL suites cannot run');
      }
      console.log('skipped: no PostgreSQL (set TEST_DATABASE_URL)');
      this.skip();
    }
    if (!/^postgres(ql)?:\/\//i.test(baseUrl)) {
      throw new Error('TEST_DATABASE_URL must be a postgres:// URL');
    }
    const schema = `kyc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await runPostgresSql(baseUrl, `CREATE SCHEMA ${schema}`);
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    current = { url: url.toString(), schema };
  });

  after(async function () {
    const finished = current;
    current = undefined;
    if (finished !== undefined) {
      await runPostgresSql(baseUrl, `DROP SCHEMA ${finished.schema} CASCADE`);
    }
  });

  return () => {
    if (current === undefined) {
      throw new Error('the PostgreSQL test schema is only available inside its suite');
    }
    return current;
  };
}
