import { loadKnowledge } from '../../src/knowledge/loader';
import { featuresOf } from '../../src/nlu/features';
import { Nlu } from '../../src/nlu/nlu';
import { tokenize } from '../../src/nlu/normalize';
import { Reasoner } from '../../src/reasoning/reasoner';
import type { Question } from './questions';

/**
 * Questions per second through one function: after a 2 s warm-up, the median of half-second rounds, so
 * that a burst of other work on the machine moves one round and not the figure.
 */
function rate(questions: readonly unknown[], seconds: number, fn: (i: number) => void): number {
  const run = (ms: number): number => {
    let n = 0;
    const until = performance.now() + ms;
    const started = performance.now();
    while (performance.now() < until) {
      for (let i = 0; i < questions.length; i++) fn(i);
      n += questions.length;
    }
    return n / ((performance.now() - started) / 1000);
  };
  // Warm-up long enough for the JIT to settle on the reasoning layer's code paths (0.5 s left it cold).
  run(2000);
  const rounds = Array.from({ length: Math.max(1, Math.round(seconds * 2)) }, () => run(500)).sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)] as number;
}

export interface ClassifierResult {
  /** Nlu.understand: language, entities, spelling, intent. */
  understandPerSecond: number;
  /** The intent classifier alone, on features computed beforehand. */
  rankPerSecond: number;
  /** Nlu.understand, then the reasoning layer (frame, shape, answer computed from the relations). */
  understandAndReasonPerSecond: number;
}

/** The NLU in this process, as the app builds it from the knowledge base, over the evaluation questions. */
export function benchClassifier(knowledgeDir: string, questions: readonly Question[], seconds: number): ClassifierResult {
  const kb = loadKnowledge(knowledgeDir);
  const nlu = new Nlu(kb);
  const reasoner = new Reasoner(kb);
  const today = new Date();
  const understandPerSecond = rate(questions, seconds, (i) => {
    const { q, lang } = questions[i] as Question;
    nlu.understand(q, lang);
  });
  const features = questions.map(({ q }) => {
    const tokens = tokenize(q);
    return featuresOf(tokens, nlu.extractor.extract(tokens));
  });
  const rankPerSecond = rate(features, seconds, (i) => nlu.classifier.rank(features[i] as string[]));
  const understandAndReasonPerSecond = rate(questions, seconds, (i) => {
    const { q, lang } = questions[i] as Question;
    reasoner.reason(nlu.understand(q, lang), undefined, today);
  });
  return { understandPerSecond, rankPerSecond, understandAndReasonPerSecond };
}
