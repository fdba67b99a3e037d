import { sql, type Kysely, type Migration } from 'kysely';

/**
 * State, feedback and unanswered questions. Column types are ones both SQLite and PostgreSQL accept
 * with the same meaning (`bigint` has INTEGER affinity in SQLite, `double precision` REAL).
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('bot_state')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('bot_state_updated_at').on('bot_state').column('updated_at').execute();

    await db.schema
      .createTable('feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('question', 'text')
      .addColumn('question_key', 'text')
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('intent', 'text')
      .addColumn('confidence', 'double precision')
      .addColumn('answer_kind', 'text')
      .addColumn('helpful', 'integer', (c) => c.notNull().check(sql`helpful in (0, 1)`))
      .execute();
    await db.schema.createIndex('feedback_at').on('feedback').column('at').execute();

    await db.schema
      .createTable('unanswered')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('question_key', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('intent', 'text', (c) => c.notNull())
      .addColumn('confidence', 'double precision', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('unanswered_at').on('unanswered').column('at').execute();
    await db.schema.createIndex('unanswered_question_key').on('unanswered').column('question_key').execute();
  },
};
