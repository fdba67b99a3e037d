/**
 * Start-up rescheduling at scale: 100,000 subscriptions (half to every date, half to one date; two sets
 * of lead times) with their sends already scheduled, then the three things a start can find:
 * nothing changed, a date moved, a date added. Timed on SQLite and on PostgreSQL (an embedded server
 * started for the run, fsync off: disk speed is not what is measured).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReminderStore } from '../../src/reminders/reminderStore';
import { openDatabase, type Database } from '../../src/storage/database';
import { startPostgres } from '../../test/helpers/postgres';
import { testDeadline } from '../../test/helpers/reminderFixtures';

const DAY = 1440;

async function seed(database: Database, count: number, now: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    conversation_key: `msteams:c${i}`,
    target: i % 2 ? '*' : 'eol:x',
    lead_minutes: i % 3 ? '[0]' : `[${30 * DAY},${7 * DAY},${DAY},0]`,
    lang: 'en',
    active: 1,
    excluded: 0,
    created_at: now,
    deactivated_reason: null,
  }));
  for (let i = 0; i < rows.length; i += 1000)
    await database.db
      .insertInto('subscriptions')
      .values(rows.slice(i, i + 1000))
      .execute();
}

async function timed(label: string, run: () => Promise<{ added: number; cancelled: number }>): Promise<number> {
  const started = performance.now();
  const r = await run();
  const ms = performance.now() - started;
  console.log(`    ${label}: ${(ms / 1000).toFixed(2)} s (added ${r.added}, cancelled ${r.cancelled})`);
  return ms;
}

/** Runs the cases on one database; returns the time of a restart with unchanged dates (the target), in ms. */
async function runOn(name: string, url: string, count: number): Promise<number> {
  const database = await openDatabase(url);
  try {
    const store = new ReminderStore(database.db, database.dialect);
    const now = Date.now();
    const at = (days: number): string => new Date(now + days * 86_400_000).toISOString().slice(0, 10);
    await seed(database, count, now);
    console.log(`  ${name}, ${count.toLocaleString('en')} subscriptions`);
    const x = testDeadline('eol:x', at(60));
    await timed('first start (schedules every send)', () => store.reschedule([x], now));
    const restart = await timed('restart, same dates', () => store.reschedule([x], now));
    await timed('restart, a date moved (its sends cancelled and scheduled anew)', () =>
      store.reschedule([testDeadline('eol:x', at(90))], now),
    );
    await timed('restart, a date added (scheduled for every-date subscriptions)', () =>
      store.reschedule([testDeadline('eol:x', at(90)), testDeadline('eol:y', at(120))], now),
    );
    return restart;
  } finally {
    await database.close();
  }
}

/** Prints the figures; returns whether every restart case stayed under the target. */
export async function benchReschedule(count = 100_000, targetMs = 2000): Promise<boolean> {
  console.log(
    `start-up rescheduling (target: a restart under ${targetMs / 1000} s; a moved or added date costs in proportion to its sends, while the bot already answers)`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'lync-bench-reschedule-'));
  const postgres = await startPostgres();
  try {
    const sqliteMs = await runOn('SQLite', `sqlite:${join(dir, 'bench.sqlite')}`, count);
    const pgMs = await runOn('PostgreSQL', await postgres.createDatabase(), count);
    const met = sqliteMs < targetMs && pgMs < targetMs;
    console.log(
      `  → restart with ${count.toLocaleString('en')} subscriptions: SQLite ${(sqliteMs / 1000).toFixed(2)} s, PostgreSQL ${(pgMs / 1000).toFixed(2)} s: ${met ? 'met' : 'NOT met'}`,
    );
    return met;
  } finally {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module)
  void benchReschedule(Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000)).then((met) => {
    if (!met) process.exitCode = 1;
  });
