import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import PorterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr';
import type { EntityMention } from './entityExtractor';

/** Placeholder feature standing for a product of a kind ("#client"), so phrases generalise across names. */
export function placeholder(kind: EntityMention['kind']): string {
  return `#${kind}`;
}

/** Stemming is pure and costly (regular expressions), and words recur from message to message: remembered. */
const stemmed = new Map<string, readonly string[]>();
/** Bound on remembered words, so that a flood of made-up words cannot grow memory without limit. */
const STEMMED_MAX = 20_000;

/** Features of one word on its own: a number as it is, nothing for a single letter, else its English and French stems. */
export function wordFeatures(token: string): readonly string[] {
  let features = stemmed.get(token);
  if (features === undefined) {
    if (/^\d+$/.test(token)) features = [token];
    else if (token.length === 1) features = [];
    else features = [PorterStemmer.stem(token), PorterStemmerFr.stem(token)];
    if (stemmed.size >= STEMMED_MAX) stemmed.clear();
    stemmed.set(token, features);
  }
  return features;
}

/**
 * Classifier features of a normalised message: each word's English and French stems (one model serves
 * both languages, so a misjudged language does not derail it), numbers as they are, and one placeholder
 * per product mention.
 */
export function featuresOf(tokens: readonly string[], mentions: readonly EntityMention[]): string[] {
  const out = new Set<string>();
  let m = 0;
  for (let i = 0; i < tokens.length; i++) {
    const mention = mentions[m];
    if (mention && i >= mention.start) {
      out.add(placeholder(mention.kind));
      i = mention.end - 1;
      m++;
      continue;
    }
    for (const f of wordFeatures(tokens[i] as string)) out.add(f);
  }
  return [...out];
}
