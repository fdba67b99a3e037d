/**
 * `npm run nlu:compare [dir] [perIntent]`: trains natural's naive Bayes and logistic regression
 * classifiers on the same features and scores both on the held-out test phrases. natural's logistic
 * regression trains by dense gradient descent (sylvester matrices) and did not finish on the full corpus
 * in 40 minutes on 2 cores, so both are also compared on a sample of `perIntent` phrases per intent (default
 * 3). The bot keeps naive Bayes; this script is how that choice was made and can be re-checked.
 */
import { resolve } from 'node:path';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier';
import { loadKnowledge } from '../src/knowledge/loader';
import { featuresOf } from '../src/nlu/features';
import { BayesIntentClassifier } from '../src/nlu/intentClassifier';
import { Nlu, trainingExamples } from '../src/nlu/nlu';
import { tokenize } from '../src/nlu/normalize';

const kb = loadKnowledge(resolve(process.argv[2] ?? 'knowledge'));
const nlu = new Nlu(kb);
const examples = trainingExamples(kb, nlu.extractor);
const tests = kb.training.flatMap((e) =>
  [...e.tests.en, ...e.tests.fr].map((text) => {
    const tokens = tokenize(text);
    return { features: featuresOf(tokens, nlu.extractor.extract(tokens)), intent: e.intent };
  }),
);

function score(name: string, train: () => (f: string[]) => string): void {
  const t0 = performance.now();
  const classify = train();
  const trainMs = performance.now() - t0;
  const t1 = performance.now();
  const right = tests.filter((t) => classify(t.features) === t.intent).length;
  const perQuestionUs = ((performance.now() - t1) * 1000) / tests.length;
  console.log(
    `${name.padEnd(22)} accuracy ${((100 * right) / tests.length).toFixed(1)} % (${right}/${tests.length})  training ${trainMs.toFixed(0)} ms  ${perQuestionUs.toFixed(1)} µs/question`,
  );
}

console.log(`${examples.length} training phrases, ${tests.length} held-out phrases, ${kb.training.length} intents\n`);
score('naive Bayes (natural)', () => {
  const c = new BayesIntentClassifier(examples);
  return (f) => c.rank(f)[0]?.intent ?? '';
});
const perIntent = Number(process.argv[3] ?? 3);
const seen = new Map<string, number>();
const sample = examples.filter((e) => {
  const n = seen.get(e.intent) ?? 0;
  seen.set(e.intent, n + 1);
  return n < perIntent;
});
console.log(`\nOn a sample of ${sample.length} phrases (${perIntent} per intent):`);
score('naive Bayes (natural)', () => {
  const c = new BayesIntentClassifier(sample);
  return (f) => c.rank(f)[0]?.intent ?? '';
});
score('logistic regression', () => {
  const c = new LogisticRegressionClassifier();
  for (const e of sample) c.addDocument(e.features, e.intent);
  c.train();
  return (f) => c.classify(f);
});
