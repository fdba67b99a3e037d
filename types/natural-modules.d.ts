// Types for the few `natural` modules imported directly (importing the package root loads its
// storage back-ends: mongoose, pg, redis).
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr' {
  const PorterStemmerFr: { stem(token: string): string };
  export = PorterStemmerFr;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  import type { NaturalClassifier } from 'natural-classifier-base';
  class BayesClassifier extends NaturalClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    classifier: {
      classFeatures: Record<string, Record<number, number>>;
      classTotals: Record<string, number>;
      totalExamples: number;
      smoothing: number;
    };
  }
  export = BayesClassifier;
}
declare module 'natural/lib/natural/classifiers/logistic_regression_classifier' {
  import type { NaturalClassifier } from 'natural-classifier-base';
  class LogisticRegressionClassifier extends NaturalClassifier {
    constructor(stemmer?: unknown);
  }
  export = LogisticRegressionClassifier;
}
declare module 'natural-classifier-base' {
  export class NaturalClassifier {
    features: Record<string, number>;
    addDocument(tokens: string[], label: string): void;
    train(): void;
    classify(tokens: string[]): string;
    getClassifications(tokens: string[]): { label: string; value: number }[];
  }
}
