/**
 * Coded errors, in one place. Each error the service raises on purpose carries a code so that logs,
 * tests and the start-up path can tell them apart without parsing messages.
 */
export enum ErrorCode {
  ConfigInvalid = 'config_invalid',
  KnowledgeInvalid = 'knowledge_invalid',
  KnowledgeUnreadable = 'knowledge_unreadable',
  TenantNotAllowed = 'tenant_not_allowed',
}

export abstract class CodedError extends Error {
  abstract readonly code: ErrorCode;
}

/** The environment does not satisfy the configuration schema. */
export class ConfigInvalidError extends CodedError {
  readonly code = ErrorCode.ConfigInvalid;
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigInvalidError';
  }
}

/** A knowledge file breaks its schema or a cross-file rule; each problem names the file and field. */
export class KnowledgeInvalidError extends CodedError {
  readonly code = ErrorCode.KnowledgeInvalid;
  constructor(readonly problems: string[]) {
    super(`Invalid knowledge base:\n  ${problems.join('\n  ')}`);
    this.name = 'KnowledgeInvalidError';
  }
}

/** A knowledge file or folder cannot be read or parsed as YAML/JSON. */
export class KnowledgeUnreadableError extends CodedError {
  readonly code = ErrorCode.KnowledgeUnreadable;
  constructor(readonly file: string, detail: string) {
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
