import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database, type DialectName } from '../../src/storage/database';
import { freshPostgresDatabase } from '../helpers/postgres';

/** Every behaviour of the storage layer is tested on both. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** The run's SQLite files live in one temporary folder, removed by a root-level hook when the run ends. */
const sqliteRoot = mkdtempSync(join(tmpdir(), 'lync-db-'));
let sqliteFiles = 0;
after('remove the SQLite test files', () => rmSync(sqliteRoot, { recursive: true, force: true }));

/** A folder of its own under the run's temporary folder (not created). */
export function tempPath(name: string): string {
  return join(sqliteRoot, `${++sqliteFiles}`, name);
}

/** An empty database of the dialect: a new SQLite file (and folder), or a new PostgreSQL database. */
export async function freshDatabaseUrl(dialect: DialectName): Promise<string> {
  if (dialect === 'postgres') return freshPostgresDatabase();
  return `sqlite:${tempPath('bot.sqlite')}`;
}

export interface TestDatabase {
  url(): string;
  /** The suite's open database (migrated). */
  database(): Database;
}

/**
 * For a `describe`: a fresh migrated database of the dialect for the suite, emptied before each test and
 * closed after the suite.
 */
export function useTestDatabase(dialect: DialectName): TestDatabase {
  let url: string | undefined;
  let database: Database | undefined;
  before(async () => {
    url = await freshDatabaseUrl(dialect);
    database = await openDatabase(url);
  });
  beforeEach(async () => {
    const { db } = required(database);
    await db.deleteFrom('bot_state').execute();
    await db.deleteFrom('feedback').execute();
    await db.deleteFrom('unanswered').execute();
  });
  after(async () => {
    await database?.close();
  });
  return { url: () => required(url), database: () => required(database) };
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("the suite's database is not open (did its before hook fail?)");
  return value;
}
