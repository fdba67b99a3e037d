import type { Migration } from 'kysely';
import { initial } from './001_initial';
import { reminders } from './002_reminders';
import { reminderTimes } from './003_reminder_times';
import { expertTickets } from './004_expert_tickets';

/**
 * Every migration, by name. Kysely runs them in name order, so names start with a zero-padded number.
 * A migration that has run anywhere is never edited or renamed: the next change is the next number
 * (conversation references, reminder subscriptions and scheduled sends will be `002_…` onwards).
 * Write them with Kysely's schema builder and column types both dialects accept.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001_initial': initial,
  '002_reminders': reminders,
  '003_reminder_times': reminderTimes,
  '004_expert_tickets': expertTickets,
};
