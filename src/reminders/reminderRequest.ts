import type { Understanding } from '../nlu/nlu';
import { DEFAULT_LEAD_DAYS } from './schedule';

/** Longest lead time accepted: a reminder more than a year ahead of a date is not a reminder. */
export const MAX_LEAD_DAYS = 365;

const UNIT_DAYS: Record<string, number> = {
  day: 1, days: 1, jour: 1, jours: 1,
  week: 7, weeks: 7, semaine: 7, semaines: 7,
  month: 30, months: 30, mois: 30,
};

const NUMBER_WORDS: Record<string, number> = {
  one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, fourteen: 14, thirty: 30,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, dix: 10, quatorze: 14, trente: 30,
};

/**
 * Lead times a message asks for, in days: "14 days before" → [14], "a week before" → [7], "2 weeks and
 * 3 days before" → [14, 3]; "on the day" / "le jour même" → 0; "the day before" / "la veille" → 1.
 * Returns `undefined` when the message names none (the defaults apply).
 */
export function leadDaysOf(tokens: readonly string[]): number[] | undefined {
  const found: number[] = [];
  tokens.forEach((t, i) => {
    const unit = UNIT_DAYS[t];
    if (unit === undefined || i === 0) return;
    const before = tokens[i - 1] as string;
    const n = /^\d+$/.test(before) ? Number(before) : NUMBER_WORDS[before];
    if (n !== undefined) found.push(n * unit);
  });
  const text = ` ${tokens.join(' ')} `;
  if (/ (the|on) day (before|of) /.test(text) || / la veille /.test(text)) found.push(1);
  if (/ on the day /.test(text) || / le jour (meme|même) /.test(text) || / le jour j /.test(text)) found.push(0);
  const valid = [...new Set(found)].filter((d) => d >= 0 && d <= MAX_LEAD_DAYS).sort((a, b) => b - a);
  return valid.length > 0 ? valid : undefined;
}

/** What a subscription covers: every dated end, or some of them by deadline id (`pic:yahoo`). */
export type ReminderTarget = { kind: 'all' } | { kind: 'deadlines'; ids: string[] };

/**
 * The dates a reminder message is about: the providers and end-of-life entries it names, else every
 * dated end the knowledge base has.
 */
export function targetOf(u: Understanding): ReminderTarget {
  const ids = [...u.entities.providers.map((p) => `pic:${p}`), ...u.entities.endOfLife.map((e) => `eol:${e}`)];
  return ids.length > 0 ? { kind: 'deadlines', ids } : { kind: 'all' };
}

/** The lead times to use: those asked for, else 30, 7 and 1 day before and on the day. */
export function leadDaysOrDefault(tokens: readonly string[]): number[] {
  return leadDaysOf(tokens) ?? [...DEFAULT_LEAD_DAYS];
}
