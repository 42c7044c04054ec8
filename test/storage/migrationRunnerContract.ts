import assert from 'node:assert/strict';
import type { Migration } from '../../src/storage/migration';

/** A database seen through one migration runner, for the shared runner tests. */
export interface MigrationTarget {
  run(component: string, migrations: readonly Migration[]): Promise<number[]>;
  tableNames(): Promise<string[]>;
  recordedVersions(component: string): Promise<number[]>;
  close(): Promise<void>;
}

/** What runSqliteMigrations and runPostgresMigrations both promise to the stores built on them. */
export function migrationRunnerContract(name: string, open: () => Promise<MigrationTarget>): void {
  describe(`${name}: migration runner`, function () {
    let target: MigrationTarget;
    let testNumber = 0;
    let tag = '';

    const createTable = (version: number, table: string): Migration => ({
      version,
      name: `create ${table}`,
      sql: `CREATE TABLE ${table} (id integer PRIMARY KEY)`,
    });

    beforeEach(async function () {
      testNumber += 1;
      tag = `m${testNumber}_${Date.now().toString(36)}`;
      target = await open();
    });

    afterEach(async function () {
      await target.close();
    });

    it('applies pending migrations in order, once, and records them', async function () {
      const first = createTable(1, `${tag}_a`);
      const second: Migration = { version: 2, name: 'add column', sql: `ALTER TABLE ${tag}_a ADD COLUMN note text` };

      assert.deepEqual(await target.run(tag, [first]), [1]);
      assert.deepEqual(await target.run(tag, [first]), []);
      assert.deepEqual(await target.run(tag, [first, second]), [2]);

      assert.deepEqual(await target.recordedVersions(tag), [1, 2]);
      assert.ok((await target.tableNames()).includes(`${tag}_a`));
    });

    it("keeps each component's version numbers apart", async function () {
      assert.deepEqual(await target.run(`${tag}_state`, [createTable(1, `${tag}_state`)]), [1]);
      assert.deepEqual(await target.run(`${tag}_tickets`, [createTable(1, `${tag}_tickets`)]), [1]);

      assert.deepEqual(await target.recordedVersions(`${tag}_tickets`), [1]);
    });

    it('applies a migration exactly once when several runs race', async function () {
      const migrations = [createTable(1, `${tag}_race`)];

      const applied = await Promise.all(Array.from({ length: 4 }, () => target.run(tag, migrations)));

      assert.deepEqual(applied.flat(), [1]);
      assert.deepEqual(await target.recordedVersions(tag), [1]);
    });

    it('rolls back the whole run when one migration fails', async function () {
      const broken: Migration = { version: 2, name: 'broken', sql: `SELECT * FROM ${tag}_does_not_exist` };

      await assert.rejects(target.run(tag, [createTable(1, `${tag}_kept_out`), broken]), /does_not_exist/);

      assert.deepEqual(await target.recordedVersions(tag), []);
      assert.ok(!(await target.tableNames()).includes(`${tag}_kept_out`));
    });

    it('refuses a database whose schema is newer than this build', async function () {
      const migrations = [createTable(1, `${tag}_x`), createTable(2, `${tag}_y`)];
      await target.run(tag, migrations);

      await assert.rejects(
        target.run(tag, migrations.slice(0, 1)),
        new RegExp(`schema of "${tag}" is at version 2, newer than this build knows \\(1\\)`),
      );
    });

    it('rejects a migration list that is not numbered 1, 2, 3, ...', async function () {
      await assert.rejects(target.run(tag, [createTable(2, `${tag}_z`)]), /numbered 1, 2, 3/);
      assert.deepEqual(await target.recordedVersions(tag), []);
    });
  });
}
