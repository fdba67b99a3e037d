import type { Lang } from '../knowledge/schema';

/** A verdict on an answer, posted by a card's feedback buttons. */
export interface FeedbackRecord {
  channelId: string;
  helpful: boolean;
  /** The question answered, as the user wrote it (absent if the card did not carry it). */
  question?: string;
  lang: Lang;
  intent?: string;
  answerKind?: string;
}

/** A question the bot could not answer. */
export interface UnansweredRecord {
  channelId: string;
  question: string;
  lang: Lang;
  /** The classifier's best guess and its confidence, to see what the question was mistaken for. */
  intent: string;
  confidence: number;
  reason: string;
}

/**
 * Where feedback and unanswered questions go, so that the knowledge-base owner can list them
 * (`npm run kb:unanswered`). Never given conversation or user ids.
 */
export interface QuestionLog {
  recordFeedback(record: FeedbackRecord): Promise<void>;
  recordUnanswered(record: UnansweredRecord): Promise<void>;
}
