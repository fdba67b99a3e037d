import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';
import type { Deadline } from '../../src/knowledge/knowledgeBase';
import { loadKnowledge } from '../../src/knowledge/loader';
import { ReminderStore } from '../../src/reminders/reminderStore';
import { openDatabase } from '../../src/storage/database';
import { listeningPort, bundleArgs, startBotProcess, type BotProcess } from '../helpers/botProcess';
import { freshPostgresDatabase } from '../helpers/postgres';
import { aroundDate, knowledgeWithGateway, seedSubscribers, sleep, until } from '../helpers/reminderFixtures';

/** Two bot processes (the bundle `npm start` runs) on one PostgreSQL, both stopped over a date and started again. */
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
    // Seeding and two starts before the stop, 3 s before the date; with more room on a loaded machine.
    await aroundDate([30_000, 60_000], 3000, async (date, tooLate) => {
      // Each attempt on its own connector and database: an abandoned one may have started sending.
      await connector?.stop();
      connector = new ConnectorStandIn();
      const serviceUrl = await connector.start();
      const dbUrl = await freshPostgresDatabase();
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
      if (tooLate()) {
        for (const b of firstRound) b.child.kill('SIGKILL');
        await Promise.all(firstRound.map((b) => b.exited));
        await seed.close();
        return 'too late';
      }
      await sleep(Math.max(0, date - 3000 - Date.now()));
      for (const b of firstRound) b.child.kill('SIGTERM');
      assert.deepEqual(
        await Promise.all(firstRound.map((b) => b.exited)),
        [0, 0],
        `clean stops; stderr: ${firstRound.map((b) => b.stderr.join('').slice(-1500)).join(' | ')}; stdout: ${firstRound.map((b) => b.stdout.join('').slice(-1500)).join(' | ')}`,
      );
      if (Date.now() >= date) {
        await seed.close();
        return 'too late'; // the stops took longer than the room left before the date
      }
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
      return 'done';
    });
  });
});
