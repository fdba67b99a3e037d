import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { sql, type Kysely } from 'kysely';
import type { Deadline } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { DialectName } from '../storage/database';
import type { ReminderSendTable, SubscriptionTable, Tables } from '../storage/tables';
import { remindersAhead } from './schedule';

/** How long an unchanged conversation reference goes without being written again. */
const REWRITE_AFTER_MS = 10 * 60_000;

/** `*`: every dated end the knowledge base has, now and later. */
export const ALL_DEADLINES = '*';

export type Subscription = Omit<SubscriptionTable, 'lead_days'> & { leadDays: number[] };
export type ReminderSend = ReminderSendTable;

/** A conversation's key in the database: channel and conversation id. */
export function conversationKeyOf(reference: Partial<ConversationReference>): string {
  return `${reference.channelId ?? ''}:${reference.conversation?.id ?? ''}`;
}

function parseSubscription(row: SubscriptionTable): Subscription {
  const { lead_days: leadDays, ...rest } = row;
  return { ...rest, leadDays: JSON.parse(leadDays) as number[] };
}

/**
 * Conversation references, subscriptions and scheduled sends, on SQLite or PostgreSQL. Scheduling is
 * derived: a subscription's sends are the (deadline, lead time) pairs still ahead, inserted once each (a
 * unique index), so rescheduling after a restart or a moved date never doubles a reminder.
 */
export class ReminderStore {
  /**
   * The reference this process last wrote per conversation, and when: an activity whose reference has not
   * changed within `REWRITE_AFTER_MS` (nearly every message) costs no write. The time bound covers another
   * replica having forgotten the conversation meanwhile; forgetting here clears the entry at once.
   */
  private readonly lastSaved = new Map<string, { json: string; at: number }>();

  constructor(private readonly db: Kysely<Tables>, private readonly dialect: DialectName) {}

  /** Stores the latest reference of a conversation (called on every incoming activity; unchanged ones are skipped). */
  async saveReference(reference: Partial<ConversationReference>, now: number): Promise<void> {
    const key = conversationKeyOf(reference);
    // The id of the activity that carried it changes with every message and a reminder replies to none.
    const { activityId: _activityId, ...stable } = reference;
    const json = JSON.stringify(stable);
    const last = this.lastSaved.get(key);
    if (last && last.json === json && now - last.at < REWRITE_AFTER_MS) return;
    const row = { key, channel_id: reference.channelId ?? '', reference: json, updated_at: now };
    await this.db.insertInto('conversation_refs').values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ reference: row.reference, updated_at: now }))
      .execute();
    if (this.lastSaved.size >= 10_000) this.lastSaved.clear();
    this.lastSaved.set(key, { json, at: now });
  }

  /** What a send needs: the conversation's reference and the subscriber's language, in one query. */
  async deliveryContext(send: ReminderSend): Promise<{ reference: Partial<ConversationReference>; lang: string } | undefined> {
    const row = await this.db.selectFrom('conversation_refs')
      .leftJoin('subscriptions', (join) => join.on('subscriptions.id', '=', send.subscription_id))
      .select(['conversation_refs.reference', 'subscriptions.lang'])
      .where('conversation_refs.key', '=', send.conversation_key).executeTakeFirst();
    return row ? { reference: JSON.parse(row.reference) as Partial<ConversationReference>, lang: row.lang ?? 'en' } : undefined;
  }

  async reference(conversationKey: string): Promise<Partial<ConversationReference> | undefined> {
    const row = await this.db.selectFrom('conversation_refs').select('reference').where('key', '=', conversationKey).executeTakeFirst();
    return row ? (JSON.parse(row.reference) as Partial<ConversationReference>) : undefined;
  }

  /** Forgets a conversation entirely: reference, subscriptions and their pending sends. */
  async forgetConversation(conversationKey: string): Promise<void> {
    this.lastSaved.delete(conversationKey);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('reminder_sends').where('conversation_key', '=', conversationKey).where('status', 'in', ['pending', 'sending']).execute();
      await trx.deleteFrom('subscriptions').where('conversation_key', '=', conversationKey).execute();
      await trx.deleteFrom('conversation_refs').where('key', '=', conversationKey).execute();
    });
  }

  /**
   * Subscribes a conversation to a target (a deadline id or `*`) with lead times, replacing the lead times
   * of an existing subscription to the same target, and schedules its sends. Returns the subscription.
   */
  async subscribe(input: { conversationKey: string; target: string; leadDays: number[]; lang: Lang }, deadlines: readonly Deadline[], now: number): Promise<Subscription> {
    const row: SubscriptionTable = {
      id: randomUUID(), conversation_key: input.conversationKey, target: input.target, lead_days: JSON.stringify(input.leadDays),
      lang: input.lang, active: 1, created_at: now, deactivated_reason: null,
    };
    await this.db.insertInto('subscriptions').values(row)
      .onConflict((oc) => oc.columns(['conversation_key', 'target']).doUpdateSet({ lead_days: row.lead_days, lang: row.lang, active: 1, deactivated_reason: null }))
      .execute();
    const stored = await this.db.selectFrom('subscriptions').selectAll()
      .where('conversation_key', '=', input.conversationKey).where('target', '=', input.target).executeTakeFirstOrThrow();
    const subscription = parseSubscription(stored);
    await this.schedule(subscription, deadlines, now);
    return subscription;
  }

  /** Active subscriptions of a conversation, each with its next pending send. */
  async subscriptions(conversationKey: string): Promise<{ subscription: Subscription; next?: ReminderSend }[]> {
    const rows = await this.db.selectFrom('subscriptions').selectAll().where('conversation_key', '=', conversationKey).where('active', '=', 1).orderBy('created_at').execute();
    const result: { subscription: Subscription; next?: ReminderSend }[] = [];
    for (const row of rows) {
      const next = await this.db.selectFrom('reminder_sends').selectAll().where('subscription_id', '=', row.id)
        .where('status', 'in', ['pending', 'sending']).orderBy('due_at').limit(1).executeTakeFirst();
      result.push({ subscription: parseSubscription(row), ...(next ? { next } : {}) });
    }
    return result;
  }

  /** Cancels a conversation's subscriptions (all, or those to the given targets); returns how many. */
  async cancel(conversationKey: string, targets?: readonly string[]): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      let query = trx.selectFrom('subscriptions').select('id').where('conversation_key', '=', conversationKey);
      if (targets) query = query.where('target', 'in', targets.length > 0 ? [...targets] : ['']);
      const ids = (await query.execute()).map((r) => r.id);
      if (ids.length === 0) return 0;
      await trx.updateTable('reminder_sends').set({ status: 'cancelled' }).where('subscription_id', 'in', ids).where('status', '=', 'pending').execute();
      await trx.deleteFrom('subscriptions').where('id', 'in', ids).execute();
      return ids.length;
    });
  }

  /**
   * Brings every active subscription's sends in line with the knowledge base's current dates (at start-up):
   * new deadlines are scheduled for `*` subscriptions, a moved date cancels the old sends and schedules the
   * new ones, a removed deadline's sends are cancelled. Returns how many sends were added and cancelled.
   */
  async reschedule(deadlines: readonly Deadline[], now: number): Promise<{ added: number; cancelled: number }> {
    const rows = await this.db.selectFrom('subscriptions').selectAll().where('active', '=', 1).execute();
    let added = 0;
    let cancelled = 0;
    for (const row of rows) {
      const r = await this.schedule(parseSubscription(row), deadlines, now);
      added += r.added;
      cancelled += r.cancelled;
    }
    return { added, cancelled };
  }

  private async schedule(subscription: Subscription, deadlines: readonly Deadline[], now: number): Promise<{ added: number; cancelled: number }> {
    const covered = deadlines.filter((d) => subscription.target === ALL_DEADLINES || d.id === subscription.target);
    const wanted = covered.flatMap((d) => remindersAhead(d.date, subscription.leadDays, now).map((r) => ({ deadline: d, ...r })));
    const wantedKeys = new Set(wanted.map((w) => `${w.deadline.id}|${w.deadline.date}|${w.leadDays}`));
    const pending = await this.db.selectFrom('reminder_sends').select(['id', 'deadline_id', 'deadline_date', 'lead_days'])
      .where('subscription_id', '=', subscription.id).where('status', '=', 'pending').execute();
    const stale = pending.filter((p) => !wantedKeys.has(`${p.deadline_id}|${p.deadline_date}|${p.lead_days}`)).map((p) => p.id);
    if (stale.length > 0) await this.db.updateTable('reminder_sends').set({ status: 'cancelled' }).where('id', 'in', stale).execute();
    let added = 0;
    for (const w of wanted) {
      const result = await this.db.insertInto('reminder_sends').values({
        id: randomUUID(), subscription_id: subscription.id, conversation_key: subscription.conversation_key,
        deadline_id: w.deadline.id, deadline_date: w.deadline.date, lead_days: w.leadDays, due_at: w.dueAt,
        status: 'pending', attempts: 0, next_attempt_at: w.dueAt, lease_owner: null, lease_until: null, sent_at: null, last_error: null,
      }).onConflict((oc) => oc.columns(['subscription_id', 'deadline_id', 'deadline_date', 'lead_days']).doNothing()).executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return { added, cancelled: stale.length };
  }

  /**
   * Claims up to `limit` due sends for `owner` until `now + leaseMs`: pending sends whose time has come,
   * and sends whose holder's lease expired (a crashed replica). One statement; on PostgreSQL the rows are
   * locked `FOR UPDATE SKIP LOCKED`, so replicas claiming together never get the same send.
   */
  async claimDue(owner: string, now: number, limit: number, leaseMs: number): Promise<ReminderSend[]> {
    const lock = this.dialect === 'postgres' ? sql` for update skip locked` : sql``;
    const result = await sql<ReminderSend>`
      update reminder_sends set status = 'sending', lease_owner = ${owner}, lease_until = ${now + leaseMs}
      where id in (
        select id from reminder_sends
        where (status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and lease_until < ${now})
        order by next_attempt_at limit ${limit}${lock}
      )
      returning *`.execute(this.db);
    return result.rows.map((r) => ({ ...r, due_at: Number(r.due_at), next_attempt_at: Number(r.next_attempt_at), lease_until: r.lease_until === null ? null : Number(r.lease_until) }));
  }

  /** Records a send as delivered (only by the holder of its lease, which stays recorded as the sender). */
  async markSent(id: string, owner: string, now: number): Promise<boolean> {
    const r = await this.db.updateTable('reminder_sends').set({ status: 'sent', sent_at: now, lease_until: null })
      .where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'sending').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Puts a send back to wait until `nextAttemptAt` after a failed attempt. */
  async markRetry(id: string, owner: string, nextAttemptAt: number, error: string): Promise<void> {
    await this.db.updateTable('reminder_sends')
      .set((eb) => ({ status: 'pending', attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt, lease_owner: null, lease_until: null, last_error: error }))
      .where('id', '=', id).where('lease_owner', '=', owner).execute();
  }

  /** Gives a send up after its last attempt. */
  async markFailed(id: string, owner: string, error: string): Promise<void> {
    await this.db.updateTable('reminder_sends')
      .set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), lease_owner: null, lease_until: null, last_error: error }))
      .where('id', '=', id).where('lease_owner', '=', owner).execute();
  }

  /**
   * The bot was removed from or blocked in a conversation (403/404): its subscriptions are deactivated,
   * their pending sends cancelled and its reference dropped.
   */
  async deactivateConversation(conversationKey: string, reason: string): Promise<void> {
    this.lastSaved.delete(conversationKey);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('subscriptions').set({ active: 0, deactivated_reason: reason }).where('conversation_key', '=', conversationKey).execute();
      await trx.updateTable('reminder_sends').set({ status: 'cancelled', last_error: reason, lease_owner: null, lease_until: null })
        .where('conversation_key', '=', conversationKey).where('status', 'in', ['pending', 'sending']).execute();
      await trx.deleteFrom('conversation_refs').where('key', '=', conversationKey).execute();
    });
  }

  /** Counts of sends by status (for tests, the benchmark and logs). */
  async sendCounts(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('reminder_sends').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
