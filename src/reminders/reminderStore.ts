import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { sql, type Kysely } from 'kysely';
import type { Deadline } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { DialectName } from '../storage/database';
import { LeasedSends } from '../storage/leasedSends';
import type { ReminderSendTable, SubscriptionTable, Tables } from '../storage/tables';
import { remindersAhead } from './schedule';

/** How long an unchanged conversation reference goes without being written again. */
const REWRITE_AFTER_MS = 10 * 60_000;

/** `*`: every dated end the knowledge base has, now and later. */
export const ALL_DEADLINES = '*';

export type Subscription = Omit<SubscriptionTable, 'lead_minutes'> & { leadMinutes: number[] };
export type ReminderSend = ReminderSendTable;

/** A conversation's key in the database: channel and conversation id. */
export function conversationKeyOf(reference: Partial<ConversationReference>): string {
  return `${reference.channelId ?? ''}:${reference.conversation?.id ?? ''}`;
}

function parseSubscription(row: SubscriptionTable): Subscription {
  const { lead_minutes: leadMinutes, ...rest } = row;
  return { ...rest, leadMinutes: JSON.parse(leadMinutes) as number[] };
}

/** Sorted, distinct, longest lead first. */
function normalizeLeads(leads: readonly number[]): number[] {
  return [...new Set(leads)].sort((a, b) => b - a);
}

type Db = Kysely<Tables>;

/** What a subscription request changed. */
export interface SubscribeResult {
  subscription: Subscription;
  /** The lead times the conversation had for this target before, when it had a subscription to it. */
  previousLeadMinutes?: number[];
  /** Dates that were taken out of an every-date subscription and are now back in it (`*` only). */
  restored: string[];
}

/**
 * Conversation references, subscriptions and scheduled sends, on SQLite or PostgreSQL.
 *
 * Scheduling is derived. A send is one message to one conversation about one date at one lead time
 * (unique), whichever subscriptions ask for it, so a conversation subscribed to every date and to one
 * date on the day gets one reminder on the day, and rescheduling can never double one. A send whose time
 * has passed while the bot was down stays pending and goes out late: only a date moved or removed in the
 * knowledge base, or the conversation's own cancellation, cancels a send.
 */
export class ReminderStore {
  /**
   * The reference this process last wrote per conversation, and when: an activity whose reference has not
   * changed within `REWRITE_AFTER_MS` (nearly every message) costs no write. The time bound covers another
   * replica having forgotten the conversation meanwhile; forgetting here clears the entry at once.
   */
  private readonly lastSaved = new Map<string, { json: string; at: number }>();

  private readonly sends: LeasedSends<ReminderSend>;

  constructor(
    private readonly db: Db,
    private readonly dialect: DialectName,
  ) {
    this.sends = new LeasedSends<ReminderSend>(db as never, dialect, 'reminder_sends', (r) => ({ ...r, due_at: Number(r.due_at) }));
  }

  /** Stores the latest reference of a conversation (called on every incoming activity; unchanged ones are skipped). */
  async saveReference(reference: Partial<ConversationReference>, now: number): Promise<void> {
    const key = conversationKeyOf(reference);
    // The id of the activity that carried it changes with every message and a reminder replies to none.
    const { activityId: _activityId, ...stable } = reference;
    const json = JSON.stringify(stable);
    const last = this.lastSaved.get(key);
    if (last && last.json === json && now - last.at < REWRITE_AFTER_MS) return;
    const row = { key, channel_id: reference.channelId ?? '', reference: json, updated_at: now };
    await this.db
      .insertInto('conversation_refs')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ reference: row.reference, updated_at: now }))
      .execute();
    if (this.lastSaved.size >= 10_000) this.lastSaved.clear();
    this.lastSaved.set(key, { json, at: now });
  }

  /** What a send needs: the conversation's reference and the language of its latest subscription, in one query. */
  async deliveryContext(send: ReminderSend): Promise<{ reference: Partial<ConversationReference>; lang: string } | undefined> {
    const row = await this.db
      .selectFrom('conversation_refs')
      .select([
        'reference',
        (eb) =>
          eb
            .selectFrom('subscriptions')
            .select('lang')
            .whereRef('subscriptions.conversation_key', '=', 'conversation_refs.key')
            .orderBy('created_at', 'desc')
            .limit(1)
            .as('lang'),
      ])
      .where('key', '=', send.conversation_key)
      .executeTakeFirst();
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
      await trx
        .deleteFrom('reminder_sends')
        .where('conversation_key', '=', conversationKey)
        .where('status', 'in', ['pending', 'sending'])
        .execute();
      await trx.deleteFrom('subscriptions').where('conversation_key', '=', conversationKey).execute();
      await trx.deleteFrom('conversation_refs').where('key', '=', conversationKey).execute();
    });
  }

  /**
   * Subscribes a conversation to a target (a deadline id or `*`) with lead times and schedules its sends.
   * Lead times add to those the conversation already had for the target, unless `replace`. Subscribing to
   * `*` brings back the dates that had been taken out of it.
   */
  async subscribe(
    input: { conversationKey: string; target: string; leadMinutes: number[]; lang: Lang; replace?: boolean },
    deadlines: readonly Deadline[],
    now: number,
  ): Promise<SubscribeResult> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('subscriptions')
        .selectAll()
        .where('conversation_key', '=', input.conversationKey)
        .where('target', '=', input.target)
        .executeTakeFirst();
      const previous =
        existing && existing.active === 1 && existing.excluded === 0 ? (JSON.parse(existing.lead_minutes) as number[]) : undefined;
      const leads = normalizeLeads(previous && !input.replace ? [...previous, ...input.leadMinutes] : input.leadMinutes);
      const row: SubscriptionTable = {
        id: randomUUID(),
        conversation_key: input.conversationKey,
        target: input.target,
        lead_minutes: JSON.stringify(leads),
        lang: input.lang,
        active: 1,
        excluded: 0,
        created_at: now,
        deactivated_reason: null,
      };
      await trx
        .insertInto('subscriptions')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['conversation_key', 'target']).doUpdateSet({
            lead_minutes: row.lead_minutes,
            lang: row.lang,
            active: 1,
            excluded: 0,
            deactivated_reason: null,
            created_at: now,
          }),
        )
        .execute();
      let restored: string[] = [];
      if (input.target === ALL_DEADLINES) {
        const exclusions = await trx
          .deleteFrom('subscriptions')
          .where('conversation_key', '=', input.conversationKey)
          .where('excluded', '=', 1)
          .returning('target')
          .execute();
        restored = exclusions.map((e) => e.target);
      }
      await this.scheduleConversation(trx, input.conversationKey, deadlines, now);
      const stored = await trx
        .selectFrom('subscriptions')
        .selectAll()
        .where('conversation_key', '=', input.conversationKey)
        .where('target', '=', input.target)
        .executeTakeFirstOrThrow();
      return { subscription: parseSubscription(stored), ...(previous ? { previousLeadMinutes: previous } : {}), restored };
    });
  }

  /**
   * A conversation's active subscriptions, each with its next pending send, and the dates taken out of its
   * every-date subscription.
   */
  async subscriptions(
    conversationKey: string,
  ): Promise<{ items: { subscription: Subscription; next?: ReminderSend }[]; excluded: string[] }> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('conversation_key', '=', conversationKey)
      .where('active', '=', 1)
      .orderBy('created_at')
      .execute();
    const pending = await this.db
      .selectFrom('reminder_sends')
      .selectAll()
      .where('conversation_key', '=', conversationKey)
      .where('status', 'in', ['pending', 'sending'])
      .orderBy('due_at')
      .execute();
    const excluded = rows.filter((r) => r.excluded === 1).map((r) => r.target);
    const specific = new Set(rows.filter((r) => r.excluded === 0 && r.target !== ALL_DEADLINES).map((r) => r.target));
    const items = rows
      .filter((r) => r.excluded === 0)
      .map((row) => {
        const subscription = parseSubscription(row);
        const leads = new Set(subscription.leadMinutes);
        // The first pending send this subscription asks for (a date subscribed to on its own counts as its own).
        const next = pending.find(
          (p) =>
            leads.has(Number(p.lead_minutes)) &&
            (row.target === ALL_DEADLINES
              ? !excluded.includes(p.deadline_id) && !specific.has(p.deadline_id)
              : p.deadline_id === row.target),
        );
        return { subscription, ...(next ? { next: { ...next, due_at: Number(next.due_at) } } : {}) };
      });
    return { items, excluded };
  }

  /**
   * Cancels a conversation's reminders: all of them, or those about the given deadlines. A date covered
   * by an every-date subscription is taken out of it. Returns how many dates or subscriptions were
   * cancelled (0: there was nothing to cancel).
   */
  async cancel(
    conversationKey: string,
    targets: readonly string[] | undefined,
    deadlines: readonly Deadline[],
    now: number,
  ): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('subscriptions')
        .selectAll()
        .where('conversation_key', '=', conversationKey)
        .where('active', '=', 1)
        .execute();
      let count = 0;
      if (!targets) {
        count = rows.filter((r) => r.excluded === 0).length;
        await trx.deleteFrom('subscriptions').where('conversation_key', '=', conversationKey).execute();
      } else {
        const all = rows.some((r) => r.target === ALL_DEADLINES && r.excluded === 0);
        for (const target of targets) {
          const row = rows.find((r) => r.target === target);
          if (all) {
            if (row?.excluded === 1) continue;
            count++;
            const exclusion: SubscriptionTable = {
              id: randomUUID(),
              conversation_key: conversationKey,
              target,
              lead_minutes: '[]',
              lang: rows[0]?.lang ?? 'en',
              active: 1,
              excluded: 1,
              created_at: now,
              deactivated_reason: null,
            };
            await trx
              .insertInto('subscriptions')
              .values(exclusion)
              .onConflict((oc) => oc.columns(['conversation_key', 'target']).doUpdateSet({ lead_minutes: '[]', excluded: 1, active: 1 }))
              .execute();
          } else if (row) {
            count++;
            await trx.deleteFrom('subscriptions').where('id', '=', row.id).execute();
          }
        }
      }
      if (count > 0) await this.scheduleConversation(trx, conversationKey, deadlines, now);
      return count;
    });
  }

  /**
   * Brings one conversation's sends in line with its subscriptions and the knowledge base's dates: the
   * lead times each date is wanted at are the union over the subscriptions covering it. Sends ahead are
   * inserted (or revived, if cancelled); pending sends nothing wants any more are cancelled, whatever
   * their time: a send already due stays pending and goes out late.
   */
  private async scheduleConversation(trx: Db, conversationKey: string, deadlines: readonly Deadline[], now: number): Promise<void> {
    const rows = await trx
      .selectFrom('subscriptions')
      .selectAll()
      .where('conversation_key', '=', conversationKey)
      .where('active', '=', 1)
      .execute();
    const excluded = new Set(rows.filter((r) => r.excluded === 1).map((r) => r.target));
    const subscriptions = rows.filter((r) => r.excluded === 0).map(parseSubscription);
    const wantedKeys = new Set<string>();
    const ahead: { deadline: Deadline; leadMinutes: number; dueAt: number; subscriptionId: string }[] = [];
    for (const deadline of deadlines) {
      const covering = subscriptions.filter((s) => s.target === deadline.id || (s.target === ALL_DEADLINES && !excluded.has(deadline.id)));
      if (covering.length === 0) continue;
      const leads = normalizeLeads(covering.flatMap((s) => s.leadMinutes));
      for (const lead of leads) wantedKeys.add(`${deadline.id}|${deadline.date}|${lead}`);
      for (const r of remindersAhead(deadline.date, leads, now)) {
        const by = covering.find((s) => s.leadMinutes.includes(r.leadMinutes)) as Subscription;
        ahead.push({ deadline, leadMinutes: r.leadMinutes, dueAt: r.dueAt, subscriptionId: by.id });
      }
    }
    const pending = await trx
      .selectFrom('reminder_sends')
      .select(['id', 'deadline_id', 'deadline_date', 'lead_minutes'])
      .where('conversation_key', '=', conversationKey)
      .where('status', '=', 'pending')
      .execute();
    const stale = pending.filter((p) => !wantedKeys.has(`${p.deadline_id}|${p.deadline_date}|${Number(p.lead_minutes)}`)).map((p) => p.id);
    if (stale.length > 0) await trx.updateTable('reminder_sends').set({ status: 'cancelled' }).where('id', 'in', stale).execute();
    for (const w of ahead) {
      await trx
        .insertInto('reminder_sends')
        .values({
          id: randomUUID(),
          subscription_id: w.subscriptionId,
          conversation_key: conversationKey,
          deadline_id: w.deadline.id,
          deadline_date: w.deadline.date,
          lead_minutes: w.leadMinutes,
          due_at: w.dueAt,
          status: 'pending',
          attempts: 0,
          next_attempt_at: w.dueAt,
          lease_owner: null,
          lease_until: null,
          sent_at: null,
          last_error: null,
        })
        .onConflict((oc) =>
          oc
            .columns(['conversation_key', 'deadline_id', 'deadline_date', 'lead_minutes'])
            .doUpdateSet({
              status: 'pending',
              attempts: 0,
              next_attempt_at: w.dueAt,
              due_at: w.dueAt,
              subscription_id: w.subscriptionId,
              last_error: null,
            })
            .where('reminder_sends.status', '=', 'cancelled'),
        )
        .execute();
    }
  }

  /**
   * Brings every active subscription's sends in line with the knowledge base's dates (at start-up), in a
   * few set-based statements whatever the number of subscriptions. The dates scheduled last time are
   * kept (`reminder_dates`), so a start works only on what changed:
   * 1. pending sends of a date that was moved or removed are cancelled (one statement);
   * 2. for a date that is new or moved, one `insert … select` per lead time still ahead and distinct set
   *    of lead times schedules a send for every conversation whose subscriptions cover it (cancelled
   *    sends of that date, from an earlier move, are replaced).
   * Sends whose time has passed stay pending: they go out late, never silently dropped.
   */
  async reschedule(deadlines: readonly Deadline[], now: number): Promise<{ added: number; cancelled: number }> {
    const current = deadlines.map((d) => `${d.id}|${d.date}`);
    const known = new Set((await this.db.selectFrom('reminder_dates').select('deadline_key').execute()).map((r) => r.deadline_key));
    const fresh = deadlines.filter((d) => !known.has(`${d.id}|${d.date}`));
    // Fresh statistics, so that PostgreSQL plans the anti-join as one (not a loop over a table it believes empty).
    if (fresh.length > 0 && this.dialect === 'postgres') await sql`analyze subscriptions, reminder_sends`.execute(this.db);
    return this.db.transaction().execute(async (trx) => {
      const cancelled = await trx
        .updateTable('reminder_sends')
        .set({ status: 'cancelled', last_error: 'the date was moved or removed in the knowledge base' })
        .where('status', '=', 'pending')
        .$if(current.length > 0, (q) => q.where(sql<string>`deadline_id || '|' || deadline_date`, 'not in', current))
        .executeTakeFirst();
      let added = 0;
      if (fresh.length > 0) {
        const leadSets = (
          await trx
            .selectFrom('subscriptions')
            .select('lead_minutes')
            .distinct()
            .where('active', '=', 1)
            .where('excluded', '=', 0)
            .execute()
        ).map((r) => r.lead_minutes);
        const newId = this.dialect === 'postgres' ? sql<string>`gen_random_uuid()::text` : sql<string>`lower(hex(randomblob(16)))`;
        for (const deadline of fresh) {
          await trx
            .deleteFrom('reminder_sends')
            .where('deadline_id', '=', deadline.id)
            .where('deadline_date', '=', deadline.date)
            .where('status', '=', 'cancelled')
            .execute();
          for (const leadSet of leadSets) {
            for (const r of remindersAhead(deadline.date, JSON.parse(leadSet) as number[], now)) {
              const result = await sql`
                insert into reminder_sends (id, subscription_id, conversation_key, deadline_id, deadline_date, lead_minutes, due_at,
                  status, attempts, next_attempt_at, lease_owner, lease_until, sent_at, last_error)
                select ${newId}, sid, conversation_key, ${deadline.id}, ${deadline.date}, ${r.leadMinutes}, ${r.dueAt}, 'pending', 0, ${r.dueAt}, null, null, null, null
                from (
                  select min(s.id) as sid, s.conversation_key from subscriptions s
                  where s.active = 1 and s.excluded = 0 and s.lead_minutes = ${leadSet}
                    and (s.target = ${deadline.id} or (s.target = ${ALL_DEADLINES} and not exists (
                      select 1 from subscriptions e where e.conversation_key = s.conversation_key and e.target = ${deadline.id} and e.excluded = 1)))
                  group by s.conversation_key
                ) covering
                where true
                on conflict (conversation_key, deadline_id, deadline_date, lead_minutes) do nothing`.execute(trx);
              added += Number(result.numAffectedRows ?? 0);
            }
          }
        }
      }
      // Replicas starting at once may both get here: each removes only the keys no longer current and
      // upserts the current ones, so neither trips on the other's rows (a duplicate key) nor deletes them.
      if (fresh.length > 0 || known.size !== current.length) {
        await trx
          .deleteFrom('reminder_dates')
          .$if(current.length > 0, (q) => q.where('deadline_key', 'not in', current))
          .execute();
        if (current.length > 0)
          await trx
            .insertInto('reminder_dates')
            .values(current.map((k) => ({ deadline_key: k, scheduled_at: now })))
            .onConflict((oc) => oc.column('deadline_key').doUpdateSet({ scheduled_at: now }))
            .execute();
      }
      return { added, cancelled: Number(cancelled.numUpdatedRows) };
    });
  }

  /** Claims due sends with a lease (see `LeasedSends`). */
  claimDue(owner: string, now: number, limit: number, leaseMs: number): Promise<ReminderSend[]> {
    return this.sends.claimDue(owner, now, limit, leaseMs);
  }

  markSent(id: string, owner: string, now: number): Promise<boolean> {
    return this.sends.markSent(id, owner, now);
  }

  markRetry(id: string, owner: string, nextAttemptAt: number, error: string): Promise<void> {
    return this.sends.markRetry(id, owner, nextAttemptAt, error);
  }

  markFailed(id: string, owner: string, error: string): Promise<void> {
    return this.sends.markFailed(id, owner, error);
  }

  /**
   * The bot was removed from or blocked in a conversation (403/404): its subscriptions are deactivated,
   * their pending sends cancelled and its reference dropped.
   */
  async deactivateConversation(conversationKey: string, reason: string): Promise<void> {
    this.lastSaved.delete(conversationKey);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('subscriptions')
        .set({ active: 0, deactivated_reason: reason })
        .where('conversation_key', '=', conversationKey)
        .execute();
      await trx
        .updateTable('reminder_sends')
        .set({ status: 'cancelled', last_error: reason, lease_owner: null, lease_until: null })
        .where('conversation_key', '=', conversationKey)
        .where('status', 'in', ['pending', 'sending'])
        .execute();
      await trx.deleteFrom('conversation_refs').where('key', '=', conversationKey).execute();
    });
  }

  /** Pending sends whose time has passed (due while no scheduler was running). */
  async overdueCount(now: number): Promise<number> {
    const row = await this.db
      .selectFrom('reminder_sends')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'sending'])
      .where('next_attempt_at', '<=', now)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Counts of sends by status (for tests, the benchmark and logs). */
  async sendCounts(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('reminder_sends')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
