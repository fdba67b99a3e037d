import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { MIGRATIONS } from './migrations';
import { MigrationFailedError } from '../errors';
import type { DialectName } from './database';

/**
 * Brings the schema up to date; safe to run on every start, by several processes at once.
 *
 * PostgreSQL: Kysely's migrator holds a session advisory lock (`pg_advisory_lock`) on one connection
 * while it reads the migration table and runs everything pending in one transaction; a replica that
 * starts at the same moment waits on the lock, then finds nothing left to do.
 *
 * SQLite: Kysely takes no lock there (it assumes one connection), and its `BEGIN` is deferred, so two
 * processes opening a new file together can both read "nothing migrated" and then collide with
 * SQLITE_BUSY, which the busy timeout does not cover. `BEGIN IMMEDIATE` takes the write lock first, so
 * the second one reads the first one's result; see `beginImmediate` for how it waits.
 *
 * Either way a failing migration leaves nothing half done. `migrations` is for tests.
 */
export async function migrate<DB>(
  db: Kysely<DB>,
  dialect: DialectName,
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
): Promise<void> {
  // An in-code provider rather than Kysely's folder scanner: nothing to find on disk at run time.
  const provider = { getMigrations: async () => ({ ...migrations }) };
  const migrator = new Migrator({ db, provider, disableTransactions: dialect === 'sqlite' });
  let result;
  if (dialect === 'sqlite') {
    // better-sqlite3 behind Kysely is a single connection, so these statements share one transaction.
    await beginImmediate(db);
    try {
      result = await migrator.migrateToLatest();
    } finally {
      await sql.raw(result && !result.error ? 'commit' : 'rollback').execute(db);
    }
  } else {
    result = await migrator.migrateToLatest();
  }
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const detail = result.error instanceof Error ? result.error.message : String(result.error);
    // Kysely's wording for a database migrated by a newer build is "previously executed migration … is missing".
    const hint = /is missing/.test(detail) ? ' (the database was migrated by a newer build; deploy that build here too)' : '';
    throw new MigrationFailedError(failed, detail + hint, { cause: result.error });
  }
}

const LOCK_WAIT_MS = 30_000;

/**
 * `BEGIN IMMEDIATE`, waiting for the write lock without blocking the event loop. better-sqlite3 is
 * synchronous, so its busy timeout stalls the whole process while it waits: were the lock held by another
 * connection of this same process (two `openDatabase` on one file at once), that connection could never
 * finish and release it. So the busy timeout is off for these attempts and the waiting is done here.
 */
async function beginImmediate<DB>(db: Kysely<DB>): Promise<void> {
  const busyTimeout = (await sql<{ timeout: number }>`pragma busy_timeout`.execute(db)).rows[0]?.timeout ?? 0;
  await sql`pragma busy_timeout = 0`.execute(db);
  try {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
      try {
        await sql`begin immediate`.execute(db);
        return;
      } catch (err) {
        const busy = err instanceof Error && 'code' in err && err.code === 'SQLITE_BUSY';
        if (!busy || Date.now() > deadline) throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${Number(busyTimeout)}`).execute(db);
  }
}
