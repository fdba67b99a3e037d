import {
  DatabaseAccessDeniedError,
  DatabaseNotFoundError,
  DatabaseUnreachableError,
  DatabaseUnwritableError,
  MigrationFailedError,
  StorageError,
} from '../errors';
import type { DatabaseLocation } from './database';

/** Network errors' codes, as the operator would say them. */
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

/** PostgreSQL SQLSTATE codes met when connecting. */
const INVALID_PASSWORD = '28P01';
const INVALID_AUTHORIZATION = '28000';
const INVALID_CATALOG_NAME = '3D000';

/** Filesystem and SQLite codes met when the file cannot be created or written. */
const FILE_REASONS: Record<string, string> = {
  EEXIST: 'a file stands where a folder is needed',
  ENOTDIR: 'a file stands where a folder is needed',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  SQLITE_CANTOPEN: 'cannot open the file',
  SQLITE_READONLY: 'the file or its folder is read-only',
  SQLITE_PERM: 'permission denied',
  SQLITE_NOTADB: 'the file is not an SQLite database',
  SQLITE_CORRUPT: 'the file is corrupt',
};

/** The error's code, or the first code among an AggregateError's errors (Node tries each address of a host). */
function codeOf(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (err instanceof AggregateError)
    for (const e of err.errors) {
      const c = codeOf(e);
      if (c) return c;
    }
  return undefined;
}

/** `host:port` of a PostgreSQL URL, as pg would connect (defaults: localhost, 5432). */
function serverOf(url: string): { server: string; user: string; database: string } {
  try {
    const u = new URL(url);
    const host = u.hostname || 'localhost';
    return {
      server: `${host}:${u.port || '5432'}`,
      user: decodeURIComponent(u.username) || '(default user)',
      database: decodeURIComponent(u.pathname.slice(1)) || '(default database)',
    };
  } catch {
    return { server: '(unparsable URL)', user: '(unknown)', database: '(unknown)' };
  }
}

/**
 * What went wrong opening or migrating the database, as one of the coded storage errors: the operator
 * reads one line naming `DATABASE_URL` and what to do. The original error stays as `cause`. An error it
 * does not recognise is returned as it is.
 */
export function openFailure(err: unknown, location: DatabaseLocation, description: string): unknown {
  if (err instanceof StorageError && !(err instanceof MigrationFailedError)) return err;
  // A failing first query surfaces as a failed migration: the connection is what failed, not the schema.
  const cause = err instanceof MigrationFailedError ? err.cause : err;
  const code = codeOf(cause);
  if (location.dialect === 'postgres') {
    const { server, user, database } = serverOf(location.url);
    if (code && NETWORK_REASONS[code]) return new DatabaseUnreachableError(description, server, NETWORK_REASONS[code], { cause });
    if (cause instanceof Error && /timeout|timed out/i.test(cause.message) && !code)
      return new DatabaseUnreachableError(description, server, 'timed out', { cause });
    if (code === INVALID_PASSWORD) return new DatabaseAccessDeniedError(description, server, user, 'wrong password', { cause });
    if (code === INVALID_AUTHORIZATION)
      return new DatabaseAccessDeniedError(description, server, user, cause instanceof Error ? cause.message : 'not authorised', { cause });
    if (code === INVALID_CATALOG_NAME) {
      return new DatabaseNotFoundError(description, {
        cause,
        detail: `database "${database}" does not exist on PostgreSQL at ${server} — create it (createdb ${database}) or correct its name.`,
      });
    }
  } else if (code && FILE_REASONS[code]) {
    return new DatabaseUnwritableError(description, location.file, FILE_REASONS[code], { cause });
  }
  // A failed migration stays one; anything else is not the database's fault as far as we can tell, and
  // start-up wraps it (StartupFailedError).
  return err;
}
