/**
 * Coded errors, in one place. Each error the service raises on purpose carries a code so that logs,
 * tests and the start-up path can tell them apart without parsing messages. The messages of those that
 * can stop start-up are written for the operator: the setting to look at, what went wrong, what to do.
 */
export enum ErrorCode {
  ConfigInvalid = 'config_invalid',
  KnowledgeInvalid = 'knowledge_invalid',
  KnowledgeUnreadable = 'knowledge_unreadable',
  TenantNotAllowed = 'tenant_not_allowed',
  DatabaseUnreachable = 'database_unreachable',
  DatabaseAccessDenied = 'database_access_denied',
  DatabaseNotFound = 'database_not_found',
  DatabaseUnwritable = 'database_unwritable',
  MigrationFailed = 'database_migration_failed',
  ETagConflict = 'storage_etag_conflict',
  PortUnavailable = 'port_unavailable',
  StartupFailed = 'startup_failed',
}

export abstract class CodedError extends Error {
  abstract readonly code: ErrorCode;
  /** What start-up prints, one line each (the message's lines by default). */
  lines(): string[] {
    return this.message
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
  }
}

/** The environment does not satisfy the configuration schema. */
export class ConfigInvalidError extends CodedError {
  readonly code = ErrorCode.ConfigInvalid;
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigInvalidError';
  }
  /** One line per variable, each starting with its name. */
  override lines(): string[] {
    return this.problems;
  }
}

/** A knowledge file breaks its schema or a cross-file rule; each problem names the file and field. */
export class KnowledgeInvalidError extends CodedError {
  readonly code = ErrorCode.KnowledgeInvalid;
  constructor(readonly problems: string[]) {
    super(`Invalid knowledge base:\n  ${problems.join('\n  ')}`);
    this.name = 'KnowledgeInvalidError';
  }
  override lines(): string[] {
    return this.problems;
  }
}

/** A knowledge file or folder cannot be read or parsed as YAML/JSON. */
export class KnowledgeUnreadableError extends CodedError {
  readonly code = ErrorCode.KnowledgeUnreadable;
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'KnowledgeUnreadableError';
  }
}

/**
 * A proactive message to a conversation of a tenant not in `ALLOWED_TENANT_IDS`, refused before sending.
 * `statusCode` 403 is what the connector answers when the bot may not post, and is treated the same way.
 */
export class TenantNotAllowedError extends CodedError {
  readonly code = ErrorCode.TenantNotAllowed;
  readonly statusCode = 403;
  constructor(channelId: string) {
    super(`proactive message refused: the conversation (${channelId || 'unknown channel'}) belongs to a tenant not in ALLOWED_TENANT_IDS`);
    this.name = 'TenantNotAllowedError';
  }
}

/** The errors about the database `DATABASE_URL` names; `description` is that URL without its password. */
export abstract class StorageError extends CodedError {
  constructor(
    readonly description: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The PostgreSQL server cannot be reached (refused, unknown host, timed out). */
export class DatabaseUnreachableError extends StorageError {
  readonly code = ErrorCode.DatabaseUnreachable;
  constructor(
    description: string,
    readonly server: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      description,
      `DATABASE_URL: cannot connect to PostgreSQL at ${server} (${reason}) — is the server running, and are the host and port right?`,
      options,
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/** The PostgreSQL server refused the user or password. */
export class DatabaseAccessDeniedError extends StorageError {
  readonly code = ErrorCode.DatabaseAccessDenied;
  constructor(
    description: string,
    readonly server: string,
    readonly user: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      description,
      `DATABASE_URL: PostgreSQL at ${server} refused user "${user}" (${reason}) — check the user name and password in DATABASE_URL.`,
      options,
    );
    this.name = 'DatabaseAccessDeniedError';
  }
}

/** The SQLite file or PostgreSQL database does not exist and the caller asked not to create it. */
export class DatabaseNotFoundError extends StorageError {
  readonly code = ErrorCode.DatabaseNotFound;
  /** `detail`: what is missing and what to do, when known (PostgreSQL names the database). */
  constructor(description: string, options?: { cause?: unknown; detail?: string }) {
    super(description, `DATABASE_URL: ${options?.detail ?? `no database at ${description}`}`, options);
    this.name = 'DatabaseNotFoundError';
  }
}

/** The SQLite file (or its folder) cannot be created, opened or written. */
export class DatabaseUnwritableError extends StorageError {
  readonly code = ErrorCode.DatabaseUnwritable;
  constructor(
    description: string,
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      description,
      `DATABASE_URL: cannot create or open the SQLite file ${file} (${reason}) — choose a path in a writable folder, e.g. sqlite:./data/bot.sqlite`,
      options,
    );
    this.name = 'DatabaseUnwritableError';
  }
}

/** A schema migration failed (or the database holds migrations this build does not know). */
export class MigrationFailedError extends StorageError {
  readonly code = ErrorCode.MigrationFailed;
  constructor(
    readonly migration: string | undefined,
    detail: string,
    options?: { cause?: unknown; description?: string },
  ) {
    super(options?.description ?? '', `DATABASE_URL: database migration${migration ? ` ${migration}` : ''} failed: ${detail}`, options);
    this.name = 'MigrationFailedError';
  }
}

/**
 * A conditional write named an eTag that is no longer the stored one: someone else wrote first. The
 * message is botbuilder's own (`MemoryStorage`), so logs read the same whichever storage runs.
 */
export class ETagConflictError extends CodedError {
  readonly code = ErrorCode.ETagConflict;
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/** The HTTP port is taken, or not ours to bind. */
export class PortUnavailableError extends CodedError {
  readonly code = ErrorCode.PortUnavailable;
  constructor(
    readonly port: number,
    readonly reason: 'in use' | 'not permitted',
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'in use'
        ? `PORT: port ${port} is already in use — stop the other process or set PORT to a free port.`
        : `PORT: not permitted to listen on port ${port} — use a port above 1023 or set PORT.`,
      options,
    );
    this.name = 'PortUnavailableError';
  }
}

/** Anything else that stopped start-up, wrapped so that start-up still prints one line. */
export class StartupFailedError extends CodedError {
  readonly code = ErrorCode.StartupFailed;
  constructor(cause: unknown) {
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`Start-up failed: ${text.split('\n')[0]} (run with LOG_LEVEL=debug for the stack)`, { cause });
    this.name = 'StartupFailedError';
  }
}

/** The error as a coded one: itself when it is, wrapped in `StartupFailedError` otherwise. */
export function asCodedError(err: unknown): CodedError {
  return err instanceof CodedError ? err : new StartupFailedError(err);
}
