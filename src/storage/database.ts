import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import type pg from 'pg';
import { migrate } from './migrate';
import { DatabaseNotFoundError } from '../errors';
import { openFailure } from './openFailure';
import type { DatabaseTables } from './tables';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the query builder, which dialect it speaks, and how to close it. */
export interface Database {
  db: Kysely<DatabaseTables>;
  /** For the few queries that differ, e.g. `FOR UPDATE SKIP LOCKED` on PostgreSQL only. */
  dialect: DialectName;
  /** `sqlite:<file>` or the PostgreSQL URL without its password: safe to log. */
  description: string;
  /** Closes the connection(s); calling it again does nothing. */
  close(): Promise<void>;
}

/** What `DATABASE_URL` names. */
export type DatabaseLocation =
  | { dialect: 'sqlite' /** Absolute path, or `:memory:`. */; file: string }
  | { dialect: 'postgres'; url: string };

export interface OpenDatabaseOptions {
  /** Run pending migrations before returning (default true). */
  migrate?: boolean;
  /** Fail with `DatabaseNotFoundError` rather than create a missing SQLite file (default false). */
  mustExist?: boolean;
  /**
   * Called when an idle PostgreSQL connection fails (server restart, network cut). pg emits this as an
   * `error` event that would crash the process if nobody listened; the pool drops the connection and
   * the next query opens a new one, so logging it is enough. Default: ignored.
   */
  onPoolError?: (err: Error) => void;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** Parses `sqlite:<file>`, `sqlite::memory:` or `postgres://…` (also `postgresql://…`). */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw new TypeError('DATABASE_URL: expected sqlite:<file>, got "sqlite:"');
    return { dialect: 'sqlite', file: file === ':memory:' ? file : resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url };
  throw new TypeError('DATABASE_URL: expected sqlite:<file> or postgres://…');
}

/** The URL without its password, for logs and messages. */
export function describeDatabaseUrl(url: string): string {
  const location = parseDatabaseUrl(url);
  if (location.dialect === 'sqlite') return `sqlite:${location.file}`;
  try {
    const u = new URL(location.url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * Opens the database named by `DATABASE_URL` and, unless told not to, brings its schema up to date.
 * SQLite: the file and its folder are created if missing; WAL journal so that reads run beside the
 * writer, a busy timeout so that another process's write is waited for, foreign keys enforced.
 * PostgreSQL: a connection pool, which replicas may share.
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const location = parseDatabaseUrl(url);
  const description = describeDatabaseUrl(url);
  let database: Database | undefined;
  try {
    database =
      location.dialect === 'sqlite'
        ? openSqlite(location.file, description, options)
        : await openPostgres(location.url, description, options);
    // The first query is the migration, so an unreachable server or a missing database shows up here.
    if (options.migrate !== false) await migrate(database.db, database.dialect);
  } catch (err) {
    await database?.close().catch(() => undefined);
    throw openFailure(err, location, description);
  }
  return database;
}

/** Whether the database answers a trivial query within `timeoutMs`; rejects with the reason otherwise. */
export async function pingDatabase(database: Pick<Database, 'db'>, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(database.db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function openSqlite(file: string, description: string, options: OpenDatabaseOptions): Database {
  const memory = file === ':memory:';
  if (!memory && options.mustExist && !existsSync(file)) throw new DatabaseNotFoundError(description);
  if (!memory) mkdirSync(dirname(file), { recursive: true });
  // The busy timeout is a constructor option so that it already applies to the journal-mode switch.
  const sqlite = new SqliteDatabase(file, { timeout: 5000 });
  try {
    sqlite.pragma('journal_mode = WAL');
    // With WAL, NORMAL syncs at checkpoints instead of at every commit: a crash of the process loses
    // nothing committed; only a power cut may lose the last commits, never the file's consistency.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (err) {
    sqlite.close();
    throw err;
  }
  const db = new Kysely<DatabaseTables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', description, close: once(() => db.destroy()) };
}

/** Distinct SQL texts kept prepared; the bot's queries are a few dozen. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query it runs again; preparing costs more than running the bot's small
 * queries. Statements are kept per SQL text (the oldest dropped beyond the limit). Safe because
 * nothing here streams rows: a statement is never in use by two queries at once.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string, description: string, options: OpenDatabaseOptions): Promise<Database> {
  // Loaded only when PostgreSQL is configured: an SQLite start-up does not pay for it.
  const { default: pgModule } = await import('pg');
  const pool = new pgModule.Pool({
    connectionString: url,
    types: pgTypes(pgModule),
    max: options.poolSize ?? 10,
    // Fail a start-up against an unreachable server instead of waiting forever.
    connectionTimeoutMillis: 10_000,
    application_name: 'lync-compat-bot',
  });
  const onError = options.onPoolError ?? (() => undefined);
  pool.on('error', onError);
  // A client checked out when the server goes away ("terminating connection due to administrator command")
  // emits its error on itself, not on the pool: without a listener that would crash the process. The query
  // in flight still fails, and /readyz names the database.
  pool.on('connect', (client) => client.on('error', onError));
  const db = new Kysely<DatabaseTables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', description, close: once(() => db.destroy()) };
}

/**
 * pg returns BIGINT (int8: our epoch-ms columns, and `count(*)`) as strings because it may exceed 2^53;
 * ours never does, and SQLite returns numbers, so this pool parses them as numbers. A per-pool
 * override, so that other pg users in the process (tests, tools) keep pg's defaults.
 */
function pgTypes(pgModule: typeof pg): pg.CustomTypesConfig {
  const types = new pgModule.TypeOverrides();
  types.setTypeParser(pgModule.types.builtins.INT8, (value: string) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`BIGINT ${value} does not fit a JS number`);
    return n;
  });
  return types;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
