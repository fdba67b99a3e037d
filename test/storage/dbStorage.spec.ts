import { strict as assert } from 'node:assert';
import { MemoryStorage } from 'botbuilder';
import pg from 'pg';
import sinon from 'sinon';
import { openDatabase, type Database } from '../../src/storage/database';
import { DbStorage } from '../../src/storage/dbStorage';
import { ETagConflictError } from '../../src/errors';
import { STORAGE_CONFORMANCE, runWaterfall } from './storageConformance';
import { DIALECTS, useTestDatabase } from './testDatabases';
import { runWorkersTogether } from './workers';

describe("storage conformance cases, on botbuilder's MemoryStorage (the reference)", () => {
  for (const [name, check] of Object.entries(STORAGE_CONFORMANCE)) {
    it(name, () => check(new MemoryStorage()));
  }
});

for (const dialect of DIALECTS) {
  describe(`DbStorage on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    const storage = (): DbStorage => new DbStorage(test.database().db);
    const eTagOf = async (s: DbStorage, key: string): Promise<string> => {
      const eTag: unknown = (await s.read([key]))[key]?.eTag;
      assert.equal(typeof eTag, 'string', `${key} has an eTag`);
      return String(eTag);
    };

    describe("botbuilder's storage conformance cases", () => {
      for (const [name, check] of Object.entries(STORAGE_CONFORMANCE)) {
        it(name, () => check(storage()));
      }
    });

    it("refuses a write with a stale eTag, with botbuilder's message, and keeps the newer item", async () => {
      const s = storage();
      await s.write({ k: { v: 1 } });
      const stale = await eTagOf(s, 'k');
      await s.write({ k: { v: 2, eTag: stale } });
      await assert.rejects(
        s.write({ k: { v: 3, eTag: stale } }),
        (err: unknown) =>
          err instanceof ETagConflictError && err.key === 'k' && err.message === 'Storage: error writing "k" due to eTag conflict.',
      );
      assert.equal((await s.read(['k'])).k?.v, 2);
      await s.write({ k: { v: 4, eTag: await eTagOf(s, 'k') } });
      assert.equal((await s.read(['k'])).k?.v, 4);
    });

    it('gives every write a new eTag, and stores the item without it', async () => {
      const s = storage();
      const seen = new Set<string>();
      for (const item of [{ v: 1 }, { v: 2, eTag: '*' }, { v: 3, eTag: '' }]) {
        await s.write({ k: item });
        seen.add(await eTagOf(s, 'k'));
      }
      await s.write({ k: { v: 4, eTag: await eTagOf(s, 'k') } });
      seen.add(await eTagOf(s, 'k'));
      assert.equal(seen.size, 4);
      const row = await test.database().db.selectFrom('bot_state').selectAll().where('key', '=', 'k').executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(row.document), { v: 4 });
      assert.equal(row.etag, await eTagOf(s, 'k'));
    });

    it('creates a missing key whatever eTag the write carries (as MemoryStorage does)', async () => {
      const s = storage();
      await s.write({ fresh: { v: 1, eTag: 'from-another-life' } });
      assert.equal((await s.read(['fresh'])).fresh?.v, 1);
    });

    it('stamps updated_at with the clock it was given', async () => {
      const clock = sinon.stub<[], Date>().returns(new Date('2026-11-02T08:00:00Z'));
      await new DbStorage(test.database().db, clock).write({ k: { v: 1 } });
      const row = await test.database().db.selectFrom('bot_state').select('updated_at').where('key', '=', 'k').executeTakeFirstOrThrow();
      assert.equal(row.updated_at, Date.parse('2026-11-02T08:00:00Z'));
      sinon.assert.calledOnce(clock);
    });

    it('keeps JSON types and unicode, and reads each key once', async () => {
      const s = storage();
      const item = { text: 'Lync « 2013 » 🚀', n: 1.5, flag: false, none: null, list: [1, 'two'], nested: { deep: { x: 1 } } };
      await s.write({ doc: item });
      const read = await s.read(['doc', 'doc', 'absent']);
      assert.deepEqual(Object.keys(read), ['doc']);
      const { eTag, ...rest } = read.doc ?? {};
      assert.equal(typeof eTag, 'string');
      assert.deepEqual(rest, item);
    });

    it('refuses an item that is not an object', async () => {
      await assert.rejects(storage().write({ k: 'text' }), TypeError);
      await assert.rejects(storage().delete(null as unknown as string[]), ReferenceError);
    });

    it('keeps state across a restart', async () => {
      await storage().write({ conversation: { memory: { lang: 'fr' } } });
      const reopened = await openDatabase(test.url());
      try {
        assert.deepEqual((await new DbStorage(reopened.db).read(['conversation'])).conversation?.memory, { lang: 'fr' });
      } finally {
        await reopened.close();
      }
    });

    describe('with a second connection, as a second replica has', () => {
      let other: Database;
      before(async () => {
        other = await openDatabase(test.url());
      });
      after(async () => {
        await other.close();
      });

      it('continues a waterfall whose turns alternate between the two', async () => {
        await runWaterfall([storage(), new DbStorage(other.db)]);
      });

      it('lets exactly one of two conditional writes with the same eTag win, every time', async () => {
        const a = storage();
        const b = new DbStorage(other.db);
        await a.write({ race: { v: 'start' } });
        for (let round = 0; round < 20; round++) {
          const eTag = await eTagOf(a, 'race');
          const results = await Promise.allSettled([
            a.write({ race: { v: `a${round}`, eTag } }),
            b.write({ race: { v: `b${round}`, eTag } }),
          ]);
          const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i === 0 ? `a${round}` : `b${round}`] : []));
          assert.equal(winners.length, 1, `round ${round}: exactly one winner`);
          assert.ok(results.some((r) => r.status === 'rejected' && r.reason instanceof ETagConflictError));
          assert.equal((await b.read(['race'])).race?.v, winners[0], "the winner's item is stored");
        }
      });
    });

    it('lets exactly one of four processes win a conditional write with the same eTag', async () => {
      const s = storage();
      await s.write({ contested: { value: 'start' } });
      const eTag = await eTagOf(s, 'contested');
      const results = await runWorkersTogether(['w0', 'w1', 'w2', 'w3'].map((v) => ['write', test.url(), 'contested', eTag, v]));
      const winners = results.flatMap((r, i) => (r !== null && typeof r === 'object' && 'won' in r && r.won === true ? [`w${i}`] : []));
      assert.equal(winners.length, 1, JSON.stringify(results));
      assert.equal((await s.read(['contested'])).contested?.value, winners[0]);
    });

    it('lets exactly one of four processes create a missing key with a conditional write', async () => {
      const results = await runWorkersTogether(['w0', 'w1', 'w2', 'w3'].map((v) => ['write', test.url(), 'created', 'some-etag', v]));
      const winners = results.flatMap((r, i) => (r !== null && typeof r === 'object' && 'won' in r && r.won === true ? [`w${i}`] : []));
      assert.equal(winners.length, 1, JSON.stringify(results));
      assert.equal((await storage().read(['created'])).created?.value, winners[0]);
    });

    if (dialect === 'postgres') {
      it('makes a conditional write wait for a concurrent transaction on the row, then lose to it', async () => {
        const s = storage();
        await s.write({ held: { v: 'start' } });
        const eTag = await eTagOf(s, 'held');
        const holder = new pg.Client({ connectionString: test.url() });
        await holder.connect();
        try {
          await holder.query('BEGIN');
          await holder.query("UPDATE bot_state SET etag = 'holder', document = '{\"v\":\"holder\"}' WHERE key = 'held' AND etag = $1", [
            eTag,
          ]);
          let settled = false;
          const contender = s.write({ held: { v: 'contender', eTag } }).finally(() => {
            settled = true;
          });
          contender.catch(() => undefined); // observed below; avoids an unhandled rejection meanwhile
          await new Promise((resolve) => setTimeout(resolve, 300));
          assert.equal(settled, false, 'the contender waits for the row lock');
          await holder.query('COMMIT');
          await assert.rejects(contender, ETagConflictError);
          assert.equal((await s.read(['held'])).held?.v, 'holder');
        } finally {
          await holder.end();
        }
      });
    }
  });
}
