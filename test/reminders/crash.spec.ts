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
import { bundleArgs, startBotProcess } from '../helpers/botProcess';
import { copyKnowledge, editYaml } from '../helpers/knowledge';
import { seedSubscribers } from '../helpers/reminderFixtures';

const COUNT = 1000;
/** REMINDER_CONCURRENCY's default: the most sends one process has in flight. */
const CONCURRENCY = 8;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('a bot killed with SIGKILL while dispatching 1,000 due reminders', function () {
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
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every reminder after a restart; only sends in flight at the kill may arrive twice', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lync-crash-'));
    connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    const knowledge = copyKnowledge();
    const date = new Date(Date.now() + 10 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    editYaml(knowledge, 'end-of-life.yaml', (data) => {
      data.entries = [
        {
          id: 'crash',
          name: 'Crash test',
          aliases: ['crash test entry'],
          date,
          description: { en: 'x', fr: 'x' },
          source: '003_66c8802f7532fe68.txt',
        },
      ];
    });
    const url = `sqlite:${join(dir, 'bot.sqlite')}`;
    const seed = await openDatabase(url);
    const store = new ReminderStore(seed.db, seed.dialect);
    const deadline = loadKnowledge(knowledge)
      .deadlines()
      .find((d) => d.id === 'eol:crash') as Deadline;
    const now = Date.now();
    await seedSubscribers(store, { count: COUNT, serviceUrl, deadline, now });
    await seed.db.updateTable('reminder_sends').set({ next_attempt_at: now }).execute();
    await seed.close();

    const env = {
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      KNOWLEDGE_DIR: knowledge,
      REMINDER_POLL_MS: '20',
      REMINDERS_PER_SECOND: '0',
      REMINDER_CONVERSATION_INTERVAL_MS: '0',
      REMINDER_LEASE_MS: '2000',
    };
    const startBot = (): ChildProcess => {
      // node itself, not the tsx wrapper: SIGKILL must reach the process that sends (the wrapper's child
      // would live on).
      const { child } = startBotProcess(botArgs, env, dir);
      children.push(child);
      return child;
    };

    const first = startBot();
    while (connector.received.length < COUNT * 0.3) {
      assert.equal(first.exitCode, null, 'the first bot is running');
      await sleep(2);
    }
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = connector.received.length;
    assert.ok(atKill < COUNT, `killed in the middle (${atKill} delivered)`);
    // Sends claimed and not recorded as sent: the connector may or may not have them. Nothing tells
    // which, so they are sent again after the lease: never lost, possibly twice.
    const afterKill = await openDatabase(url);
    const inFlight = new Set(
      (await afterKill.db.selectFrom('reminder_sends').select('conversation_key').where('status', '=', 'sending').execute()).map((r) =>
        r.conversation_key.replace(/^msteams:/, ''),
      ),
    );
    await afterKill.close();
    assert.ok(inFlight.size <= CONCURRENCY, `no more sends in flight than the concurrency (${inFlight.size})`);

    const second = startBot();
    const until = Date.now() + 120_000;
    const delivered = (): number => new Set(connector.received.map((r) => r.conversationId)).size;
    while (delivered() < COUNT && Date.now() < until) await sleep(50);
    await sleep(2500); // a lease's length: room for a duplicate to show up
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));

    const perConversation = new Map<string, number>();
    for (const r of connector.received) perConversation.set(r.conversationId, (perConversation.get(r.conversationId) ?? 0) + 1);
    const twice = [...perConversation.entries()].filter(([, n]) => n > 1).map(([c]) => c);
    console.log(
      `      killed after ${atKill} deliveries with ${inFlight.size} in flight; after the restart ${perConversation.size} conversations reached, ${twice.length} twice`,
    );
    assert.equal(perConversation.size, COUNT, 'every reminder delivered');
    assert.deepEqual(
      twice.filter((c) => !inFlight.has(c)),
      [],
      'only a send in flight at the kill arrives twice',
    );
    assert.ok(
      [...perConversation.values()].every((n) => n <= 2),
      'never three times',
    );
  });
});
