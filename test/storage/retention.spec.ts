import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { Kysely, KyselyPlugin } from 'kysely';
import pino from 'pino';
import { openDatabase } from '../../src/storage/database';
import { DbStorage } from '../../src/storage/dbStorage';
import { RetentionJob } from '../../src/storage/retention';
import type { DatabaseTables } from '../../src/storage/tables';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../helpers/logCapture';
import { startBot } from '../helpers/server';
import { DIALECTS, useTestDatabase } from './testDatabases';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;
const silent = pino({ level: 'silent' });

/** Rows of each kind, `age` ms before NOW. */
async function seed(db: Kysely<DatabaseTables>, age: number, count: number, tag: string): Promise<void> {
  const at = NOW - age;
  for (let i = 0; i < count; i++) {
    await db
      .insertInto('unanswered')
      .values({
        id: randomUUID(),
        at,
        channel_id: 'msteams',
        question: `${tag} ${i}?`,
        question_key: `${tag} ${i}`,
        lang: 'en',
        intent: 'none',
        confidence: 0.1,
        reason: 'out-of-scope',
      })
      .execute();
    await db
      .insertInto('feedback')
      .values({
        id: randomUUID(),
        at,
        channel_id: 'msteams',
        question: null,
        question_key: null,
        lang: 'fr',
        intent: null,
        confidence: null,
        answer_kind: null,
        helpful: 1,
      })
      .execute();
    await db
      .insertInto('bot_state')
      .values({ key: `msteams/conversations/${tag}-${i}/`, etag: 'e', document: '{}', updated_at: at })
      .execute();
  }
}

async function counts(db: Kysely<DatabaseTables>): Promise<[number, number, number]> {
  const count = async (table: 'unanswered' | 'feedback' | 'bot_state') =>
    (await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  return [Number(await count('unanswered')), Number(await count('feedback')), Number(await count('bot_state'))];
}

/** Counts the DELETE statements a Kysely instance runs. */
function countDeletes(): { plugin: KyselyPlugin; deletes: number } {
  const counter = {
    deletes: 0,
    plugin: {
      transformQuery: (args: Parameters<KyselyPlugin['transformQuery']>[0]) => {
        if (args.node.kind === 'DeleteQueryNode') counter.deletes++;
        return args.node;
      },
      transformResult: async (args: Parameters<KyselyPlugin['transformResult']>[0]) => args.result,
    } as KyselyPlugin,
  };
  return counter;
}

for (const dialect of DIALECTS) {
  describe(`data retention on ${dialect}`, function () {
    this.timeout(60_000);
    const test = useTestDatabase(dialect);
    const job = (options: { days?: number; batchSize?: number } = {}, db = test.database().db, logger = silent) =>
      new RetentionJob(db, logger, {
        days: options.days ?? 90,
        now: () => NOW,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      });

    it("deletes unanswered questions, feedback and idle conversations' state older than the period, and nothing newer", async () => {
      const { db } = test.database();
      await seed(db, 91 * DAY, 3, 'old');
      await seed(db, 90 * DAY + 1000, 1, 'just-past');
      await seed(db, 89 * DAY, 2, 'recent');
      await seed(db, 0, 1, 'today');
      const logs = new LogCapture();
      const result = await job({}, db, createLogger({ LOG_LEVEL: 'info', MicrosoftAppPassword: undefined }, logs)).runOnce();
      assert.deepEqual(result, { unanswered: 4, feedback: 4, botState: 4, tickets: 0 });
      assert.deepEqual(await counts(db), [3, 3, 3]);
      const keys = (await db.selectFrom('bot_state').select('key').orderBy('key').execute()).map((r) => r.key);
      assert.deepEqual(keys, ['msteams/conversations/recent-0/', 'msteams/conversations/recent-1/', 'msteams/conversations/today-0/']);
      const line = logs.lines.find((l) => l.msg === 'data retention: rows older than the retention period deleted');
      assert.ok(line, 'the pass is logged');
      assert.deepEqual([line.unanswered, line.feedback, line.botState, line.days], [4, 4, 4, 90]);
      assert.deepEqual(await job().runOnce(), { unanswered: 0, feedback: 0, botState: 0, tickets: 0 }, 'a second pass finds nothing');
    });

    it('follows DATA_RETENTION_DAYS', async () => {
      const { db } = test.database();
      await seed(db, 2 * DAY, 1, 'two-days');
      await seed(db, DAY / 2, 1, 'half-a-day');
      assert.deepEqual(await job({ days: 1 }).runOnce(), { unanswered: 1, feedback: 1, botState: 1, tickets: 0 });
      assert.deepEqual(await counts(db), [1, 1, 1]);
    });

    it("deletes in batches of the given size, and lets a turn's query through before the pass ends", async () => {
      const { db } = test.database();
      await seed(db, 100 * DAY, 25, 'old');
      await db
        .insertInto('bot_state')
        .values({ key: 'msteams/conversations/active/', etag: 'e', document: '{"memory":{"lang":"fr"}}', updated_at: NOW })
        .execute();
      // Two connections open (PostgreSQL's pool), so that the turn does not wait for a new one.
      await Promise.all([counts(db), counts(db)]);
      const counter = countDeletes();
      const order: string[] = [];
      const pass = job({ batchSize: 10 }, db.withPlugin(counter.plugin))
        .runOnce()
        .then((r) => {
          order.push('pass');
          return r;
        });
      const turn = new DbStorage(db).read(['msteams/conversations/active/']).then((items) => {
        order.push('turn');
        return items;
      });
      const [result, items] = await Promise.all([pass, turn]);
      assert.deepEqual(result, { unanswered: 25, feedback: 25, botState: 25, tickets: 0 });
      assert.equal(counter.deletes, 10, '10 + 10 + 5 rows per table, and one (empty) statement for expert tickets');
      assert.deepEqual(order, ['turn', 'pass']);
      assert.ok(items['msteams/conversations/active/']);
    });

    it('gives the event loop a turn between batches (on SQLite each statement runs synchronously)', async () => {
      const { db } = test.database();
      await seed(db, 100 * DAY, 30, 'old');
      let ticks = 0;
      let done = false;
      const ticker = (async () => {
        while (!done) {
          await new Promise((r) => setImmediate(r));
          ticks++;
        }
      })();
      await job({ batchSize: 3 }).runOnce();
      done = true;
      await ticker;
      assert.ok(ticks >= 10, `${ticks} event-loop turns during 30 batches`);
    });

    it('is harmless when two replicas run it at once: every old row deleted once, no error', async () => {
      const { db } = test.database();
      await seed(db, 100 * DAY, 40, 'old');
      await seed(db, DAY, 5, 'young');
      const other = await openDatabase(test.url());
      try {
        const results = await Promise.all([job({ batchSize: 7 }).runOnce(), job({ batchSize: 7 }, other.db).runOnce()]);
        const total = (k: 'unanswered' | 'feedback' | 'botState') => (results[0]?.[k] ?? 0) + (results[1]?.[k] ?? 0);
        assert.deepEqual([total('unanswered'), total('feedback'), total('botState')], [40, 40, 40]);
        assert.deepEqual(await counts(db), [5, 5, 5]);
      } finally {
        await other.close();
      }
    });

    it('stops after the batch in progress when stopped', async () => {
      const { db } = test.database();
      await seed(db, 100 * DAY, 30, 'old');
      const retention = job({ batchSize: 1 });
      const pass = retention.runOnce();
      await retention.stop();
      const result = await pass;
      assert.ok(result.unanswered < 30, `stopped early (${result.unanswered} deleted)`);
    });
  });
}

describe('data retention in the app', function () {
  this.timeout(20_000);

  it('runs shortly after the server starts and then periodically, and stops with it', async () => {
    const logs = new LogCapture();
    const bot = await startBot(
      { DATA_RETENTION_DAYS: '30' },
      {
        logger: createLogger({ LOG_LEVEL: 'info', MicrosoftAppPassword: undefined }, logs),
        retention: { firstRunMs: 20, intervalMs: 100 },
      },
    );
    const passes = () => logs.lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('data retention:'));
    try {
      const { db } = bot.app.database;
      // Ages against the real clock (the app's retention uses it): seed writes at NOW - age.
      await seed(db, NOW - Date.now() + 31 * DAY, 2, 'old');
      await seed(db, NOW - Date.now() + 29 * DAY, 1, 'young');
      const deadline = Date.now() + 10_000;
      while ((await counts(db))[0] > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(await counts(db), [1, 1, 1]);
      while (passes().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(passes().length >= 3, 'periodic');
      assert.ok(passes().every((l) => l.days === 30));
    } finally {
      await bot.stop();
    }
    const after = passes().length;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(passes().length, after, 'no pass after the app stopped');
    assert.equal(logs.lines.filter((l) => l.msg === 'data retention pass failed; next attempt at the next interval').length, 0);
  });
});
