import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describeDatabaseUrl, openDatabase, parseDatabaseUrl } from '../../src/storage/database';
import { DatabaseNotFoundError } from '../../src/errors';
import { sharedPostgres } from '../helpers/postgres';
import { DIALECTS, freshDatabaseUrl, tempPath, useTestDatabase } from './testDatabases';

describe('parseDatabaseUrl', () => {
  it('reads a SQLite file (made absolute), an in-memory SQLite and PostgreSQL URLs', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:./data/bot.sqlite'), { dialect: 'sqlite', file: resolve('data/bot.sqlite') });
    assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), { dialect: 'sqlite', file: ':memory:' });
    assert.deepEqual(parseDatabaseUrl('postgres://u:p@db:5432/bot'), { dialect: 'postgres', url: 'postgres://u:p@db:5432/bot' });
    assert.equal(parseDatabaseUrl('postgresql://db/bot').dialect, 'postgres');
  });

  it('refuses anything else', () => {
    for (const url of ['sqlite:', 'mysql://db/bot', './bot.sqlite']) assert.throws(() => parseDatabaseUrl(url), TypeError, url);
  });

  it('describes a URL without its password', () => {
    assert.equal(describeDatabaseUrl('postgres://bot:s3cret@db:5432/bot'), 'postgres://bot:***@db:5432/bot');
    assert.equal(describeDatabaseUrl('sqlite::memory:'), 'sqlite::memory:');
  });
});

describe('openDatabase on SQLite', () => {
  it('creates the file and its folder, in WAL mode, with a busy timeout and foreign keys on', async () => {
    const file = tempPath('nested/deeper/bot.sqlite');
    const database = await openDatabase(`sqlite:${file}`);
    try {
      assert.ok(existsSync(file));
      assert.equal(database.dialect, 'sqlite');
      assert.equal(database.description, `sqlite:${file}`);
      const pragma = async (name: string): Promise<unknown> =>
        Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {})[0];
      assert.equal(await pragma('journal_mode'), 'wal');
      assert.equal(await pragma('busy_timeout'), 5000);
      assert.equal(await pragma('foreign_keys'), 1);
    } finally {
      await database.close();
    }
  });

  it('opens an in-memory database, migrated', async () => {
    const database = await openDatabase('sqlite::memory:');
    try {
      assert.deepEqual(await database.db.selectFrom('unanswered').selectAll().execute(), []);
    } finally {
      await database.close();
    }
  });

  it('with mustExist, refuses a missing file without creating it or its folder', async () => {
    const file = tempPath('absent/bot.sqlite');
    await assert.rejects(openDatabase(`sqlite:${file}`, { mustExist: true }), DatabaseNotFoundError);
    assert.equal(existsSync(dirname(file)), false);
  });

  it('can be closed twice', async () => {
    const database = await openDatabase('sqlite::memory:');
    await database.close();
    await database.close();
  });
});

describe('openDatabase on PostgreSQL', () => {
  it('reports a database that does not exist as DatabaseNotFoundError, without the password', async () => {
    const server = await sharedPostgres();
    const url = server.url.replace(/\/postgres$/, '/no_such_database');
    await assert.rejects(
      openDatabase(url),
      (err: unknown) =>
        err instanceof DatabaseNotFoundError && err.message.includes('no_such_database') && !err.message.includes('test-only'),
    );
  });

  it("parses BIGINT as numbers for its own pool only, leaving pg's global parsers alone", async () => {
    const url = await freshDatabaseUrl('postgres');
    const database = await openDatabase(url);
    const plain = new pg.Client({ connectionString: url });
    await plain.connect();
    try {
      const ours = await sql<{ n: unknown }>`select 9007199254740991::bigint as n`.execute(database.db);
      assert.equal(ours.rows[0]?.n, Number.MAX_SAFE_INTEGER);
      await assert.rejects(sql`select 9007199254740992::bigint as n`.execute(database.db), RangeError);
      assert.equal((await plain.query('select 42::bigint as n')).rows[0].n, '42', 'another pg client still gets strings');
      assert.equal(pg.types.getTypeParser(pg.types.builtins.INT8)('42'), '42');
    } finally {
      await plain.end();
      await database.close();
    }
  });

  it('can be closed twice', async () => {
    const database = await openDatabase(await freshDatabaseUrl('postgres'));
    await database.close();
    await database.close();
  });
});

for (const dialect of DIALECTS) {
  describe(`column types on ${dialect}`, () => {
    const test = useTestDatabase(dialect);

    it('come back as the same JS types on either dialect', async () => {
      const { db } = test.database();
      const at = Date.parse('2026-11-02T09:30:00.123Z');
      await db
        .insertInto('feedback')
        .values({
          id: 'f1',
          at,
          channel_id: 'msteams',
          question: 'q',
          question_key: 'q',
          lang: 'en',
          intent: 'support',
          confidence: 0.625,
          answer_kind: 'matrix',
          helpful: 1,
        })
        .execute();
      assert.deepEqual(await db.selectFrom('feedback').selectAll().execute(), [
        {
          id: 'f1',
          at,
          channel_id: 'msteams',
          question: 'q',
          question_key: 'q',
          lang: 'en',
          intent: 'support',
          confidence: 0.625,
          answer_kind: 'matrix',
          helpful: 1,
        },
      ]);
      const aggregates = await db
        .selectFrom('feedback')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last'), eb.fn.sum<number>('helpful').as('helpful')])
        .executeTakeFirstOrThrow();
      assert.deepEqual(aggregates, { n: 1, last: at, helpful: 1 });
    });

    it('refuses a helpful flag other than 0 or 1', async () => {
      await assert.rejects(
        test
          .database()
          .db.insertInto('feedback')
          .values({
            id: 'f2',
            at: 0,
            channel_id: 'msteams',
            question: null,
            question_key: null,
            lang: 'en',
            intent: null,
            confidence: null,
            answer_kind: null,
            helpful: 2,
          })
          .execute(),
      );
    });
  });
}
