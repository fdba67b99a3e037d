import { strict as assert } from 'node:assert';
import type { ConversationReference, TurnContext } from 'botbuilder';
import pino from 'pino';
import sinon from 'sinon';
import { ReminderScheduler, type SchedulerOptions } from '../../src/reminders/scheduler';
import { ReminderStore, type ReminderSend } from '../../src/reminders/reminderStore';
import { createReminders } from '../../src/reminders/reminders';
import { parseConfig } from '../../src/config';
import { openDatabase, type Database } from '../../src/storage/database';
import { realKnowledge } from '../helpers/knowledge';
import { testDeadline } from '../helpers/reminderFixtures';

const T0 = Date.parse('2026-11-21T08:00:00Z');
const deadline = testDeadline;
const reference = (conversation: string): Partial<ConversationReference> => ({
  channelId: 'msteams',
  serviceUrl: 'https://smba.example/',
  conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' },
  bot: { id: 'bot', name: 'bot' },
  user: { id: 'u', name: 'u' },
});
const http = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { statusCode: status, response: { status, headers } });
const silent = pino({ level: 'silent' });
const OPTIONS: SchedulerOptions = {
  pollMs: 100,
  batchSize: 10,
  leaseMs: 60_000,
  concurrency: 4,
  perConversationMs: 1000,
  globalPerSecond: 0,
  retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000, random: () => 1 },
};

describe('ReminderScheduler (fake timers, stubbed sender)', () => {
  const sandbox = sinon.createSandbox();
  let clock: sinon.SinonFakeTimers;
  let database: Database;
  let store: ReminderStore;

  beforeEach(async () => {
    database = await openDatabase('sqlite::memory:');
    store = new ReminderStore(database.db, database.dialect);
    clock = sandbox.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldClearNativeTimers: true });
  });
  afterEach(async () => {
    sandbox.restore();
    await database.close();
  });

  /** Subscribes conversations to deadlines due (on the day) at T0 + offset seconds. */
  async function due(conversations: string[], offsetsSeconds: number[]): Promise<void> {
    const deadlines = offsetsSeconds.map((s, i) => deadline(`eol:d${i}`, new Date(T0 + s * 1000).toISOString()));
    for (const c of conversations) {
      await store.saveReference(reference(c), T0);
      await store.subscribe({ conversationKey: `msteams:${c}`, target: '*', leadMinutes: [0], lang: 'en' }, deadlines, T0 - 1);
    }
  }

  it('delivers due sends once, at most one per second per conversation', async () => {
    await due(['a', 'b'], [0, 0, 0]);
    const sentAt: Record<string, number[]> = { a: [], b: [] };
    const scheduler = new ReminderScheduler(
      store,
      async (ref) => {
        sentAt[ref.conversation?.id ?? '']?.push(Date.now());
      },
      silent,
      OPTIONS,
      () => Date.now(),
    );
    scheduler.start();
    await clock.tickAsync(5000);
    await scheduler.stop();
    assert.equal(sentAt.a?.length, 3);
    assert.equal(sentAt.b?.length, 3);
    for (const times of Object.values(sentAt))
      for (let i = 1; i < times.length; i++)
        assert.ok((times[i] as number) - (times[i - 1] as number) >= 1000, `paced: ${times.join(', ')}`);
    assert.deepEqual(await store.sendCounts(), { sent: 6 });
  });

  it('retries a 429 no sooner than Retry-After, then delivers', async () => {
    await due(['a'], [0]);
    const attempts: number[] = [];
    const sender = sinon
      .stub<[Partial<ConversationReference>, ReminderSend], Promise<void>>()
      .onFirstCall()
      .callsFake(async () => {
        attempts.push(Date.now());
        throw http(429, { 'retry-after': '5' });
      })
      .onSecondCall()
      .callsFake(async () => {
        attempts.push(Date.now());
      });
    const outcomes: string[] = [];
    const scheduler = new ReminderScheduler(store, sender, silent, { ...OPTIONS, onOutcome: (o) => outcomes.push(o) }, () => Date.now());
    scheduler.start();
    await clock.tickAsync(10_000);
    await scheduler.stop();
    assert.deepEqual(outcomes, ['retry', 'sent'], 'each outcome is reported (metrics)');
    assert.equal(attempts.length, 2);
    assert.ok((attempts[1] as number) - (attempts[0] as number) >= 5000, 'waited for Retry-After');
    assert.deepEqual(await store.sendCounts(), { sent: 1 });
  });

  it('deactivates the conversation and drops its reference on 403 or 404', async () => {
    await due(['gone'], [0, 3600]);
    const outcomes: string[] = [];
    const scheduler = new ReminderScheduler(
      store,
      async () => {
        throw http(403);
      },
      silent,
      { ...OPTIONS, onOutcome: (o) => outcomes.push(o) },
      () => Date.now(),
    );
    scheduler.start();
    await clock.tickAsync(2000);
    await scheduler.stop();
    assert.deepEqual(outcomes, ['deactivated']);
    assert.equal(await store.reference('msteams:gone'), undefined);
    assert.deepEqual(await store.sendCounts(), { cancelled: 2 });
    assert.deepEqual((await store.subscriptions('msteams:gone')).items, [], 'no active subscription');
  });

  it('gives up after the bounded number of attempts and marks the send failed', async () => {
    await due(['a'], [0]);
    const sender = sinon.stub().rejects(http(500));
    const outcomes: string[] = [];
    const scheduler = new ReminderScheduler(store, sender, silent, { ...OPTIONS, onOutcome: (o) => outcomes.push(o) }, () => Date.now());
    assert.equal(scheduler.isRunning(), false);
    scheduler.start();
    assert.equal(scheduler.isRunning(), true);
    await clock.tickAsync(30_000);
    await scheduler.stop();
    assert.equal(scheduler.isRunning(), false);
    assert.deepEqual(outcomes, ['retry', 'retry', 'failed']);
    assert.equal(sender.callCount, 3);
    assert.deepEqual(await store.sendCounts(), { failed: 1 });
  });

  it('takes over a send whose holder crashed once its lease has expired', async () => {
    await due(['a'], [0]);
    const [claimed] = await store.claimDue('crashed-replica', T0, 10, 60_000);
    assert.ok(claimed);
    const sender = sinon.stub().resolves();
    const scheduler = new ReminderScheduler(store, sender, silent, OPTIONS, () => Date.now());
    scheduler.start();
    await clock.tickAsync(30_000);
    assert.equal(sender.callCount, 0, 'not while the lease holds');
    await clock.tickAsync(31_000);
    await scheduler.stop();
    assert.equal(sender.callCount, 1);
    assert.deepEqual(await store.sendCounts(), { sent: 1 });
  });

  it('lets the sends in flight finish on stop, and claims nothing after', async () => {
    await due(['a', 'b'], [0]);
    const sender = sinon.stub().callsFake(() => new Promise<void>((r) => setTimeout(r, 500)));
    const scheduler = new ReminderScheduler(store, sender, silent, OPTIONS, () => Date.now());
    scheduler.start();
    await clock.tickAsync(100);
    const stopping = scheduler.stop();
    await clock.tickAsync(1000);
    await stopping;
    assert.deepEqual(await store.sendCounts(), { sent: 2 });
  });

  it("sends through adapter.continueConversationAsync with the reminder card, in the subscriber's language", async () => {
    const kb = realKnowledge();
    const reminders = createReminders({
      database,
      kb,
      config: parseConfig({ REMINDER_POLL_MS: '100' }),
      logger: silent,
      now: () => new Date(),
    });
    await store.saveReference(reference('fr-conv'), T0);
    const future = deadline('eol:x', new Date(T0 + 1000).toISOString());
    await store.subscribe({ conversationKey: 'msteams:fr-conv', target: 'eol:x', leadMinutes: [0], lang: 'fr' }, [future], T0);
    sandbox.stub(kb, 'deadlines').returns([{ ...future, name: 'Passerelle X' }]);
    const sent: Record<string, unknown>[] = [];
    const adapter = {
      continueConversationAsync: sinon.stub().callsFake(async (_appId: string, _ref: unknown, logic: (c: TurnContext) => Promise<void>) => {
        await logic({
          sendActivity: async (a: Record<string, unknown>) => {
            sent.push(a);
            return { id: '1' };
          },
        } as unknown as TurnContext);
      }),
    };
    const scheduler = await reminders.start(adapter as never, (channelId, answer) => ({
      type: 'message',
      text: `${channelId}|${answer.headline}`,
    }));
    await clock.tickAsync(3000);
    await scheduler.stop();
    assert.equal(adapter.continueConversationAsync.callCount, 1);
    assert.equal(adapter.continueConversationAsync.firstCall.args[0], '');
    assert.match(String(sent[0]?.text), /^msteams\|Rappel : Passerelle X atteint sa fin de vie le 21 novembre 2026/);
  });

  it('reschedules at start-up when a date is added, moved or removed in the knowledge base', async () => {
    await store.saveReference(reference('a'), T0);
    const day = (d: number): string => new Date(T0 + d * 86_400_000).toISOString().slice(0, 10);
    await store.subscribe(
      { conversationKey: 'msteams:a', target: '*', leadMinutes: [7 * 1440, 0], lang: 'en' },
      [deadline('eol:x', day(30))],
      T0,
    );
    assert.deepEqual(await store.sendCounts(), { pending: 2 });
    // x moved to day 40, y added, nothing removed yet.
    assert.deepEqual(await store.reschedule([deadline('eol:x', day(40)), deadline('eol:y', day(20))], T0), { added: 4, cancelled: 2 });
    assert.deepEqual(
      await store.reschedule([deadline('eol:x', day(40)), deadline('eol:y', day(20))], T0),
      { added: 0, cancelled: 0 },
      'idempotent',
    );
    // y removed.
    assert.deepEqual(await store.reschedule([deadline('eol:x', day(40))], T0), { added: 0, cancelled: 2 });
    const rows = await database.db
      .selectFrom('reminder_sends')
      .select(['deadline_id', 'deadline_date', 'status'])
      .where('status', '=', 'pending')
      .execute();
    assert.deepEqual(rows.map((r) => `${r.deadline_id}@${r.deadline_date.slice(0, 10)}`).sort(), [`eol:x@${day(40)}`, `eol:x@${day(40)}`]);
  });
});

describe('ReminderStore conversation references', () => {
  it('skips rewriting an unchanged reference, rewrites a changed one, and saves again after forgetting', async () => {
    const database = await openDatabase('sqlite::memory:');
    const store = new ReminderStore(database.db, database.dialect);
    const writes = sinon.spy(database.db, 'insertInto');
    const ref = reference('a');
    await store.saveReference(ref, T0);
    await store.saveReference(ref, T0 + 1000);
    // Each message carries its own activity id (TurnContext.getConversationReference keeps it).
    await store.saveReference({ ...ref, activityId: 'message-2' }, T0 + 1500);
    await store.saveReference({ ...ref, activityId: 'message-3' }, T0 + 1600);
    assert.equal(writes.callCount, 1, 'unchanged: one write');
    assert.equal((await store.reference('msteams:a'))?.activityId, undefined, 'a reminder replies to no message');
    await store.saveReference({ ...ref, serviceUrl: 'https://smba.example/emea/' }, T0 + 2000);
    assert.equal(writes.callCount, 2, 'changed: written');
    await store.saveReference({ ...ref, serviceUrl: 'https://smba.example/emea/' }, T0 + 11 * 60_000);
    assert.equal(writes.callCount, 3, 'written again after ten minutes');
    await store.forgetConversation('msteams:a');
    assert.equal(await store.reference('msteams:a'), undefined);
    await store.saveReference({ ...ref, serviceUrl: 'https://smba.example/emea/' }, T0 + 11 * 60_000 + 1);
    assert.ok(await store.reference('msteams:a'), 'saved again after being forgotten');
    await database.close();
  });
});
