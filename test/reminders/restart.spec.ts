import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorMessage, post, visibleText } from '../../scripts/lib/activities';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';
import type { Deadline } from '../../src/knowledge/knowledgeBase';
import { loadKnowledge } from '../../src/knowledge/loader';
import { ReminderStore } from '../../src/reminders/reminderStore';
import { openDatabase } from '../../src/storage/database';
import { listeningPort, bundleArgs, startBotProcess, type BotProcess } from '../helpers/botProcess';
import { freshPostgresDatabase } from '../helpers/postgres';
import { knowledgeWithGateway, seedSubscribers } from '../helpers/reminderFixtures';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const until = async (what: () => boolean, timeoutMs: number): Promise<boolean> => {
  const end = Date.now() + timeoutMs;
  while (!what() && Date.now() < end) await sleep(20);
  return what();
};

/**
 * Restarts as an operator causes them, with the bot as a process (the bundle `npm start` runs, built from the sources), HTTP only, and
 * a connector stand-in: reminders that fall due while the bot is down are delivered after the restart,
 * saying that they come late.
 */
describe('reminders across restarts (processes, SQLite)', function () {
  this.timeout(180_000);
  let botArgs: string[];
  before(async () => {
    botArgs = await bundleArgs();
  });
  const children: ChildProcess[] = [];
  let dir: string;
  let connector: ConnectorStandIn;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lync-restart-'));
    connector = new ConnectorStandIn();
  });
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (env: Record<string, string>): BotProcess => {
    const bot = startBotProcess(
      botArgs,
      { PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`, REMINDER_POLL_MS: '50', ...env },
      dir,
    );
    children.push(bot.child);
    return bot;
  };

  it('delivers, late and saying so, a reminder due while the bot was stopped with SIGTERM', async () => {
    const serviceUrl = await connector.start();
    // Room for a start and three turns before the stop, on a loaded machine (tests run in parallel).
    const date = Date.now() + 20_000;
    const env = { KNOWLEDGE_DIR: knowledgeWithGateway(date), REMINDER_LATE_AFTER_MS: '1000' };
    const first = start(env);
    const url = `http://127.0.0.1:${await listeningPort(first)}`;
    const say = async (conversationId: string, text: string, locale = 'en-US'): Promise<string> => {
      const before = connector.inConversation(conversationId).length;
      assert.equal(await post(url, emulatorMessage(text, { serviceUrl, conversationId, locale })), 200);
      return visibleText(connector.inConversation(conversationId)[before] ?? {});
    };
    assert.match(
      await say('on-the-day', 'remind me on the day of the contoso gateway end'),
      /^Done: I will remind you of Contoso IM gateway\.[\s\S]*When: on the day\./,
    );
    assert.match(await say('every-date', 'remind me of every end-of-life date'), /^Done/);
    assert.match(await say('en-francais', 'rappelle-moi le jour même de la fin de la passerelle contoso', 'fr-FR'), /^C’est noté/);
    const before = connector.received.length;
    // Stopped a few seconds before the date, started again a few seconds after it.
    await sleep(Math.max(0, date - 3000 - Date.now()));
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0, 'a clean stop');
    assert.equal(connector.received.length, before, 'nothing was due before the stop');
    await sleep(Math.max(0, date + 3000 - Date.now()));
    const second = start(env);
    await listeningPort(second);
    const reminders = (): typeof connector.received => connector.received.slice(before);
    assert.ok(await until(() => reminders().length >= 3, 30_000), `3 reminders after the restart (${reminders().length})`);
    await sleep(500);
    const texts = new Map(reminders().map((r) => [r.conversationId, visibleText(r.activity)]));
    assert.equal(reminders().length, 3, 'each once');
    assert.match(
      texts.get('on-the-day') ?? '',
      /Contoso IM gateway reache[sd] its end of life[\s\S]*This reminder comes late: it was due on/,
    );
    assert.match(texts.get('every-date') ?? '', /This reminder comes late/);
    assert.match(
      texts.get('en-francais') ?? '',
      /Rappel : Contoso IM gateway a(tteint| atteint) sa fin de vie[\s\S]*Ce rappel arrive en retard/,
    );
    assert.ok(second.stdout.join('').includes('"overdue":3'), 'the restart says how many were overdue');
    assert.ok(!second.stdout.join('').includes('"cancelled"'), 'nothing cancelled at start-up');
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('after a SIGKILL in the middle of dispatching, reaches every subscriber once the date has passed; only sends in flight may repeat', async () => {
    const COUNT = 300;
    const CONCURRENCY = 8;
    const serviceUrl = await connector.start();
    const date = Date.now() + 20_000;
    const knowledge = knowledgeWithGateway(date);
    const dbUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
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
    assert.ok(await until(() => connector.received.length >= COUNT / 3, 60_000), 'a third delivered');
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = connector.received.length;
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
    const reached = (): number => new Set(connector.received.map((r) => r.conversationId)).size;
    assert.ok(await until(() => reached() === COUNT, 60_000), `every subscriber reached (${reached()})`);
    await sleep(2500); // a lease: room for a duplicate to show up
    second.child.kill('SIGTERM');
    await second.exited;
    const perConversation = new Map<string, number>();
    for (const r of connector.received) perConversation.set(r.conversationId, (perConversation.get(r.conversationId) ?? 0) + 1);
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

describe('reminders across restarts of two replicas on one PostgreSQL (processes)', function () {
  this.timeout(180_000);
  let botArgs: string[];
  before(async () => {
    botArgs = await bundleArgs();
  });
  const children: ChildProcess[] = [];
  let dir: string;
  let connector: ConnectorStandIn;
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await connector?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers each reminder due while both were down exactly once, shared between them', async () => {
    const COUNT = 300;
    dir = mkdtempSync(join(tmpdir(), 'lync-replicas-'));
    connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    const dbUrl = await freshPostgresDatabase();
    // Room for seeding and two starts from the sources before the stop, on a loaded machine (tests run in parallel).
    const date = Date.now() + 40_000;
    const knowledge = knowledgeWithGateway(date);
    const seed = await openDatabase(dbUrl);
    const store = new ReminderStore(seed.db, seed.dialect);
    const deadline = loadKnowledge(knowledge)
      .deadlines()
      .find((d) => d.id === 'eol:contoso-gateway') as Deadline;
    await seedSubscribers(store, { count: COUNT, serviceUrl, deadline, now: Date.now(), target: (i) => (i % 2 ? '*' : deadline.id) });
    const env = {
      KNOWLEDGE_DIR: knowledge,
      DATABASE_URL: dbUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      REMINDER_POLL_MS: '20',
      REMINDERS_PER_SECOND: '0',
      REMINDER_CONVERSATION_INTERVAL_MS: '0',
      REMINDER_CONCURRENCY: '4',
    };
    const start = (): BotProcess => {
      const bot = startBotProcess(botArgs, env, dir);
      children.push(bot.child);
      return bot;
    };
    const firstRound = [start(), start()];
    await Promise.all(firstRound.map((b) => listeningPort(b, 60_000)));
    await sleep(Math.max(0, date - 3000 - Date.now()));
    for (const b of firstRound) b.child.kill('SIGTERM');
    assert.deepEqual(await Promise.all(firstRound.map((b) => b.exited)), [0, 0]);
    assert.equal(connector.received.length, 0, 'nothing was due before the stop');
    await sleep(Math.max(0, date + 1000 - Date.now()));
    const secondRound = [start(), start()];
    await Promise.all(secondRound.map((b) => listeningPort(b, 60_000)));
    assert.ok(await until(() => connector.received.length >= COUNT, 60_000), `all delivered (${connector.received.length})`);
    await sleep(1000); // room for a duplicate to show up
    for (const b of secondRound) b.child.kill('SIGTERM');
    await Promise.all(secondRound.map((b) => b.exited));
    const perConversation = new Map<string, number>();
    for (const r of connector.received) perConversation.set(r.conversationId, (perConversation.get(r.conversationId) ?? 0) + 1);
    assert.equal(perConversation.size, COUNT, 'every subscriber reached');
    assert.deepEqual(
      [...perConversation.values()].filter((n) => n !== 1),
      [],
      'none twice',
    );
    assert.deepEqual(await store.sendCounts(), { sent: COUNT });
    const senders = new Set((await seed.db.selectFrom('reminder_sends').select('lease_owner').execute()).map((r) => r.lease_owner));
    await seed.close();
    assert.equal(senders.size, 2, 'both replicas delivered a share');
  });
});
