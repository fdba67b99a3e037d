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
 * Naive Bayes over word features, with the estimates of `natural`'s BayesClassifier (apparatus's): per
 * intent, P(intent) = (examples + 1) / (all examples + 1) and P(feature | intent) = (examples having it +
 * SMOOTHING) / (examples + 1), SMOOTHING for a feature the intent never had; examples without features
 * are ignored. natural trains by scanning its whole vocabulary for every example and scores the same way;
 * here the counts are taken in one pass and compiled into per-intent log-probability tables, so that
 * training takes milliseconds and a question costs a few look-ups per word. `rank` orders intents exactly
 * as natural's `getClassifications` does (a unit test checks it on the corpus).
 */
export class BayesIntentClassifier implements IntentClassifier {
  private readonly labels: string[];
  // Plain arrays of doubles: V8 copies and adds them faster than small Float64Arrays.
  private readonly logPrior: number[];
  /** feature → per-label log P(feature | label). */
  private readonly table = new Map<string, number[]>();

  constructor(examples: readonly Example[]) {
    // Counted as apparatus counts: a label's total starts at 1, the grand total at 1, and a feature's
    // count at 1 + SMOOTHING on its first example, + 1 on each further one.
    const classTotals = new Map<string, number>();
    const counts = new Map<string, Map<string, number>>();
    let totalExamples = 1;
    for (const e of examples) {
      if (e.features.length === 0) continue;
      const label = e.intent.trim();
      classTotals.set(label, (classTotals.get(label) ?? 1) + 1);
      totalExamples++;
      for (const feature of new Set(e.features)) {
        const byLabel = counts.get(feature) ?? new Map<string, number>();
        const count = byLabel.get(label);
        byLabel.set(label, count ? count + 1 : 1 + SMOOTHING);
        counts.set(feature, byLabel);
      }
    }
    this.labels = [...classTotals.keys()];
    const totals = this.labels.map((label) => classTotals.get(label) as number);
    this.logPrior = totals.map((total) => Math.log(total / totalExamples));
    for (const [feature, byLabel] of counts) {
      this.table.set(
        feature,
        this.labels.map((label, c) => Math.log((byLabel.get(label) || SMOOTHING) / (totals[c] as number))),
      );
    }
  }

  rank(features: readonly string[]): Scored[] {
    const n = this.labels.length;
    const scores = this.logPrior.slice();
    for (let i = 0; i < features.length; i++) {
      const f = features[i] as string;
      if (features.indexOf(f) !== i) continue; // each feature once (messages have a handful)
      const row = this.table.get(f);
      if (!row) continue;
      for (let c = 0; c < n; c++) scores[c] = (scores[c] as number) + (row[c] as number);
    }
    let max = -Infinity;
    for (let c = 0; c < n; c++) if ((scores[c] as number) > max) max = scores[c] as number;
    let sum = 0;
    for (let c = 0; c < n; c++) {
      const e = Math.exp((scores[c] as number) - max);
      scores[c] = e;
      sum += e;
    }
    // Best first. An insertion sort of indices: with a few dozen intents it beats Array#sort's callbacks.
    const order: number[] = [];
    for (let c = 0; c < n; c++) {
      let j = c;
      order.push(c);
      while (j > 0 && (scores[order[j - 1] as number] as number) < (scores[c] as number)) {
        order[j] = order[j - 1] as number;
        j--;
      }
      order[j] = c;
    }
    const out: Scored[] = new Array<Scored>(n);
    for (let k = 0; k < n; k++) {
      const c = order[k] as number;
      out[k] = { intent: this.labels[c] as string, confidence: (scores[c] as number) / sum };
    }
    return out;
  }
}
