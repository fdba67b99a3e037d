import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';

/**
 * Additive smoothing for unseen word/intent pairs. natural's default (1) favours small intents too much
 * for words they never saw; 0.5 scored best of 0.05–2 on the held-out phrases (`npm run nlu:compare`).
 */
export const SMOOTHING = 0.5;

/** An intent with its share of the probability mass. */
export interface Scored {
  intent: string;
  confidence: number;
}

/** A labelled example: its features and intent. */
export interface Example {
  features: string[];
  intent: string;
  /** Products the phrase names, as `kind:id` ("client:lync2010"). */
  products?: string[];
}

/** What the NLU needs from a classifier. */
export interface IntentClassifier {
  /** Intents ranked best first, confidences summing to 1. */
  rank(features: readonly string[]): Scored[];
}

/**
 * Naive Bayes over word features, trained with `natural`'s BayesClassifier. Natural scores an observation
 * by scanning its whole vocabulary for each class; after training, its counts are compiled into per-class
 * log-probability tables so that a question costs a few look-ups per word. `rank` orders intents exactly as
 * `natural`'s own `getClassifications` does (a unit test checks it on the corpus).
 */
export class BayesIntentClassifier implements IntentClassifier {
  readonly natural: BayesClassifier;
  private readonly labels: string[];
  private readonly logPrior: Float64Array;
  /** feature → per-label log P(feature | label). */
  private readonly table = new Map<string, Float64Array>();

  constructor(examples: readonly Example[]) {
    this.natural = new BayesClassifier(undefined, SMOOTHING);
    for (const e of examples) this.natural.addDocument([...e.features], e.intent);
    this.natural.train();
    const model = this.natural.classifier;
    this.labels = Object.keys(model.classFeatures);
    const n = this.labels.length;
    this.logPrior = new Float64Array(n);
    this.labels.forEach((label, c) => {
      const total = model.classTotals[label] as number;
      this.logPrior[c] = Math.log(total / model.totalExamples);
    });
    Object.keys(this.natural.features).forEach((feature, index) => {
      const row = new Float64Array(n);
      this.labels.forEach((label, c) => {
        const count = (model.classFeatures[label] as Record<number, number>)[index] || model.smoothing;
        row[c] = Math.log(count / (model.classTotals[label] as number));
      });
      this.table.set(feature, row);
    });
  }

  rank(features: readonly string[]): Scored[] {
    const n = this.labels.length;
    const scores = Float64Array.from(this.logPrior);
    const seen = new Set<string>();
    for (const f of features) {
      if (seen.has(f)) continue;
      seen.add(f);
      const row = this.table.get(f);
      if (!row) continue;
      for (let c = 0; c < n; c++) scores[c] = (scores[c] as number) + (row[c] as number);
    }
    let max = -Infinity;
    for (let c = 0; c < n; c++) if ((scores[c] as number) > max) max = scores[c] as number;
    let sum = 0;
    const exp = new Float64Array(n);
    for (let c = 0; c < n; c++) { exp[c] = Math.exp((scores[c] as number) - max); sum += exp[c] as number; }
    const out: Scored[] = [];
    for (let c = 0; c < n; c++) out.push({ intent: this.labels[c] as string, confidence: (exp[c] as number) / sum });
    return out.sort((a, b) => b.confidence - a.confidence);
  }
}
