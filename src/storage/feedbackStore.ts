import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FeedbackRecord, QuestionLog, UnansweredRecord } from '../bot/questionLog';
import type { Tables } from './tables';

/** An unanswered question as listed for the knowledge-base owner: the same question asked N times. */
export interface UnansweredEntry {
  question: string;
  count: number;
  lastAsked: number;
  langs: string[];
  /** What the classifier mistook it for most recently, and why it could not be answered. */
  intent: string;
  reason: string;
}

export interface FeedbackSummary {
  helpful: number;
  notHelpful: number;
  /** Per answer kind and intent. */
  byIntent: { intent: string; answerKind: string; helpful: number; notHelpful: number }[];
  /** The questions whose answers were judged not helpful, newest first. */
  notHelpfulQuestions: { question: string; intent: string; at: number }[];
}

export interface ListOptions {
  /** Only what was recorded at or after this instant (epoch ms). */
  since?: number;
  limit?: number;
}

/** Folds case and spacing so the same question typed twice is counted once. */
export function questionKey(question: string): string {
  return question.toLowerCase().replace(/\s+/g, ' ').replace(/\s*([?!.])+$/, '').trim();
}

/**
 * Feedback on answers and questions the bot could not answer, for the knowledge-base owner
 * (`npm run kb:unanswered`). Questions are kept as written; conversation and user ids are never stored.
 */
export class FeedbackStore implements QuestionLog {
  constructor(private readonly db: Kysely<Tables>, private readonly now: () => number = Date.now) {}

  async recordFeedback(r: FeedbackRecord): Promise<void> {
    await this.db.insertInto('feedback').values({
      id: randomUUID(), at: this.now(), channel_id: r.channelId, question: r.question ?? null, lang: r.lang,
      intent: r.intent ?? null, answer_kind: r.answerKind ?? null, helpful: r.helpful ? 1 : 0,
    }).execute();
  }

  async recordUnanswered(r: UnansweredRecord): Promise<void> {
    await this.db.insertInto('unanswered').values({
      id: randomUUID(), at: this.now(), channel_id: r.channelId, question: r.question, lang: r.lang,
      intent: r.intent, confidence: r.confidence, reason: r.reason,
    }).execute();
  }

  /** Unanswered questions, most asked first (then most recent). */
  async listUnanswered(options: ListOptions = {}): Promise<UnansweredEntry[]> {
    let query = this.db.selectFrom('unanswered').selectAll().orderBy('at', 'desc');
    if (options.since !== undefined) query = query.where('at', '>=', options.since);
    const groups = new Map<string, UnansweredEntry>();
    for (const row of await query.execute()) {
      const key = questionKey(row.question);
      const entry = groups.get(key);
      if (entry) {
        entry.count++;
        if (!entry.langs.includes(row.lang)) entry.langs.push(row.lang);
      } else {
        groups.set(key, { question: row.question, count: 1, lastAsked: row.at, langs: [row.lang], intent: row.intent, reason: row.reason });
      }
    }
    const sorted = [...groups.values()].sort((a, b) => b.count - a.count || b.lastAsked - a.lastAsked);
    return options.limit !== undefined ? sorted.slice(0, options.limit) : sorted;
  }

  /** Helpful / not helpful counts, per intent, and the questions whose answers did not help. */
  async feedbackSummary(options: ListOptions = {}): Promise<FeedbackSummary> {
    let query = this.db.selectFrom('feedback').selectAll().orderBy('at', 'desc');
    if (options.since !== undefined) query = query.where('at', '>=', options.since);
    const rows = await query.execute();
    const byIntent = new Map<string, FeedbackSummary['byIntent'][number]>();
    for (const row of rows) {
      const intent = row.intent ?? '(unknown)';
      const answerKind = row.answer_kind ?? '(unknown)';
      const key = `${intent}\u0000${answerKind}`;
      const entry = byIntent.get(key) ?? { intent, answerKind, helpful: 0, notHelpful: 0 };
      if (row.helpful === 1) entry.helpful++; else entry.notHelpful++;
      byIntent.set(key, entry);
    }
    const notHelpfulQuestions = rows.filter((r) => r.helpful !== 1 && r.question !== null)
      .map((r) => ({ question: r.question as string, intent: r.intent ?? '(unknown)', at: r.at }));
    return {
      helpful: rows.filter((r) => r.helpful === 1).length,
      notHelpful: rows.filter((r) => r.helpful !== 1).length,
      byIntent: [...byIntent.values()].sort((a, b) => b.notHelpful - a.notHelpful || b.helpful - a.helpful),
      notHelpfulQuestions: options.limit !== undefined ? notHelpfulQuestions.slice(0, options.limit) : notHelpfulQuestions,
    };
  }
}
