import { strict as assert } from 'node:assert';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/storage/database';
import { migrate } from '../../src/storage/migrate';
import { MIGRATIONS } from '../../src/storage/migrations';
import { MigrationFailedError } from '../../src/errors';
import { DIALECTS, freshDatabaseUrl } from './testDatabases';
import { runWorkersTogether } from './workers';

/** Kysely's bookkeeping table, which `DatabaseTables` does not describe. */
type MigrationTables = {
  kysely_migration: { name: string; timestamp: string };
};

async function executedMigrations(database: Database): Promise<string[]> {
  const db = database.db.withTables<MigrationTables>();
  return (await db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) => r.name);
}

async function tableNames(database: Database): Promise<string[]> {
  return (await database.db.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();
}

for (const dialect of DIALECTS) {
  describe(`migrations on ${dialect}`, () => {
    it('create the tables once; running them again changes nothing', async () => {
      const database = await openDatabase(await freshDatabaseUrl(dialect));
      try {
        assert.deepEqual(await tableNames(database), [
          'bot_state',
          'conversation_refs',
          'expert_channel',
          'expert_sends',
          'expert_tickets',
          'feedback',
          'reminder_dates',
          'reminder_sends',
          'subscriptions',
          'unanswered',
        ]);
        assert.deepEqual(await executedMigrations(database), Object.keys(MIGRATIONS));
        await database.db.insertInto('bot_state').values({ key: 'k', etag: 'e', document: '{}', updated_at: 1 }).execute();
        await migrate(database.db, database.dialect);
        await migrate(database.db, database.dialect);
        assert.deepEqual(await executedMigrations(database), Object.keys(MIGRATIONS));
        assert.equal((await database.db.selectFrom('bot_state').selectAll().execute()).length, 1, 'data kept');
      } finally {
        await database.close();
      }
    });

    it('succeed when two connections open a new database at the same moment', async () => {
      const url = await freshDatabaseUrl(dialect);
      const [a, b] = await Promise.all([openDatabase(url), openDatabase(url)]);
      try {
        assert.deepEqual(await executedMigrations(a), Object.keys(MIGRATIONS));
        await a.db.insertInto('bot_state').values({ key: 'k', etag: 'e', document: '{}', updated_at: 1 }).execute();
        assert.equal((await b.db.selectFrom('bot_state').selectAll().execute()).length, 1);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('succeed when three processes open a new database at the same moment', async () => {
      const url = await freshDatabaseUrl(dialect);
      assert.deepEqual(
        await runWorkersTogether([
          ['migrate', url],
          ['migrate', url],
          ['migrate', url],
        ]),
        [{ ok: true }, { ok: true }, { ok: true }],
      );
      const database = await openDatabase(url, { migrate: false });
      try {
        assert.deepEqual(await executedMigrations(database), Object.keys(MIGRATIONS));
        assert.deepEqual(await tableNames(database), [
          'bot_state',
          'conversation_refs',
          'expert_channel',
          'expert_sends',
          'expert_tickets',
          'feedback',
          'reminder_dates',
          'reminder_sends',
          'subscriptions',
          'unanswered',
        ]);
      } finally {
        await database.close();
      }
    });

    it('leave nothing of a migration that fails half way', async () => {
      const database = await openDatabase(await freshDatabaseUrl(dialect));
      try {
        const broken = {
          ...MIGRATIONS,
          '999_broken': {
            async up(db: Kysely<unknown>): Promise<void> {
              await db.schema.createTable('half_done').addColumn('id', 'text').execute();
              throw new Error('broken on purpose');
            },
          },
        };
        await assert.rejects(
          migrate(database.db, database.dialect, broken),
          (err: unknown) => err instanceof MigrationFailedError && err.migration === '999_broken' && /broken on purpose/.test(err.message),
        );
        assert.deepEqual(
          await tableNames(database),
          [
            'bot_state',
            'conversation_refs',
            'expert_channel',
            'expert_sends',
            'expert_tickets',
            'feedback',
            'reminder_dates',
            'reminder_sends',
            'subscriptions',
            'unanswered',
          ],
          'half_done rolled back',
        );
        assert.deepEqual(await executedMigrations(database), Object.keys(MIGRATIONS));
        await database.db.insertInto('bot_state').values({ key: 'k', etag: 'e', document: '{}', updated_at: 1 }).execute();
        assert.equal((await database.db.selectFrom('bot_state').selectAll().execute()).length, 1, 'still usable');
      } finally {
        await database.close();
      }
    });

    it('refuse a database migrated by a newer build, saying so', async () => {
      const url = await freshDatabaseUrl(dialect);
      const database = await openDatabase(url);
      const db = database.db.withTables<MigrationTables>();
      await db.insertInto('kysely_migration').values({ name: '999_from_the_future', timestamp: new Date().toISOString() }).execute();
      await database.close();
      await assert.rejects(openDatabase(url), (err: unknown) => err instanceof MigrationFailedError && /newer build/.test(err.message));
    });
  });
}

describe("migrations on postgres, under Kysely's lock", () => {
  it('wait while another session holds the migration lock, then run', async () => {
    const url = await freshDatabaseUrl('postgres');
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      // Kysely's PostgresAdapter takes this session advisory lock around the whole migration.
      await holder.query('select pg_advisory_lock(3853314791062309107)');
      let opened = false;
      const opening = openDatabase(url).then((d) => {
        opened = true;
        return d;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(opened, false, 'the migration waits for the lock');
      await holder.query('select pg_advisory_unlock(3853314791062309107)');
      const database = await opening;
      assert.deepEqual(await executedMigrations(database), Object.keys(MIGRATIONS));
      await database.close();
    } finally {
      await holder.end();
    }
  });
});
