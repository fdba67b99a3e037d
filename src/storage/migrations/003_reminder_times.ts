import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Reminders keyed by what the user receives, with lead times in minutes.
 *
 * - Lead times become minutes (`lead_minutes`), so that "2 hours before" can be kept as asked; the day
 *   counts written by `002` are converted (× 1440).
 * - A send is one message to one conversation about one date at one lead time, however many
 *   subscriptions lead to it (every date + one date on the day used to send two identical reminders):
 *   the unique key moves from the subscription to the conversation. Duplicates already stored are
 *   merged, keeping the most advanced one (sent, sending, pending, failed, cancelled).
 * - `reminder_dates`: the dates start-up rescheduling last brought the sends in line with.
 * - `subscriptions.excluded`: a row that takes one date out of an every-date subscription ("cancel the
 *   Yahoo reminder" while subscribed to all dates).
 */
export const reminderTimes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('subscriptions')
      .addColumn('lead_minutes', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .alterTable('subscriptions')
      .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    const subscriptions = await sql<{ id: string; lead_days: string }>`select id, lead_days from subscriptions`.execute(db);
    for (const row of subscriptions.rows) {
      const minutes = (JSON.parse(row.lead_days) as number[]).map((d) => d * 1440);
      await sql`update subscriptions set lead_minutes = ${JSON.stringify(minutes)} where id = ${row.id}`.execute(db);
    }
    await db.schema.alterTable('subscriptions').dropColumn('lead_days').execute();

    await db.schema.dropIndex('reminder_sends_unique').execute();
    await db.schema
      .alterTable('reminder_sends')
      .addColumn('lead_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update reminder_sends set lead_minutes = lead_days * 1440`.execute(db);
    await db.schema.alterTable('reminder_sends').dropColumn('lead_days').execute();
    await sql`
      delete from reminder_sends where id in (
        select id from (
          select id, row_number() over (
            partition by conversation_key, deadline_id, deadline_date, lead_minutes
            order by case status when 'sent' then 0 when 'sending' then 1 when 'pending' then 2 when 'failed' then 3 else 4 end, id
          ) as rank from reminder_sends
        ) ranked where rank > 1
      )`.execute(db);
    // One message per conversation, date and send time.
    await db.schema
      .createIndex('reminder_sends_unique_send')
      .unique()
      .on('reminder_sends')
      .columns(['conversation_key', 'deadline_id', 'deadline_date', 'lead_minutes'])
      .execute();
    await db.schema.createIndex('subscriptions_target').on('subscriptions').columns(['target', 'active']).execute();
    // The knowledge base's dates as last scheduled (`<deadline id>|<date>`): a start compares them with
    // the current ones and works only on what was added, moved or removed.
    await db.schema
      .createTable('reminder_dates')
      .addColumn('deadline_key', 'text', (c) => c.primaryKey())
      .addColumn('scheduled_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
