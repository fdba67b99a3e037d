import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import PorterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr';
import type { EntityMention } from './entityExtractor';

/** Placeholder feature standing for a product of a kind ("#client"), so phrases generalise across names. */
export function placeholder(kind: EntityMention['kind']): string {
  return `#${kind}`;
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
    const token = tokens[i] as string;
    if (/^\d+$/.test(token)) { out.add(token); continue; }
    if (token.length === 1) continue;
    out.add(PorterStemmer.stem(token));
    out.add(PorterStemmerFr.stem(token));
  }
  return [...out];
}
