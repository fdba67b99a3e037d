import type { Kysely, Migration } from 'kysely';

/**
 * Ask an expert: the experts' channel set in chat, the tickets, and the proactive sends they cause
 * (posting a ticket in the experts' channel, delivering an answer or a closure to the asker), claimed with
 * leases like reminder sends. What users type (question, note) lives only in `expert_tickets`; a ticket's
 * sends are deleted with it (foreign key, on delete cascade).
 */
export const expertTickets: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('expert_channel')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('expert_tickets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('question_key', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('bot_answer', 'text')
      .addColumn('asker_id', 'text', (c) => c.notNull())
      .addColumn('asker_name', 'text', (c) => c.notNull())
      .addColumn('asker_conversation_key', 'text', (c) => c.notNull())
      .addColumn('asker_reference', 'text', (c) => c.notNull())
      .addColumn('experts_conversation_id', 'text', (c) => c.notNull())
      .addColumn('experts_reference', 'text', (c) => c.notNull())
      .addColumn('experts_lang', 'text', (c) => c.notNull())
      .addColumn('ticket_message_id', 'text')
      .addColumn('assigned_to_id', 'text')
      .addColumn('assigned_to_name', 'text')
      .addColumn('answered_by_name', 'text')
      .addColumn('answer', 'text')
      .addColumn('closed_by_name', 'text')
      .addColumn('close_reason', 'text')
      .execute();
    await db.schema.createIndex('expert_tickets_updated_at').on('expert_tickets').column('updated_at').execute();
    await db.schema.createIndex('expert_tickets_status').on('expert_tickets').columns(['status', 'question_key']).execute();
    await db.schema
      .createTable('expert_sends')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('expert_tickets.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('conversation_key', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('sent_at', 'bigint')
      .addColumn('last_error', 'text')
      .execute();
    // One post per ticket, one delivery of its answer or closure: a replayed action cannot add another.
    await db.schema.createIndex('expert_sends_ticket_kind').unique().on('expert_sends').columns(['ticket_id', 'kind']).execute();
    await db.schema.createIndex('expert_sends_due').on('expert_sends').columns(['status', 'next_attempt_at']).execute();
  },
};
