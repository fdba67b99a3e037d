import type { Understanding } from '../nlu/nlu';
import type { LanguageFile } from '../knowledge/schema';
import { fold } from '../nlu/normalize';
import { PhraseGroup } from '../reasoning/lexicon';
import { DEFAULT_LEAD_MINUTES, MINUTES_PER_DAY } from './schedule';

/** Longest lead time accepted: a reminder more than a year ahead of a date is not a reminder. */
export const MAX_LEAD_MINUTES = 365 * MINUTES_PER_DAY;

/** The words of reminder requests (`language.yaml`: `reminders`, `numbers`), compiled once per knowledge base. */
export interface ReminderWords {
  /** Unit word → minutes. */
  units: Map<string, number>;
  /** Number word → value ("a week": 1). */
  numbers: Map<string, number>;
  dayBefore: PhraseGroup;
  onTheDay: PhraseGroup;
  only: PhraseGroup;
}

export function reminderWords(language: LanguageFile): ReminderWords {
  const units = new Map<string, number>();
  for (const [minutes, words] of Object.entries(language.reminders.units))
    for (const w of [...words.en, ...words.fr]) units.set(fold(w), Number(minutes));
  const numbers = new Map<string, number>(
    [...Object.entries(language.numbers.en), ...Object.entries(language.numbers.fr)].map(([w, n]) => [fold(w), n]),
  );
  return {
    units,
    numbers,
    dayBefore: new PhraseGroup(language.reminders.dayBefore),
    onTheDay: new PhraseGroup(language.reminders.onTheDay),
    only: new PhraseGroup(language.reminders.only),
  };
}

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
export function leadRequestOf(tokens: readonly string[], words: ReminderWords): LeadRequest | undefined {
  const found: number[] = [];
  tokens.forEach((t, i) => {
    const unit = words.units.get(t);
    if (unit === undefined || i === 0) return;
    const before = tokens[i - 1] as string;
    // "the day before" is one day, not a count: handled below.
    const n = /^\d+$/.test(before) ? Number(before) : words.numbers.get(before);
    if (n !== undefined) found.push(n * unit);
  });
  if (words.dayBefore.has(tokens)) found.push(MINUTES_PER_DAY);
  if (words.onTheDay.has(tokens)) found.push(0);
  if (found.length === 0) return undefined;
  const distinct = [...new Set(found)].sort((a, b) => b - a);
  return {
    minutes: distinct.filter((m) => m >= 0 && m <= MAX_LEAD_MINUTES),
    tooFar: distinct.filter((m) => m > MAX_LEAD_MINUTES),
    replace: words.only.has(tokens),
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
export function leadRequestOrDefault(tokens: readonly string[], words: ReminderWords): LeadRequest {
  return leadRequestOf(tokens, words) ?? { minutes: [...DEFAULT_LEAD_MINUTES], tooFar: [], replace: false };
}
