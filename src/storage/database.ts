import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations';
import type { Tables } from './tables';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the query builder, which dialect it speaks, and how to close it. */
export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  /** `sqlite:<file>` or the PostgreSQL URL without its password, for logs. */
  description: string;
  close(): Promise<void>;
}

const INT8_OID = 20;

/** pg returns BIGINT as strings (it may exceed 2^53); epoch milliseconds do not, so read them as numbers. */
function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as pg.CustomTypesConfig['getTypeParser'],
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * Opens the database named by `DATABASE_URL` and runs the migrations: SQLite (`sqlite:<file>`, a file
 * created with its folder; `sqlite::memory:` for tests) or PostgreSQL (`postgres://…`, shared by replicas).
 */
export async function openDatabase(url: string): Promise<Database> {
  let database: Database;
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    const memory = file === ':memory:';
    if (!memory) mkdirSync(dirname(resolve(file)), { recursive: true });
    const sqlite = new SqliteDatabase(memory ? ':memory:' : resolve(file));
    // WAL lets readers run beside the writer; the busy timeout waits for another process's write.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
    database = { db, dialect: 'sqlite', description: `sqlite:${file}`, close: () => db.destroy() };
  } else {
    const pool = new pg.Pool({ connectionString: url, types: pgTypes(), max: 10 });
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    database = { db, dialect: 'postgres', description: redact(url), close: () => db.destroy() };
  }
  try {
    await migrate(database.db as Kysely<unknown>);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}
