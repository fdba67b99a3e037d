import type { Lang } from '../knowledge/schema';

/** Colour hint carried from the knowledge base to renderers. */
export type Tone = 'good' | 'warning' | 'attention' | 'neutral';

/** One cell of an answer table. */
export interface TableCell {
  text: string;
  tone?: Tone;
  /** Footnote marker shown after the text, explained in `notes`. */
  note?: number;
}

/** A table with a header row; the first column names the row. */
export interface AnswerTable {
  columns: string[];
  rows: TableCell[][];
}

export type AnswerKind =
  | 'support-cell'
  | 'support-table'
  | 'providers'
  | 'provider'
  | 'topic'
  | 'welcome'
  | 'help'
  | 'cannot-answer'
  | 'prompt'
  | 'message'
  | 'reminders'
  | 'reminder';

/**
 * A reply as data: what to say, independent of how a channel shows it. Dialogs build answers; the
 * renderer (text today, Adaptive Cards per channel later) turns them into activities in one place.
 */
export interface Answer {
  kind: AnswerKind;
  lang: Lang;
  /** The first sentence: answers the question directly. */
  headline: string;
  /** Heading for card renderers. */
  title?: string;
  /** Overall tone of the headline (for a single support status). */
  tone?: Tone;
  /** A short label stated plainly and coloured by `tone`: the support status of a single answer. */
  badge?: string;
  details: string[];
  facts: { label: string; value: string }[];
  steps: string[];
  code: { caption: string; text: string }[];
  table?: AnswerTable;
  /** Footnotes referenced by table cells or by the headline. */
  notes: { marker?: number; text: string }[];
  sources: { file: string; title: string; url: string }[];
  /** Questions or replies offered as buttons; pressing one sends its text. */
  suggestions: string[];
  /** Why a question could not be answered (`cannot-answer` only): recorded for the knowledge-base owner. */
  reason?: 'out-of-scope' | 'unknown-product' | 'unknown-provider';
  /** Example questions grouped by subject (help and welcome). */
  examples?: { subject: string; questions: string[] }[];
}

/** An answer with every list empty, to be filled by a builder. */
export function answer(kind: AnswerKind, lang: Lang, headline: string, extra: Partial<Answer> = {}): Answer {
  return { kind, lang, headline, details: [], facts: [], steps: [], code: [], notes: [], sources: [], suggestions: [], ...extra };
}
