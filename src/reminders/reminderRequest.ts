import type { Understanding } from '../nlu/nlu';
import { DEFAULT_LEAD_MINUTES, MINUTES_PER_DAY } from './schedule';

/** Longest lead time accepted: a reminder more than a year ahead of a date is not a reminder. */
export const MAX_LEAD_MINUTES = 365 * MINUTES_PER_DAY;

/** Minutes per unit word (tokens are folded: no accents, lower case). */
const UNIT_MINUTES: Record<string, number> = {
  minute: 1, minutes: 1, min: 1, mn: 1,
  hour: 60, hours: 60, hr: 60, hrs: 60, h: 60, heure: 60, heures: 60,
  day: MINUTES_PER_DAY, days: MINUTES_PER_DAY, jour: MINUTES_PER_DAY, jours: MINUTES_PER_DAY,
  week: 7 * MINUTES_PER_DAY, weeks: 7 * MINUTES_PER_DAY, semaine: 7 * MINUTES_PER_DAY, semaines: 7 * MINUTES_PER_DAY,
  month: 30 * MINUTES_PER_DAY, months: 30 * MINUTES_PER_DAY, mois: 30 * MINUTES_PER_DAY,
};

const NUMBER_WORDS: Record<string, number> = {
  one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, ten: 10, twelve: 12, fourteen: 14, fifteen: 15, thirty: 30,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, dix: 10, douze: 12, quatorze: 14, quinze: 15, trente: 30,
};

/** Words asking for these lead times instead of those already set ("only on the day"). */
const ONLY = new Set(['only', 'just', 'instead', 'seulement', 'uniquement', 'plutot']);

/** The lead times a message asks for. */
export interface LeadRequest {
  /** Accepted lead times, in minutes, longest first. */
  minutes: number[];
  /** Lead times asked for that are too far ahead (over a year), in minutes. */
  tooFar: number[];
  /** "only …": replace the lead times already set rather than add to them. */
  replace: boolean;
}

/**
 * Lead times a message asks for: "14 days before" → 14 days, "a week before", "2 weeks and 3 days
 * before", "2 hours before", "48h", "an hour before"; "on the day" / "the day of" / "le jour même" /
 * "le jour J" → 0; "the day before" / "la veille" → 1 day. Returns `undefined` when the message names none
 * (the defaults apply).
 */
export function leadRequestOf(tokens: readonly string[]): LeadRequest | undefined {
  const found: number[] = [];
  tokens.forEach((t, i) => {
    const unit = UNIT_MINUTES[t];
    if (unit === undefined || i === 0) return;
    const before = tokens[i - 1] as string;
    const n = /^\d+$/.test(before) ? Number(before) : NUMBER_WORDS[before];
    // "the day before" is one day, not a count: handled below.
    if (n !== undefined) found.push(n * unit);
  });
  const text = ` ${tokens.join(' ')} `;
  if (/ (the|a) day before /.test(text) || / la veille /.test(text) || / (le|un) jour avant /.test(text)) found.push(MINUTES_PER_DAY);
  if (/ (on|of) the (same )?day /.test(text) || / the day of /.test(text) || / le jour (meme|j|de la|du) /.test(text) || / le jour (ou|de) /.test(text)) found.push(0);
  if (found.length === 0) return undefined;
  const distinct = [...new Set(found)].sort((a, b) => b - a);
  return {
    minutes: distinct.filter((m) => m >= 0 && m <= MAX_LEAD_MINUTES),
    tooFar: distinct.filter((m) => m > MAX_LEAD_MINUTES),
    replace: tokens.some((t) => ONLY.has(t)),
  };
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
export function leadRequestOrDefault(tokens: readonly string[]): LeadRequest {
  return leadRequestOf(tokens) ?? { minutes: [...DEFAULT_LEAD_MINUTES], tooFar: [], replace: false };
}
