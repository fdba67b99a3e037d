import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Deadline } from '../../src/knowledge/knowledgeBase';
import { loadKnowledge } from '../../src/knowledge/loader';
import { ReminderStore } from '../../src/reminders/reminderStore';
import { openDatabase } from '../../src/storage/database';
import { listeningPort, type BotProcess } from '../helpers/botProcess';
import { knowledgeWithGateway, reminderBotProcesses, seedSubscribers, sleep, until } from '../helpers/reminderFixtures';

/**
 * A bot process (the bundle `npm start` runs) killed in the middle of dispatching a date's reminders,
 * and started again: every subscriber is reached, and only the sends in flight at the kill may repeat.
 */
describe('reminders across a SIGKILL (processes, SQLite)', function () {
  this.timeout(180_000);
  const bots = reminderBotProcesses();
  const start = (env: Record<string, string>): BotProcess => bots.start(env);

  it('after a SIGKILL in the middle of dispatching, reaches every subscriber once the date has passed; only sends in flight may repeat', async () => {
    const COUNT = 300;
    const CONCURRENCY = 8;
    const serviceUrl = await bots.connector.start();
    // Due a moment after the seeding: the first bot starts dispatching as soon as it is up.
    const date = Date.now() + 3_000;
    const knowledge = knowledgeWithGateway(date);
    const dbUrl = `sqlite:${join(bots.dir, 'bot.sqlite')}`;
    const seed = await openDatabase(dbUrl);
    const store = new ReminderStore(seed.db, seed.dialect);
    const deadline = loadKnowledge(knowledge)
      .deadlines()
      .find((d) => d.id === 'eol:contoso-gateway') as Deadline;
    await seedSubscribers(store, { count: COUNT, serviceUrl, deadline, now: Date.now() });
    await seed.close();
    // Paced to 20 a second, so that the kill falls in the middle; the lease is short so the restart retakes
    // the sends the killed process held.
    const env = {
      KNOWLEDGE_DIR: knowledge,
      REMINDERS_PER_SECOND: '20',
      REMINDER_CONVERSATION_INTERVAL_MS: '0',
      REMINDER_LEASE_MS: '2000',
      REMINDER_LATE_AFTER_MS: '60000',
    };
    const first = start(env);
    await listeningPort(first);
    // (On failure, what the bot said: the last lines of its log and its errors.)
    const said = (b: BotProcess): string => `\n${b.stdout.join('').split('\n').slice(-15).join('\n')}\n${b.stderr.join('').slice(-2000)}`;
    assert.ok(
      await until(() => bots.connector.received.length >= COUNT / 3, 60_000),
      `a third delivered (${bots.connector.received.length} of ${COUNT}; exit ${first.child.exitCode ?? first.child.signalCode ?? 'none'})${said(first)}`,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = bots.connector.received.length;
    assert.ok(atKill < COUNT, `killed in the middle (${atKill} delivered)`);
    const afterKill = await openDatabase(dbUrl);
    const inFlight = new Set(
      (await afterKill.db.selectFrom('reminder_sends').select('conversation_key').where('status', '=', 'sending').execute()).map((r) =>
        r.conversation_key.replace(/^msteams:/, ''),
      ),
    );
    await afterKill.close();
    assert.ok(inFlight.size <= CONCURRENCY, `no more sends in flight than the concurrency (${inFlight.size})`);
    assert.ok(Date.now() > date, 'the date has passed by the restart');

    const second = start({ ...env, REMINDERS_PER_SECOND: '0' });
    await listeningPort(second);
    const reached = (): number => new Set(bots.connector.received.map((r) => r.conversationId)).size;
    assert.ok(await until(() => reached() === COUNT, 60_000), `every subscriber reached (${reached()})`);
    await sleep(2500); // a lease: room for a duplicate to show up
    second.child.kill('SIGTERM');
    await second.exited;
    const perConversation = new Map<string, number>();
    for (const r of bots.connector.received) perConversation.set(r.conversationId, (perConversation.get(r.conversationId) ?? 0) + 1);
    const twice = [...perConversation.entries()].filter(([, n]) => n > 1).map(([c]) => c);
    console.log(
      `      killed after ${atKill} of ${COUNT} with ${inFlight.size} in flight; after the restart all ${perConversation.size} reached, ${twice.length} twice`,
    );
    assert.deepEqual(
      twice.filter((c) => !inFlight.has(c)),
      [],
      'only a send in flight at the kill arrives twice',
    );
    assert.ok(twice.length <= CONCURRENCY);
    assert.ok(!second.stdout.join('').includes('"cancelled"'), 'nothing cancelled at start-up');
  });
});
