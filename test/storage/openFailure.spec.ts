import { strict as assert } from 'node:assert';
import {
  DatabaseAccessDeniedError,
  DatabaseNotFoundError,
  DatabaseUnreachableError,
  DatabaseUnwritableError,
  ErrorCode,
  MigrationFailedError,
} from '../../src/errors';
import { openFailure } from '../../src/storage/openFailure';

const pg = { dialect: 'postgres' as const, url: 'postgres://bot:pw@db.internal:6432/lync' };
const described = 'postgres://bot:***@db.internal:6432/lync';
const sqlite = { dialect: 'sqlite' as const, file: '/srv/bot/data/bot.sqlite' };
const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
/** As the migrator reports a failing first query. */
const inMigration = (cause: Error) => new MigrationFailedError(undefined, cause.message, { cause });

describe('openFailure (why the database cannot be opened, as one coded line)', () => {
  it('names an unreachable PostgreSQL server and the reason, however the error arrives', () => {
    for (const [err, reason] of [
      [coded('connect ECONNREFUSED', 'ECONNREFUSED'), 'connection refused'],
      [inMigration(coded('getaddrinfo ENOTFOUND db.internal', 'ENOTFOUND')), 'unknown host'],
      [new AggregateError([coded('a', 'ETIMEDOUT'), coded('b', 'ETIMEDOUT')]), 'timed out'],
      [inMigration(new Error('Connection terminated due to connection timeout')), 'timed out'],
    ] as const) {
      const out = openFailure(err, pg, described);
      assert.ok(out instanceof DatabaseUnreachableError, String(err));
      assert.equal(out.code, ErrorCode.DatabaseUnreachable);
      assert.equal(
        out.message,
        `DATABASE_URL: cannot connect to PostgreSQL at db.internal:6432 (${reason}) — is the server running, and are the host and port right?`,
      );
    }
  });

  it('names the user PostgreSQL refused, never the password', () => {
    const out = openFailure(inMigration(coded('password authentication failed for user "bot"', '28P01')), pg, described);
    assert.ok(out instanceof DatabaseAccessDeniedError);
    assert.match(out.message, /refused user "bot" \(wrong password\)/);
    assert.ok(!out.message.includes('pw@'));
  });

  it('names a missing database and how to create it', () => {
    const out = openFailure(inMigration(coded('database "lync" does not exist', '3D000')), pg, described);
    assert.ok(out instanceof DatabaseNotFoundError);
    assert.equal(
      out.message,
      'DATABASE_URL: database "lync" does not exist on PostgreSQL at db.internal:6432 — create it (createdb lync) or correct its name.',
    );
    assert.equal(out.description, described);
  });

  it('names the SQLite file that cannot be created or written', () => {
    for (const [code, reason] of [
      ['EACCES', 'permission denied'],
      ['EEXIST', 'a file stands where a folder is needed'],
      ['SQLITE_CANTOPEN', 'cannot open the file'],
      ['SQLITE_READONLY', 'the file or its folder is read-only'],
    ]) {
      const out = openFailure(coded('x', code as string), sqlite, 'sqlite:/srv/bot/data/bot.sqlite');
      assert.ok(out instanceof DatabaseUnwritableError, code);
      assert.equal(
        out.message,
        `DATABASE_URL: cannot create or open the SQLite file /srv/bot/data/bot.sqlite (${reason}) — choose a path in a writable folder, e.g. sqlite:./data/bot.sqlite`,
      );
    }
  });

  it('keeps a real migration failure, and returns what it does not recognise as it is', () => {
    const migration = new MigrationFailedError('005_x', 'no such column: y', { cause: coded('no such column: y', 'SQLITE_ERROR') });
    assert.equal(openFailure(migration, sqlite, 'sqlite:x'), migration);
    const other = new RangeError('something else');
    assert.equal(openFailure(other, pg, described), other);
  });
});
