import type { Kysely, Migration } from 'kysely';

/** Conversation references, reminder subscriptions and scheduled sends. */
export const reminders: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('conversation_refs')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conversation_key', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('lead_days', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('deactivated_reason', 'text')
      .execute();
    await db.schema
      .createIndex('subscriptions_conversation_target')
      .unique()
      .on('subscriptions')
      .columns(['conversation_key', 'target'])
      .execute();
    await db.schema
      .createTable('reminder_sends')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subscription_id', 'text', (c) => c.notNull())
      .addColumn('conversation_key', 'text', (c) => c.notNull())
      .addColumn('deadline_id', 'text', (c) => c.notNull())
      .addColumn('deadline_date', 'text', (c) => c.notNull())
      .addColumn('lead_days', 'integer', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('sent_at', 'bigint')
      .addColumn('last_error', 'text')
      .execute();
    // One send per subscription, deadline date and lead time: rescheduling can never double a reminder.
    await db.schema
      .createIndex('reminder_sends_unique')
      .unique()
      .on('reminder_sends')
      .columns(['subscription_id', 'deadline_id', 'deadline_date', 'lead_days'])
      .execute();
    await db.schema.createIndex('reminder_sends_due').on('reminder_sends').columns(['status', 'next_attempt_at']).execute();
  },
};
