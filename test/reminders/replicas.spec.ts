import { strict as assert } from 'node:assert';
import type { Deadline } from '../../src/knowledge/knowledgeBase';
import { copyKnowledge, editYaml } from '../helpers/knowledge';
import { freshPostgresDatabase } from '../helpers/postgres';
import { startBot, type RunningBot } from '../helpers/server';

const COUNT = 1000;

describe('two replicas on one PostgreSQL share due reminders', function () {
  this.timeout(120_000);
  let replicas: RunningBot[] = [];
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
  });

  it(`delivers each of ${COUNT} due reminders exactly once`, async () => {
    const url = await freshPostgresDatabase();
    const now = Date.now();
    // A date a minute ahead, in the knowledge base both replicas load (start-up rescheduling keeps its sends).
    const date = new Date(now + 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const knowledge = copyKnowledge();
    editYaml(knowledge, 'end-of-life.yaml', (data) => {
      data.entries = [
        {
          id: 'load',
          name: 'Load test',
          aliases: ['load test entry'],
          date,
          description: { en: 'x', fr: 'x' },
          source: '003_66c8802f7532fe68.txt',
        },
      ];
    });
    // Pacing off and small batches, so that both replicas claim at the same time, many times over.
    const env = {
      KNOWLEDGE_DIR: knowledge,
      DATABASE_URL: url,
      REMINDER_POLL_MS: '20',
      REMINDERS_PER_SECOND: '0',
      REMINDER_CONVERSATION_INTERVAL_MS: '0',
      REMINDER_CONCURRENCY: '4',
    };
    const first = await startBot(env);
    replicas = [first];
    const due = first.app.kb.deadlines().find((d) => d.id === 'eol:load') as Deadline;
    const started = Date.now();
    const { store } = first.app.reminders;
    for (let i = 0; i < COUNT; i++) {
      await store.saveReference(
        {
          channelId: 'msteams',
          serviceUrl: first.serviceUrl,
          conversation: { id: `c${i}`, isGroup: false, conversationType: 'personal', name: '' },
          bot: { id: 'bot', name: 'bot' },
          user: { id: 'u', name: 'u' },
        },
        now,
      );
      await store.subscribe({ conversationKey: `msteams:c${i}`, target: 'eol:load', leadMinutes: [0], lang: 'en' }, [due], now);
    }
    // Both replicas run before anything is due, so that neither has a head start.
    replicas.push(await startBot(env));
    // Make them all due now (the date is a minute ahead so that scheduling kept them).
    await first.app.database.db.updateTable('reminder_sends').set({ next_attempt_at: now, due_at: now }).execute();
    const seeded = Date.now();
    const deadlineAt = Date.now() + 90_000;
    while (first.connector.received.length < COUNT && Date.now() < deadlineAt) await new Promise((r) => setTimeout(r, 100));
    const delivered = Date.now();
    await new Promise((r) => setTimeout(r, 500)); // room for a duplicate to show up
    console.log(`      seeded ${COUNT} in ${seeded - started} ms; delivered by two replicas in ${delivered - seeded} ms`);
    const perConversation = new Map<string, number>();
    for (const r of first.connector.received) perConversation.set(r.conversationId, (perConversation.get(r.conversationId) ?? 0) + 1);
    assert.equal(perConversation.size, COUNT, 'every reminder delivered');
    assert.deepEqual(
      [...perConversation.values()].filter((n) => n !== 1),
      [],
      'none twice',
    );
    assert.deepEqual(await store.sendCounts(), { sent: COUNT });
    const senders = new Set(
      (await first.app.database.db.selectFrom('reminder_sends').select('lease_owner').execute()).map((r) => r.lease_owner),
    );
    assert.equal(senders.size, 2, 'both replicas delivered a share');
  });
});
