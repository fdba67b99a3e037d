import { strict as assert } from 'node:assert';
import { sql } from 'kysely';
import { ReminderStore } from '../../src/reminders/reminderStore';
import { MIGRATIONS } from '../../src/storage/migrations';
import { migrate } from '../../src/storage/migrate';
import { openDatabase, type Database } from '../../src/storage/database';
import { DIALECTS, freshDatabaseUrl } from '../storage/testDatabases';
import { testDeadline } from '../helpers/reminderFixtures';

const T0 = Date.parse('2026-11-21T08:00:00Z');
const DAY = 1440;
const at = (days: number): string => new Date(T0 + days * 86_400_000).toISOString().slice(0, 10);
const deadline = testDeadline;

for (const dialect of DIALECTS) {
  describe(`ReminderStore scheduling (${dialect})`, function () {
    this.timeout(60_000);
    let database: Database;
    let store: ReminderStore;
    beforeEach(async () => {
      database = await openDatabase(await freshDatabaseUrl(dialect));
      store = new ReminderStore(database.db, database.dialect);
    });
    afterEach(async () => {
      await database.close();
    });

    const pending = async (conversation = 'msteams:a'): Promise<string[]> =>
      (
        await database.db
          .selectFrom('reminder_sends')
          .select(['deadline_id', 'lead_minutes'])
          .where('conversation_key', '=', conversation)
          .where('status', '=', 'pending')
          .execute()
      )
        .map((r) => `${r.deadline_id}-${Number(r.lead_minutes) / DAY}d`)
        .sort();

    it('keeps a send whose time passed while the bot was down: rescheduling never cancels it for its time', async () => {
      const x = deadline('eol:x', at(10));
      await store.subscribe({ conversationKey: 'msteams:a', target: 'eol:x', leadMinutes: [7 * DAY, 0], lang: 'en' }, [x], T0);
      // The bot restarts four days later: the 7-days-before send fell due on day 3, while it was down.
      assert.deepEqual(await store.reschedule([x], T0 + 4 * 86_400_000), { added: 0, cancelled: 0 });
      assert.deepEqual(await pending(), ['eol:x-0d', 'eol:x-7d']);
      const claimed = await store.claimDue('me', T0 + 4 * 86_400_000, 10, 60_000);
      assert.deepEqual(
        claimed.map((c) => c.lead_minutes),
        [7 * DAY],
        'the overdue send is due now',
      );
      assert.equal(await store.markSent(claimed[0]?.id ?? '', 'me', T0 + 4 * 86_400_000), true);
      // Also after the date itself: the on-the-day send goes out late, not never.
      assert.deepEqual(await store.reschedule([x], T0 + 20 * 86_400_000), { added: 0, cancelled: 0 });
      assert.deepEqual(
        (await store.claimDue('me', T0 + 20 * 86_400_000, 10, 60_000)).map((c) => c.lead_minutes),
        [0],
      );
    });

    it('cancels only the sends of a date that was moved or removed, and revives them when it moves back', async () => {
      const x = deadline('eol:x', at(30));
      await store.subscribe({ conversationKey: 'msteams:a', target: '*', leadMinutes: [7 * DAY, 0], lang: 'en' }, [x], T0);
      const moved = deadline('eol:x', at(40));
      assert.deepEqual(await store.reschedule([moved, deadline('eol:y', at(20))], T0), { added: 4, cancelled: 2 });
      assert.deepEqual(await store.reschedule([moved, deadline('eol:y', at(20))], T0), { added: 0, cancelled: 0 }, 'idempotent');
      assert.deepEqual(await store.reschedule([x], T0), { added: 2, cancelled: 4 }, 'back to the first date: its sends revived');
      assert.deepEqual(await pending(), ['eol:x-0d', 'eol:x-7d']);
      assert.equal(
        (await database.db.selectFrom('reminder_sends').select('id').where('deadline_date', '=', at(30)).execute()).length,
        2,
        'revived, not doubled',
      );
    });

    it('sends one reminder per conversation, date and time, however many subscriptions ask for it', async () => {
      const x = deadline('eol:x', at(10));
      await store.subscribe({ conversationKey: 'msteams:a', target: '*', leadMinutes: [7 * DAY, 0], lang: 'en' }, [x], T0);
      await store.subscribe({ conversationKey: 'msteams:a', target: 'eol:x', leadMinutes: [0, 60], lang: 'en' }, [x], T0);
      const sends = await database.db.selectFrom('reminder_sends').select(['lead_minutes']).where('status', '=', 'pending').execute();
      assert.deepEqual(
        sends.map((s) => Number(s.lead_minutes)).sort((a, b) => a - b),
        [0, 60, 7 * DAY],
      );
      assert.deepEqual(await store.reschedule([x], T0), { added: 0, cancelled: 0 }, 'start-up adds no second one');
    });

    it('takes one date out of an every-date subscription, keeps the others, and brings it back on "all"', async () => {
      const dates = [deadline('eol:x', at(10)), deadline('eol:y', at(20))];
      await store.subscribe({ conversationKey: 'msteams:a', target: '*', leadMinutes: [0], lang: 'en' }, dates, T0);
      assert.equal(await store.cancel('msteams:a', ['eol:x'], dates, T0), 1);
      assert.deepEqual(await pending(), ['eol:y-0d']);
      assert.deepEqual((await store.subscriptions('msteams:a')).excluded, ['eol:x']);
      assert.deepEqual(await store.reschedule(dates, T0), { added: 0, cancelled: 0 }, 'start-up respects the exception');
      assert.equal(await store.cancel('msteams:a', ['eol:x'], dates, T0), 0, 'already out');
      const again = await store.subscribe({ conversationKey: 'msteams:a', target: '*', leadMinutes: [0], lang: 'en' }, dates, T0);
      assert.deepEqual(again.restored, ['eol:x']);
      assert.deepEqual(await pending(), ['eol:x-0d', 'eol:y-0d']);
    });

    it('adds lead times to an existing subscription, or replaces them when asked', async () => {
      const x = deadline('eol:x', at(10));
      await store.subscribe({ conversationKey: 'msteams:a', target: 'eol:x', leadMinutes: [7 * DAY], lang: 'en' }, [x], T0);
      const added = await store.subscribe({ conversationKey: 'msteams:a', target: 'eol:x', leadMinutes: [0], lang: 'en' }, [x], T0);
      assert.deepEqual(added.previousLeadMinutes, [7 * DAY]);
      assert.deepEqual(added.subscription.leadMinutes, [7 * DAY, 0]);
      assert.deepEqual(await pending(), ['eol:x-0d', 'eol:x-7d']);
      const replaced = await store.subscribe(
        { conversationKey: 'msteams:a', target: 'eol:x', leadMinutes: [0], lang: 'en', replace: true },
        [x],
        T0,
      );
      assert.deepEqual(replaced.subscription.leadMinutes, [0]);
      assert.deepEqual(await pending(), ['eol:x-0d']);
    });

    it('reschedules in a number of statements that does not grow with the subscriptions, and skips dates already scheduled', async () => {
      const statements = async (count: number): Promise<{ first: number; again: number; added: number }> => {
        await database.db.deleteFrom('subscriptions').execute();
        await database.db.deleteFrom('reminder_sends').execute();
        await database.db.deleteFrom('reminder_dates').execute();
        const rows = Array.from({ length: count }, (_, i) => ({
          id: `s${i}`,
          conversation_key: `msteams:c${i}`,
          target: i % 2 ? '*' : 'eol:x',
          lead_minutes: i % 3 ? '[0]' : `[${7 * DAY},0]`,
          lang: 'en',
          active: 1,
          excluded: 0,
          created_at: T0,
          deactivated_reason: null,
        }));
        for (let i = 0; i < rows.length; i += 500)
          await database.db
            .insertInto('subscriptions')
            .values(rows.slice(i, i + 500))
            .execute();
        let n = 0;
        const counting = database.db.withPlugin({
          transformQuery: (a) => {
            n++;
            return a.node;
          },
          transformResult: async (a) => a.result,
        });
        const store2 = new ReminderStore(counting, database.dialect);
        const r = await store2.reschedule([deadline('eol:x', at(10))], T0);
        const first = n;
        n = 0;
        assert.deepEqual(await store2.reschedule([deadline('eol:x', at(10))], T0), { added: 0, cancelled: 0 });
        return { first, again: n, added: r.added };
      };
      const small = await statements(300);
      const large = await statements(3000);
      assert.equal(small.added, 300 + 100);
      assert.equal(large.added, 3000 + 1000);
      assert.equal(large.first, small.first, 'same statements for 10 times the subscriptions');
      assert.ok(large.again < large.first, `a restart with the same dates does less (${large.again} < ${large.first})`);
    });
  });

  describe(`migration 003 on a database written by 002 (${dialect})`, function () {
    this.timeout(60_000);
    it('converts lead days to minutes and merges sends that two subscriptions held for one message', async () => {
      const database = await openDatabase(await freshDatabaseUrl(dialect), { migrate: false });
      try {
        await migrate(database.db, database.dialect, {
          '001_initial': MIGRATIONS['001_initial'] as never,
          '002_reminders': MIGRATIONS['002_reminders'] as never,
        });
        // biome-ignore lint/suspicious/noExplicitAny: the 002 shape
        const db = database.db as never as import('kysely').Kysely<any>;
        await db
          .insertInto('subscriptions')
          .values([
            {
              id: 's1',
              conversation_key: 'msteams:a',
              target: '*',
              lead_days: '[7,0]',
              lang: 'fr',
              active: 1,
              created_at: T0,
              deactivated_reason: null,
            },
            {
              id: 's2',
              conversation_key: 'msteams:a',
              target: 'eol:x',
              lead_days: '[0]',
              lang: 'fr',
              active: 1,
              created_at: T0,
              deactivated_reason: null,
            },
          ])
          .execute();
        const send = (id: string, sub: string, lead: number, status: string) => ({
          id,
          subscription_id: sub,
          conversation_key: 'msteams:a',
          deadline_id: 'eol:x',
          deadline_date: at(10),
          lead_days: lead,
          due_at: T0,
          status,
          attempts: 0,
          next_attempt_at: T0,
          lease_owner: null,
          lease_until: null,
          sent_at: null,
          last_error: null,
        });
        await db
          .insertInto('reminder_sends')
          .values([send('a', 's1', 7, 'pending'), send('b', 's1', 0, 'pending'), send('c', 's2', 0, 'sent')])
          .execute();
        await migrate(database.db, database.dialect);
        const subs = await database.db.selectFrom('subscriptions').select(['id', 'lead_minutes', 'excluded']).orderBy('id').execute();
        assert.deepEqual(subs, [
          { id: 's1', lead_minutes: `[${7 * DAY},0]`, excluded: 0 },
          { id: 's2', lead_minutes: '[0]', excluded: 0 },
        ]);
        const sends = await database.db.selectFrom('reminder_sends').select(['id', 'lead_minutes', 'status']).orderBy('id').execute();
        assert.deepEqual(
          sends.map((s) => [s.id, Number(s.lead_minutes), s.status]),
          [
            ['a', 7 * DAY, 'pending'],
            ['c', 0, 'sent'],
          ],
          'the sent one kept',
        );
        await assert.rejects(
          sql`insert into reminder_sends (id, subscription_id, conversation_key, deadline_id, deadline_date, lead_minutes, due_at, status, attempts, next_attempt_at)
          values ('d', 's2', 'msteams:a', 'eol:x', ${at(10)}, 0, 0, 'pending', 0, 0)`.execute(database.db),
          'unique per conversation, date and time',
        );
      } finally {
        await database.close();
      }
    });
  });
}
