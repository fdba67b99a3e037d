/**
 * The errors the storage layer raises on purpose, each with a code so that callers (start-up, the
 * `kb:unanswered` command, tests) can tell them apart without parsing messages.
 *
 * They belong beside the others in `src/errors.ts` (`ErrorCode` plus one class per code); they live here
 * only until that file's owner moves them, which changes no caller.
 */
export type StorageErrorCode = 'database_not_found' | 'database_migration_failed' | 'storage_etag_conflict';

/** The common base, so `err instanceof StorageError` catches all three. */
export abstract class StorageError extends Error {
  abstract readonly code: StorageErrorCode;
}

/** The SQLite file or PostgreSQL database does not exist and the caller asked not to create it. */
export class DatabaseNotFoundError extends StorageError {
  readonly code = 'database_not_found';
  constructor(readonly description: string, options?: { cause?: unknown }) {
    super(`No database at ${description}`, options);
    this.name = 'DatabaseNotFoundError';
  }
}

/** A schema migration failed (or the database holds migrations this build does not know). */
export class MigrationFailedError extends StorageError {
  readonly code = 'database_migration_failed';
  constructor(readonly migration: string | undefined, detail: string, options?: { cause?: unknown }) {
    super(`Database migration${migration ? ` ${migration}` : ''} failed: ${detail}`, options);
    this.name = 'MigrationFailedError';
  }
}

/**
 * A conditional write named an eTag that is no longer the stored one: someone else wrote first. The
 * message is botbuilder's own (`MemoryStorage`), so logs read the same whichever storage runs.
 */
export class ETagConflictError extends StorageError {
  readonly code = 'storage_etag_conflict';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}
