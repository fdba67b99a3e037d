/**
 * The database's tables as Kysely sees them. Both dialects return the same JS types: instants are epoch
 * milliseconds (BIGINT, read back as numbers), booleans are 0/1 integers, documents are JSON text.
 */
export interface BotStateTable {
  key: string;
  etag: string;
  /** The stored item as JSON, without its eTag. */
  document: string;
  updated_at: number;
}

export interface FeedbackTable {
  id: string;
  at: number;
  channel_id: string;
  question: string | null;
  lang: string;
  intent: string | null;
  answer_kind: string | null;
  /** 1 helpful, 0 not helpful. */
  helpful: number;
}

export interface UnansweredTable {
  id: string;
  at: number;
  channel_id: string;
  question: string;
  lang: string;
  intent: string;
  confidence: number;
  reason: string;
}

/** Every table, for `Kysely<Tables>`; later migrations add theirs here. */
export interface Tables {
  bot_state: BotStateTable;
  feedback: FeedbackTable;
  unanswered: UnansweredTable;
}
