import { strict as assert } from 'node:assert';
import { formatHeldOutReport, heldOutReport, MIN_PHRASES_PER_LANGUAGE } from '../../src/nlu/heldOutReport';
import { fixtureKnowledge, fixtureNlu } from '../helpers/knowledge';
import { rebuiltKnowledge } from '../helpers/knowledgeInvariants';

/**
 * The report behind `npm run kb:check`, on the fixture knowledge base: 18 intents with 4 held-out tests
 * each; `thanks` has two phrases per language (the others five or six) and two of its tests are worded as
 * requests for help.
 */
describe('held-out report (fixture knowledge base)', () => {
  const report = heldOutReport(fixtureKnowledge(), { nlu: fixtureNlu(), minPhrases: 3 });
  const score = (intent: string) => report.intents.find((s) => s.intent === intent);

  it('scores every intent on its held-out tests in both languages, and the whole', () => {
    assert.equal(report.intents.length, 18);
    assert.ok(
      report.intents.every((s) => s.tests === 4),
      'two tests per language per intent',
    );
    assert.equal(report.tests, 72);
    assert.equal(
      report.correct,
      report.intents.reduce((n, s) => n + s.correct, 0),
    );
    assert.equal(report.correct, 70);
    assert.equal(report.accuracy, 70 / 72);
    assert.deepEqual(
      { ...score('support.check'), lostTo: undefined, capturedFrom: undefined },
      {
        intent: 'support.check',
        phrases: { en: 5, fr: 5 },
        tests: 4,
        correct: 4,
        lostTo: undefined,
        capturedFrom: undefined,
        fewPhrases: [],
        untested: [],
      },
    );
    assert.deepEqual(report.untested, []);
  });

  it('flags an intent without held-out tests in a language (not measured there)', () => {
    const kb = rebuiltKnowledge(fixtureKnowledge(), (p) => {
      p.training.find((e) => e.intent === 'frontend.port')!.tests.fr = [];
    });
    const r = heldOutReport(kb, { minPhrases: 3 });
    assert.deepEqual(
      r.untested.map((s) => [s.intent, s.untested]),
      [['frontend.port', ['fr']]],
    );
    const lines = formatHeldOutReport(r);
    assert.match(lines.find((l) => l.startsWith('frontend.port ')) ?? '', /^frontend\.port +5 +5 +2 +2 +100\.0 % no tests \(fr\)$/);
    assert.equal(lines.at(-1), 'No held-out tests (add some under `tests:` to measure them): frontend.port (fr).');
  });

  it('flags the deliberately tiny intent, in both languages, and nothing else at that threshold', () => {
    assert.deepEqual(
      report.fewPhrases.map((s) => [s.intent, s.fewPhrases]),
      [['thanks', ['en', 'fr']]],
    );
    assert.deepEqual(score('thanks')?.phrases, { en: 2, fr: 2 });
    assert.equal(report.fewPhrasesAccuracy, 2 / 4);
    assert.equal(report.enoughPhrasesAccuracy, 68 / 68);
  });

  it(`flags every intent under the default threshold of ${MIN_PHRASES_PER_LANGUAGE} phrases per language`, () => {
    const byDefault = heldOutReport(fixtureKnowledge(), { nlu: fixtureNlu() });
    assert.equal(byDefault.minPhrases, MIN_PHRASES_PER_LANGUAGE);
    assert.equal(byDefault.fewPhrases.length, 18, 'the fixture has at most six phrases per intent and language');
  });

  it("lists the intent that captures other intents' tests, with where they came from", () => {
    assert.deepEqual(
      report.capturing.map((s) => [s.intent, [...s.capturedFrom]]),
      [['help', [['thanks', 2]]]],
    );
    assert.deepEqual([...(score('thanks')?.lostTo ?? [])], [['help', 2]]);
    assert.deepEqual(
      heldOutReport(fixtureKnowledge(), { nlu: fixtureNlu(), minCaptured: 3 }).capturing,
      [],
      'two tests are under a threshold of 3',
    );
  });

  it('prints a compact table, then the overall accuracy and the flags', () => {
    const lines = formatHeldOutReport(report);
    assert.match(lines[0] ?? '', /^intent +en +fr +tests +right +accuracy +flags$/);
    assert.equal(lines.filter((l) => /^[a-z._]+ +\d+ +\d+ +\d+ +\d+ +[\d.]+ %/.test(l)).length, 18, 'a row per intent');
    assert.match(lines.find((l) => l.startsWith('thanks ')) ?? '', /^thanks +2 +2 +4 +2 +50\.0 % few phrases \(en, fr\)$/);
    assert.match(lines.find((l) => l.startsWith('help ')) ?? '', /^help +5 +5 +4 +4 +100\.0 % captures 2$/);
    assert.ok(lines.includes('Held-out accuracy: 97.2 % (70/72), classifier trained on the utterances only.'), lines.join('\n'));
    assert.deepEqual(lines.slice(-4), [
      "Fewer than 3 training phrases in a language (their held-out accuracy 50.0 %, the other intents' 100.0 %):",
      '  thanks: en 2, fr 2',
      'Receiving 2 or more held-out tests of other intents:',
      '  help takes 2: thanks 2',
    ]);
    assert.ok(
      lines.every((l) => l.length <= 120),
      'fits a terminal',
    );
  });
});
