import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, type Database } from '../../src/storage/database';
import { DbStorage, ETagConflictError } from '../../src/storage/dbStorage';
import { FeedbackStore, questionKey } from '../../src/storage/feedbackStore';
import { migrate } from '../../src/storage/migrations';
import { stopTestPostgres, testPostgres } from '../helpers/postgres';

const run = promisify(execFile);

// Root-level: after every suite of the run.
after(stopTestPostgres);

/** Each dialect: how to get the URL of an empty database. */
const DIALECTS: [name: string, freshUrl: () => Promise<string>][] = [
  ['SQLite', async () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'lync-db-')), 'bot.sqlite')}`],
  ['PostgreSQL', async () => (await testPostgres()).freshDatabase()],
];

for (const [name, freshUrl] of DIALECTS) {
  describe(`storage on ${name}`, function () {
    this.timeout(60_000);
    let url: string;
    let database: Database;
    let other: Database;

    beforeEach(async () => {
      url = await freshUrl();
      database = await openDatabase(url);
      other = await openDatabase(url); // a second connection, as a second replica would have
    });
    afterEach(async () => {
      await database.close();
      await other.close();
    });

    describe('DbStorage (botbuilder Storage, eTag rules)', () => {
      it('reads nothing for missing keys, and what was written, with an eTag', async () => {
        const storage = new DbStorage(database.db);
        assert.deepEqual(await storage.read(['nope']), {});
        await storage.write({ a: { count: 1, nested: { x: 'é' } } });
        const { a } = await storage.read(['a', 'nope']);
        assert.equal(a?.count, 1);
        assert.deepEqual(a?.nested, { x: 'é' });
        assert.equal(typeof a?.eTag, 'string');
      });

      it('gives every write a new eTag; `*` and a missing eTag always win', async () => {
        const storage = new DbStorage(database.db);
        await storage.write({ k: { v: 1 } });
        const first = (await storage.read(['k'])).k?.eTag;
        await storage.write({ k: { v: 2, eTag: '*' } });
        const second = (await storage.read(['k'])).k;
        assert.notEqual(second?.eTag, first);
        assert.equal(second?.v, 2);
        await storage.write({ k: { v: 3 } });
        assert.equal((await storage.read(['k'])).k?.v, 3);
      });

      it('refuses a write with a stale eTag, and accepts the current one', async () => {
        const storage = new DbStorage(database.db);
        await storage.write({ k: { v: 1 } });
        const stale = (await storage.read(['k'])).k as { eTag: string };
        await storage.write({ k: { v: 2, eTag: stale.eTag } });
        await assert.rejects(storage.write({ k: { v: 3, eTag: stale.eTag } }), ETagConflictError);
        const current = (await storage.read(['k'])).k as { eTag: string; v: number };
        assert.equal(current.v, 2);
        await storage.write({ k: { v: 4, eTag: current.eTag } });
        assert.equal((await storage.read(['k'])).k?.v, 4);
      });

      it('lets exactly one of two replicas win a conditional write', async () => {
        const a = new DbStorage(database.db);
        const b = new DbStorage(other.db);
        await a.write({ race: { v: 0 } });
        const { eTag } = (await a.read(['race'])).race as { eTag: string };
        for (let round = 0; round < 5; round++) {
          const current = ((await a.read(['race'])).race as { eTag: string }).eTag;
          const results = await Promise.allSettled([a.write({ race: { v: `a${round}`, eTag: current } }), b.write({ race: { v: `b${round}`, eTag: current } })]);
          assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, `round ${round}: one winner`);
          assert.ok(results.some((r) => r.status === 'rejected' && r.reason instanceof ETagConflictError));
        }
        assert.notEqual(((await b.read(['race'])).race as { eTag: string }).eTag, eTag);
      });

      it('deletes, and deleting a missing key is fine', async () => {
        const storage = new DbStorage(database.db);
        await storage.write({ a: { v: 1 }, b: { v: 2 } });
        await storage.delete(['a', 'missing']);
        assert.deepEqual(Object.keys(await storage.read(['a', 'b'])), ['b']);
      });

      it('keeps state across a restart', async () => {
        await new DbStorage(database.db).write({ conversation: { memory: { lang: 'fr' } } });
        await database.close();
        database = await openDatabase(url);
        assert.deepEqual((await new DbStorage(database.db).read(['conversation'])).conversation?.memory, { lang: 'fr' });
      });
    });

    describe('FeedbackStore', () => {
      const unanswered = (question: string, lang: 'en' | 'fr' = 'en') => ({ channelId: 'msteams', question, lang, intent: 'none', confidence: 0.2, reason: 'out-of-scope' });

      it('groups the same unanswered question however it is typed, most asked first', async () => {
        let now = Date.parse('2026-11-01T10:00:00Z');
        const store = new FeedbackStore(database.db, () => now);
        await store.recordUnanswered(unanswered('Is Zoom supported?'));
        now += 1000;
        await store.recordUnanswered(unanswered('what about skype for business?'));
        now += 1000;
        await store.recordUnanswered(unanswered('is  zoom SUPPORTED'));
        await store.recordUnanswered(unanswered('Zoom est-il pris en charge ?', 'fr'));
        const list = await store.listUnanswered();
        assert.deepEqual(list.map((u) => [u.count, u.question]), [[2, 'is  zoom SUPPORTED'], [1, 'Zoom est-il pris en charge ?'], [1, 'what about skype for business?']]);
        assert.deepEqual((await store.listUnanswered({ limit: 1 })).length, 1);
        assert.deepEqual((await store.listUnanswered({ since: Date.parse('2026-11-01T10:00:01Z') })).map((u) => u.count), [1, 1, 1]);
      });

      it('counts feedback per intent and lists the questions whose answers did not help', async () => {
        const store = new FeedbackStore(database.db);
        await store.recordFeedback({ channelId: 'msteams', helpful: true, lang: 'en', question: 'q1', intent: 'pic.end_date', answerKind: 'provider' });
        await store.recordFeedback({ channelId: 'msteams', helpful: false, lang: 'fr', question: 'q2', intent: 'pic.end_date', answerKind: 'provider' });
        await store.recordFeedback({ channelId: 'webchat', helpful: false, lang: 'en' });
        const summary = await store.feedbackSummary();
        assert.equal(summary.helpful, 1);
        assert.equal(summary.notHelpful, 2);
        assert.deepEqual(summary.byIntent.find((b) => b.intent === 'pic.end_date'), { intent: 'pic.end_date', answerKind: 'provider', helpful: 1, notHelpful: 1 });
        assert.deepEqual(summary.notHelpfulQuestions.map((q) => q.question), ['q2']);
      });
    });

    describe('migrations', () => {
      it('are idempotent, and two replicas starting together both succeed', async () => {
        await migrate(database.db as never);
        const url2 = await freshUrl();
        const [a, b] = await Promise.all([openDatabase(url2), openDatabase(url2)]);
        await new FeedbackStore(a.db).recordUnanswered({ channelId: 'x', question: 'q', lang: 'en', intent: 'none', confidence: 0, reason: 'out-of-scope' });
        assert.equal((await new FeedbackStore(b.db).listUnanswered()).length, 1);
        await a.close();
        await b.close();
      });
    });
  });
}

describe('npm run kb:unanswered', function () {
  this.timeout(60_000);
  const script = resolve(__dirname, '../../scripts/kbUnanswered.ts');
  const tsx = resolve(__dirname, '../../node_modules/.bin/tsx');
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'lync-kb-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('says so plainly when nothing was recorded, without creating a database', async () => {
    const { stdout } = await run(tsx, [script], { env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'none', 'bot.sqlite')}` } });
    assert.match(stdout, /No unanswered questions recorded yet/);
  });

  it('lists the unanswered questions and the unhelpful answers of a database', async () => {
    const url = `sqlite:${join(dir, 'bot.sqlite')}`;
    const database = await openDatabase(url);
    const store = new FeedbackStore(database.db);
    for (const q of ['Is Zoom supported?', 'is zoom supported', 'Skype for Business Server 2015 ?']) {
      await store.recordUnanswered({ channelId: 'msteams', question: q, lang: 'en', intent: 'none', confidence: 0.1, reason: 'out-of-scope' });
    }
    await store.recordFeedback({ channelId: 'msteams', helpful: false, lang: 'en', question: 'when did aol end?', intent: 'pic.end_date', answerKind: 'provider' });
    await database.close();
    const { stdout } = await run(tsx, [script], { env: { ...process.env, DATABASE_URL: url } });
    assert.match(stdout, /could not answer \(2, most asked first\)/);
    assert.match(stdout, /^ +2× +\d{4}-\d\d-\d\d +en +is zoom supported/im);
    assert.match(stdout, /Feedback: 0 helpful, 1 not helpful/);
    assert.match(stdout, /when did aol end\? +\[pic\.end_date\]/);
    const json = JSON.parse((await run(tsx, [script, '--json', '--limit', '1'], { env: { ...process.env, DATABASE_URL: url } })).stdout);
    assert.equal(json.unanswered.length, 1);
    assert.equal(questionKey(json.unanswered[0].question), 'is zoom supported');
  });

  it('refuses a bad option with a clear message', async () => {
    await assert.rejects(run(tsx, [script, '--since', 'yesterday'], { env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}` } }), /--since: expected a date/);
  });
});
