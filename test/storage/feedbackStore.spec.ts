import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { UnansweredRecord } from '../../src/bot/questionLog';
import { FeedbackStore, type FeedbackInput } from '../../src/storage/feedbackStore';
import { MAX_QUESTION_LENGTH } from '../../src/storage/questionKey';
import { DIALECTS, useTestDatabase } from './testDatabases';

const T0 = Date.parse('2026-11-01T10:00:00Z');

const unanswered = (question: string, more: Partial<UnansweredRecord> = {}): UnansweredRecord => ({
  channelId: 'msteams',
  question,
  lang: 'en',
  intent: 'support',
  confidence: 0.21,
  reason: 'out-of-scope',
  ...more,
});
const feedback = (helpful: boolean, more: Partial<FeedbackInput> = {}): FeedbackInput => ({
  channelId: 'msteams',
  helpful,
  lang: 'en',
  question: 'is lync 2010 supported?',
  intent: 'support',
  answerKind: 'matrix',
  ...more,
});

for (const dialect of DIALECTS) {
  describe(`FeedbackStore on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    const sandbox = sinon.createSandbox();
    let clock: sinon.SinonStub<[], Date>;
    let store: FeedbackStore;
    /** Moves the store's clock to T0 + `seconds`. */
    const at = (seconds: number): void => {
      clock.returns(new Date(T0 + seconds * 1000));
    };

    beforeEach(() => {
      clock = sandbox.stub<[], Date>().returns(new Date(T0));
      store = new FeedbackStore(test.database().db, clock);
    });
    afterEach(() => sandbox.restore());

    describe('unanswered questions', () => {
      it('are grouped however they were typed, most asked first, with the latest wording, date and languages', async () => {
        at(0);
        await store.recordUnanswered(unanswered('Is Zoom supported?'));
        at(1);
        await store.recordUnanswered(unanswered('what about Skype for Business?', { intent: 'product', reason: 'low-confidence' }));
        at(2);
        await store.recordUnanswered(unanswered('is  zoom SUPPORTED', { lang: 'fr', intent: 'none' }));
        at(3);
        await store.recordUnanswered(unanswered('Is Zoom supported ?!'));
        at(4);
        await store.recordUnanswered(unanswered('Lync Phone Edition ?', { lang: 'fr' }));
        assert.deepEqual(await store.listUnanswered(), [
          {
            question: 'Is Zoom supported ?!',
            count: 3,
            lastAsked: new Date(T0 + 3000),
            langs: ['en', 'fr'],
            intent: 'support',
            reason: 'out-of-scope',
          },
          {
            question: 'Lync Phone Edition ?',
            count: 1,
            lastAsked: new Date(T0 + 4000),
            langs: ['fr'],
            intent: 'support',
            reason: 'out-of-scope',
          },
          {
            question: 'what about Skype for Business?',
            count: 1,
            lastAsked: new Date(T0 + 1000),
            langs: ['en'],
            intent: 'product',
            reason: 'low-confidence',
          },
        ]);
      });

      it('can be limited to those asked since a date, and to the N most asked', async () => {
        at(0);
        await store.recordUnanswered(unanswered('zoom?'));
        at(0);
        await store.recordUnanswered(unanswered('webex?'));
        at(10);
        await store.recordUnanswered(unanswered('Zoom'));
        at(20);
        await store.recordUnanswered(unanswered('teams?'));
        const since = await store.listUnanswered({ since: new Date(T0 + 10_000) });
        assert.deepEqual(
          since.map((u) => [u.question, u.count]),
          [
            ['teams?', 1],
            ['Zoom', 1],
          ],
        );
        assert.deepEqual(
          (await store.listUnanswered({ limit: 2 })).map((u) => [u.question, u.count]),
          [
            ['Zoom', 2],
            ['teams?', 1],
          ],
        );
        assert.deepEqual(await store.listUnanswered({ since: new Date(T0 + 60_000) }), []);
      });

      it('keep the question as written, cut at the maximum length', async () => {
        const long = `Pourquoi ${'très '.repeat(600)}long ?`;
        await store.recordUnanswered(unanswered(long, { lang: 'fr' }));
        const [row] = await test.database().db.selectFrom('unanswered').selectAll().execute();
        assert.equal(row?.question, long.slice(0, MAX_QUESTION_LENGTH));
        assert.equal(row?.channel_id, 'msteams');
        assert.equal(row?.confidence, 0.21);
      });

      it('refuse a negative or fractional limit', async () => {
        await assert.rejects(store.listUnanswered({ limit: -1 }), RangeError);
        await assert.rejects(store.listUnanswered({ limit: 1.5 }), RangeError);
      });
    });

    describe('feedback', () => {
      it('is counted per intent and answer kind, most "not helpful" first', async () => {
        await store.recordFeedback(feedback(true));
        await store.recordFeedback(feedback(false));
        await store.recordFeedback(feedback(true, { intent: 'pic.end_date', answerKind: 'provider' }));
        await store.recordFeedback(feedback(false, { intent: 'pic.end_date', answerKind: 'provider', question: 'when did AOL end' }));
        await store.recordFeedback(feedback(false, { intent: 'pic.end_date', answerKind: 'provider', question: 'When did AOL  end?' }));
        await store.recordFeedback({ channelId: 'webchat', helpful: false, lang: 'fr' });
        const summary = await store.feedbackSummary();
        assert.equal(summary.helpful, 2);
        assert.equal(summary.notHelpful, 4);
        assert.deepEqual(summary.byIntent, [
          { intent: 'pic.end_date', answerKind: 'provider', helpful: 1, notHelpful: 2 },
          { intent: 'support', answerKind: 'matrix', helpful: 1, notHelpful: 1 },
          { intent: null, answerKind: null, helpful: 0, notHelpful: 1 },
        ]);
      });

      it('lists the questions whose answers did not help, grouped, most often first', async () => {
        at(0);
        await store.recordFeedback(feedback(false, { question: 'When did AOL end?', intent: 'pic.end_date', answerKind: 'provider' }));
        at(1);
        await store.recordFeedback(feedback(false));
        at(2);
        await store.recordFeedback(feedback(false, { question: 'when did aol END', intent: 'pic.end_date', answerKind: 'provider' }));
        at(3);
        await store.recordFeedback(feedback(true, { question: 'When did AOL end?' }));
        at(4);
        await store.recordFeedback({ channelId: 'webchat', helpful: false, lang: 'fr' }); // no question on the card
        const { notHelpfulQuestions } = await store.feedbackSummary();
        assert.deepEqual(notHelpfulQuestions, [
          { question: 'when did aol END', count: 2, lastAt: new Date(T0 + 2000), intent: 'pic.end_date', answerKind: 'provider' },
          { question: 'is lync 2010 supported?', count: 1, lastAt: new Date(T0 + 1000), intent: 'support', answerKind: 'matrix' },
        ]);
        assert.equal((await store.feedbackSummary({ limit: 1 })).notHelpfulQuestions.length, 1);
      });

      it('can be limited to what was said since a date', async () => {
        at(0);
        await store.recordFeedback(feedback(false));
        at(30);
        await store.recordFeedback(feedback(true, { confidence: 0.9 }));
        const summary = await store.feedbackSummary({ since: new Date(T0 + 30_000) });
        assert.deepEqual([summary.helpful, summary.notHelpful, summary.notHelpfulQuestions.length], [1, 0, 0]);
        const rows = await test.database().db.selectFrom('feedback').select(['confidence', 'helpful']).orderBy('at').execute();
        assert.deepEqual(rows, [
          { confidence: null, helpful: 0 },
          { confidence: 0.9, helpful: 1 },
        ]);
      });

      it('is empty on an empty database', async () => {
        assert.deepEqual(await store.feedbackSummary(), { helpful: 0, notHelpful: 0, byIntent: [], notHelpfulQuestions: [] });
        assert.deepEqual(await store.listUnanswered(), []);
      });
    });

    it('has nowhere to put a conversation or user id', async () => {
      const tables = await test.database().db.introspection.getTables();
      for (const name of ['feedback', 'unanswered']) {
        const columns = tables
          .find((t) => t.name === name)
          ?.columns.map((c) => c.name)
          .sort();
        assert.deepEqual(
          columns,
          name === 'feedback'
            ? ['answer_kind', 'at', 'channel_id', 'confidence', 'helpful', 'id', 'intent', 'lang', 'question', 'question_key']
            : ['at', 'channel_id', 'confidence', 'id', 'intent', 'lang', 'question', 'question_key', 'reason'],
        );
      }
    });
  });
}
