/** Default lead times: 30, 7 and 1 day before, and on the day. */
export const DEFAULT_LEAD_DAYS: readonly number[] = [30, 7, 1, 0];

/** Hour (UTC) at which a reminder for a date without a time is sent. */
export const REMINDER_HOUR_UTC = 9;

const DAY_MS = 86_400_000;

/**
 * The instant a deadline falls: a date-time as written (`2026-12-01T10:00:00Z`), or a plain date
 * (`2014-06-30`) at the reminder hour of that day, UTC.
 */
export function deadlineInstant(date: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return Date.parse(`${date}T00:00:00Z`) + REMINDER_HOUR_UTC * 3_600_000;
  const at = Date.parse(date);
  if (!Number.isFinite(at)) throw new Error(`not a date: ${date}`);
  return at;
}

/** When the reminder `leadDays` before a deadline is due. */
export function dueAt(date: string, leadDays: number): number {
  return deadlineInstant(date) - leadDays * DAY_MS;
}

/** The reminders still ahead of `now` for a deadline: one per lead time, soonest lead last. */
export function remindersAhead(date: string, leadDays: readonly number[], now: number): { leadDays: number; dueAt: number }[] {
  return [...new Set(leadDays)]
    .sort((a, b) => b - a)
    .map((lead) => ({ leadDays: lead, dueAt: dueAt(date, lead) }))
    .filter((r) => r.dueAt > now);
}

/** Whether a deadline has passed (its instant is not after `now`). */
export function isPast(date: string, now: number): boolean {
  return deadlineInstant(date) <= now;
}
