import { strict as assert } from 'node:assert';
import { featuresOf } from '../../src/nlu/features';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import { heldOutReport, formatHeldOutReport } from '../../src/nlu/heldOutReport';
import { BayesIntentClassifier, SMOOTHING } from '../../src/nlu/intentClassifier';
import { trainingExamples } from '../../src/nlu/nlu';
import { tokenize } from '../../src/nlu/normalize';
import { realKnowledge, realNlu } from '../helpers/knowledge';
import { HELD_OUT_ACCURACY_FLOOR } from '../helpers/knowledgeInvariants';

/** Held-out phrases of the real corpus, never trained on. */
function heldOut(): { text: string; intent: string }[] {
  return realKnowledge().training.flatMap((e) => [...e.tests.en, ...e.tests.fr].map((text) => ({ text, intent: e.intent })));
}

describe('intent classifier', () => {
  it('reaches the accuracy floor on the held-out phrases of every intent (NLU alone, trained on the utterances only)', () => {
    const report = heldOutReport(realKnowledge(), { nlu: realNlu() });
    assert.ok(report.tests > 0, 'held-out tests to measure');
    const accuracy = report.accuracy ?? 0;
    assert.ok(accuracy >= HELD_OUT_ACCURACY_FLOOR, `accuracy ${(accuracy * 100).toFixed(1)} %\n${formatHeldOutReport(report).join('\n')}`);
  });

  it("ranks exactly as natural's own BayesClassifier does", () => {
    const kb = realKnowledge();
    const nlu = realNlu();
    const examples = trainingExamples(kb, nlu.extractor);
    const classifier = new BayesIntentClassifier(examples);
    const natural = new BayesClassifier(undefined, SMOOTHING);
    for (const e of examples) natural.addDocument([...e.features], e.intent);
    natural.train();
    for (const { text } of heldOut().slice(0, 80)) {
      const tokens = tokenize(text);
      const features = featuresOf(tokens, nlu.extractor.extract(tokens));
      const ours = classifier.rank(features);
      const theirs = natural.getClassifications(features);
      assert.equal(ours[0]?.intent, theirs[0]?.label, text);
      // natural's values are unnormalised probabilities, ours their shares (near-ties may round apart).
      const sum = theirs.reduce((s, r) => s + r.value, 0);
      const share = new Map(ours.map((r) => [r.intent, r.confidence]));
      for (const r of theirs) assert.ok(Math.abs((share.get(r.label) ?? NaN) - r.value / sum) < 1e-9, `${text}: ${r.label}`);
    }
  });

  it('gives confidences that sum to 1', () => {
    const ranking = realNlu().understand('which port does IM use').ranking;
    const sum = ranking.reduce((s, r) => s + r.confidence, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9);
  });

  it('sends gibberish and unknown words to "none"', () => {
    for (const text of ['asdf qwer zxcv', 'blorp', '???']) assert.equal(realNlu().understand(text).intent, 'none', text);
  });
});
