import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FeedbackRecord, QuestionLog, UnansweredRecord } from '../bot/questionLog';
import { clipQuestion, questionKey } from './questionKey';
import type { DatabaseTables } from './tables';

/** A verdict on an answer; `confidence` is the classifier's, when the caller has it. */
export interface FeedbackInput extends FeedbackRecord {
  confidence?: number;
}

/** Filters for the knowledge-base owner's listings. */
export interface ListOptions {
  /** Only what was recorded at or after this instant. */
  since?: Date;
  /** At most this many questions (groups, not rows). */
  limit?: number;
}

/** One unanswered question, however many times and however it was typed. */
export interface UnansweredQuestion {
  /** The most recent wording. */
  question: string;
  count: number;
  lastAsked: Date;
  /** Languages it was asked in, most recent first. */
  langs: string[];
  /** What the classifier took it for, and why it was not answered, the last time it was asked. */
  intent: string;
  reason: string;
}

/** Verdicts on the answers given for one intent and answer kind (null: the card did not say). */
export interface IntentFeedback {
  intent: string | null;
  answerKind: string | null;
  helpful: number;
  notHelpful: number;
}

/** A question whose answer was judged not helpful, grouped like unanswered ones. */
export interface NotHelpfulQuestion {
  question: string;
  count: number;
  lastAt: Date;
  intent: string | null;
  answerKind: string | null;
}

export interface FeedbackSummary {
  helpful: number;
  notHelpful: number;
  /** Most "not helpful" first. */
  byIntent: IntentFeedback[];
  /** Most often judged not helpful first; `limit` applies here. */
  notHelpfulQuestions: NotHelpfulQuestion[];
}

/**
 * Feedback on answers and questions the bot could not answer, for the knowledge-base owner
 * (`npm run kb:unanswered`). Questions are kept as written (cut at `MAX_QUESTION_LENGTH`), with a folded
 * key so that case and spacing do not split a group; conversation and user ids are never stored.
 */
export class FeedbackStore implements QuestionLog {
  constructor(
    private readonly db: Kysely<DatabaseTables>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a verdict on an answer. */
  async recordFeedback(record: FeedbackInput): Promise<void> {
    const question = record.question === undefined ? null : clipQuestion(record.question);
    await this.db
      .insertInto('feedback')
      .values({
        id: randomUUID(),
        at: this.now().getTime(),
        channel_id: record.channelId,
        question,
        question_key: question === null ? null : questionKey(question),
        lang: record.lang,
        intent: record.intent ?? null,
        confidence: record.confidence ?? null,
        answer_kind: record.answerKind ?? null,
        helpful: record.helpful ? 1 : 0,
      })
      .execute();
  }

  /** Records a question the bot could not answer. */
  async recordUnanswered(record: UnansweredRecord): Promise<void> {
    const question = clipQuestion(record.question);
    await this.db
      .insertInto('unanswered')
      .values({
        id: randomUUID(),
        at: this.now().getTime(),
        channel_id: record.channelId,
        question,
        question_key: questionKey(question),
        lang: record.lang,
        intent: record.intent,
        confidence: record.confidence,
        reason: record.reason,
      })
      .execute();
  }

  /** Unanswered questions grouped by `questionKey`, most asked first, then most recent. */
  async listUnanswered(options: ListOptions = {}): Promise<UnansweredQuestion[]> {
    const since = sinceMs(options);
    const top = this.db
      .selectFrom('unanswered')
      .where('at', '>=', since)
      .select((eb) => ['question_key', eb.fn.countAll<number>().as('count'), eb.fn.max('at').as('last_at')])
      .groupBy('question_key')
      .orderBy('count', 'desc')
      .orderBy('last_at', 'desc')
      .orderBy('question_key')
      .$if(options.limit !== undefined, (q) => q.limit(options.limit ?? 0));
    // Each group's latest row gives the wording, intent and reason shown.
    const latest = await this.db
      .selectFrom('unanswered as u')
      .innerJoin(top.as('t'), (join) => join.onRef('t.question_key', '=', 'u.question_key').onRef('t.last_at', '=', 'u.at'))
      .select(['u.question_key', 'u.question', 'u.intent', 'u.reason', 't.count', 't.last_at'])
      .orderBy('t.count', 'desc')
      .orderBy('t.last_at', 'desc')
      .orderBy('u.question_key')
      .orderBy('u.id')
      .execute();
    if (latest.length === 0) return [];
    const langs = await this.db
      .selectFrom('unanswered as u')
      .innerJoin(top.as('t'), 't.question_key', 'u.question_key')
      .where('u.at', '>=', since)
      .select((eb) => ['u.question_key', 'u.lang', eb.fn.max('u.at').as('last')])
      .groupBy(['u.question_key', 'u.lang'])
      .orderBy('last', 'desc')
      .orderBy('u.lang')
      .execute();
    const byKey = new Map<string, UnansweredQuestion>();
    for (const row of latest) {
      if (byKey.has(row.question_key)) continue; // two asks in the same millisecond
      byKey.set(row.question_key, {
        question: row.question,
        count: row.count,
        lastAsked: new Date(row.last_at),
        langs: [],
        intent: row.intent,
        reason: row.reason,
      });
    }
    for (const row of langs) byKey.get(row.question_key)?.langs.push(row.lang);
    return [...byKey.values()];
  }

  /** Helpful / not helpful counts, per intent and answer kind, and the questions whose answers did not help. */
  async feedbackSummary(options: ListOptions = {}): Promise<FeedbackSummary> {
    const since = sinceMs(options);
    const counts = await this.db
      .selectFrom('feedback')
      .where('at', '>=', since)
      .select((eb) => ['intent', 'answer_kind', eb.fn.countAll<number>().as('total'), eb.fn.sum<number>('helpful').as('helpful')])
      .groupBy(['intent', 'answer_kind'])
      .execute();
    const byIntent = counts
      .map((c) => ({ intent: c.intent, answerKind: c.answer_kind, helpful: c.helpful, notHelpful: c.total - c.helpful }))
      .sort(
        (a, b) =>
          b.notHelpful - a.notHelpful ||
          b.helpful - a.helpful ||
          (a.intent ?? '').localeCompare(b.intent ?? '') ||
          (a.answerKind ?? '').localeCompare(b.answerKind ?? ''),
      );
    return {
      helpful: byIntent.reduce((n, c) => n + c.helpful, 0),
      notHelpful: byIntent.reduce((n, c) => n + c.notHelpful, 0),
      byIntent,
      notHelpfulQuestions: await this.notHelpfulQuestions(since, options.limit),
    };
  }

  private async notHelpfulQuestions(since: number, limit: number | undefined): Promise<NotHelpfulQuestion[]> {
    const top = this.db
      .selectFrom('feedback')
      .where('at', '>=', since)
      .where('helpful', '=', 0)
      .where('question_key', 'is not', null)
      .select((eb) => ['question_key', eb.fn.countAll<number>().as('count'), eb.fn.max('at').as('last_at')])
      .groupBy('question_key')
      .orderBy('count', 'desc')
      .orderBy('last_at', 'desc')
      .orderBy('question_key')
      .$if(limit !== undefined, (q) => q.limit(limit ?? 0));
    const latest = await this.db
      .selectFrom('feedback as f')
      .innerJoin(top.as('t'), (join) => join.onRef('t.question_key', '=', 'f.question_key').onRef('t.last_at', '=', 'f.at'))
      .where('f.helpful', '=', 0)
      .select(['f.question_key', 'f.question', 'f.intent', 'f.answer_kind', 't.count', 't.last_at'])
      .orderBy('t.count', 'desc')
      .orderBy('t.last_at', 'desc')
      .orderBy('f.question_key')
      .orderBy('f.id')
      .execute();
    const byKey = new Map<string, NotHelpfulQuestion>();
    for (const row of latest) {
      // question_key is set exactly when question is; the check is for the type checker.
      if (row.question_key === null || row.question === null || byKey.has(row.question_key)) continue;
      byKey.set(row.question_key, {
        question: row.question,
        count: row.count,
        lastAt: new Date(row.last_at),
        intent: row.intent,
        answerKind: row.answer_kind,
      });
    }
    return [...byKey.values()];
  }
}

/** Epoch ms to filter `at >= …` on; 0 (everything) without `since`, which keeps one query shape. */
function sinceMs(options: ListOptions): number {
  // PostgreSQL rejects a negative LIMIT where SQLite reads it as "no limit": refuse both the same way.
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit >= 0)) {
    throw new RangeError(`limit: expected a whole number ≥ 0, got ${options.limit}`);
  }
  const since = options.since?.getTime() ?? 0;
  if (Number.isNaN(since)) throw new RangeError('since: invalid date');
  return since;
}
