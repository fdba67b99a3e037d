/** Minutes in a day, for lead times written in days. */
export const MINUTES_PER_DAY = 1440;

/** Default lead times, in minutes: 30, 7 and 1 day before, and on the day. */
export const DEFAULT_LEAD_MINUTES: readonly number[] = [30 * MINUTES_PER_DAY, 7 * MINUTES_PER_DAY, MINUTES_PER_DAY, 0];

/** Hour (UTC) at which a reminder for a date without a time is sent. */
export const REMINDER_HOUR_UTC = 9;

const MINUTE_MS = 60_000;

/** Whether a deadline's date is a plain date (sent at the reminder hour, UTC) rather than an instant. */
export function isDateOnly(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date);
}

/**
 * The instant a deadline falls: a date-time as written (`2026-12-01T10:00:00Z`), or a plain date
 * (`2014-06-30`) at the reminder hour of that day, UTC.
 */
export function deadlineInstant(date: string): number {
  if (isDateOnly(date)) return Date.parse(`${date}T00:00:00Z`) + REMINDER_HOUR_UTC * 3_600_000;
  const at = Date.parse(date);
  if (!Number.isFinite(at)) throw new Error(`not a date: ${date}`);
  return at;
}

/** When the reminder `leadMinutes` before a deadline is due. */
export function dueAt(date: string, leadMinutes: number): number {
  return deadlineInstant(date) - leadMinutes * MINUTE_MS;
}

/** The reminders still ahead of `now` for a deadline: one per lead time, soonest lead last. */
export function remindersAhead(date: string, leadMinutes: readonly number[], now: number): { leadMinutes: number; dueAt: number }[] {
  return [...new Set(leadMinutes)]
    .sort((a, b) => b - a)
    .map((lead) => ({ leadMinutes: lead, dueAt: dueAt(date, lead) }))
    .filter((r) => r.dueAt > now);
}

/** Whether a deadline has passed (its instant is not after `now`). */
export function isPast(date: string, now: number): boolean {
  return deadlineInstant(date) <= now;
}
