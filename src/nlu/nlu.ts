import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { allowedTypos, editDistance, EntityExtractor, type EntityMention } from './entityExtractor';
import { featuresOf } from './features';
import { BayesIntentClassifier, type Example, type IntentClassifier, type Scored } from './intentClassifier';
import { NONE_INTENT } from './intents';
import { detectLanguage } from './languageDetector';
import { tokenize } from './normalize';

/** Products named in a message, by kind, in the order they appear (duplicates removed). */
export interface Entities {
  clients: string[];
  servers: string[];
  providers: string[];
}

/** What the bot understood of one message. */
export interface Understanding {
  /** The question as the user wrote it (mention removed). */
  text: string;
  lang: Lang;
  /** Normalised words of the message. */
  tokens: string[];
  /** Best intent, or `none` when the message is out of scope. */
  intent: string;
  confidence: number;
  ranking: Scored[];
  entities: Entities;
  mentions: EntityMention[];
  /**
   * Words that are not product names, not known to the classifier and not a typo of a known word:
   * likely names of products the knowledge base does not have ("zoom", "2015").
   */
  unknownWords: string[];
  /** How many words (outside product names) in-scope training phrases use, typos corrected. */
  knownWords: number;
}

/** Below this confidence the best intent is only a guess. */
export const CONFIDENT = 0.5;

/** Builds classifier examples from the knowledge base's training phrases (never its held-out tests). */
export function trainingExamples(kb: KnowledgeBase, extractor: EntityExtractor): Example[] {
  const out: Example[] = [];
  for (const entry of kb.training) {
    for (const lang of ['en', 'fr'] as const) {
      for (const phrase of entry.utterances[lang]) {
        const tokens = tokenize(phrase);
        out.push({ features: featuresOf(tokens, extractor.extract(tokens)), intent: entry.intent });
      }
    }
  }
  return out;
}

/**
 * Language, entities and intent of a message. Built once per knowledge base; `understand` is pure and
 * fast (no I/O, no allocation beyond the message's own tokens).
 */
export class Nlu {
  readonly extractor: EntityExtractor;
  readonly classifier: IntentClassifier;

  /** Stems seen in in-scope training phrases. */
  private readonly domainFeatures = new Set<string>();
  /** Words of the in-scope training phrases that may carry a typo, for spelling correction. */
  private readonly correctable: string[];

  constructor(kb: KnowledgeBase, classifier?: IntentClassifier) {
    this.extractor = new EntityExtractor(kb);
    const examples = trainingExamples(kb, this.extractor);
    this.classifier = classifier ?? new BayesIntentClassifier(examples);
    // Words only seen in out-of-scope phrases ("zoom", "windows") stay unknown: they name other products.
    for (const e of examples) if (e.intent !== NONE_INTENT) for (const f of e.features) this.domainFeatures.add(f);
    const words = new Set<string>();
    for (const entry of kb.training) for (const lang of ['en', 'fr'] as const) {
      if (entry.intent === NONE_INTENT) continue;
      for (const phrase of entry.utterances[lang]) for (const t of tokenize(phrase)) if (allowedTypos(t) > 0) words.add(t);
    }
    this.correctable = [...words];
  }

  /** The training word a mistyped word stands for ("suported" → "supported"), if one is close enough. */
  private correct(token: string): string | undefined {
    const budget = allowedTypos(token);
    if (budget === 0) return undefined;
    let best: string | undefined;
    let bestDistance = budget + 1;
    for (const word of this.correctable) {
      if (Math.abs(word.length - token.length) >= bestDistance) continue;
      const d = editDistance(token, word, Math.min(bestDistance - 1, allowedTypos(word)));
      if (d < bestDistance) { best = word; bestDistance = d; }
    }
    return best;
  }

  understand(text: string, fallbackLang: Lang = 'en'): Understanding {
    const lang = detectLanguage(text, fallbackLang);
    const tokens = tokenize(text);
    const mentions = this.extractor.extract(tokens);
    const entities: Entities = { clients: [], servers: [], providers: [] };
    for (const m of mentions) {
      const list = m.kind === 'client' ? entities.clients : m.kind === 'server' ? entities.servers : entities.providers;
      if (!list.includes(m.id)) list.push(m.id);
    }
    const inMention = new Set<number>();
    for (const m of mentions) for (let i = m.start; i < m.end; i++) inMention.add(i);
    let knownWords = 0;
    const unknownWords: string[] = [];
    const words = tokens.map((t, i) => {
      if (inMention.has(i)) return t;
      if (featuresOf([t], []).some((f) => this.domainFeatures.has(f))) { knownWords++; return t; }
      const fixed = /^\d+$/.test(t) ? undefined : this.correct(t);
      if (fixed !== undefined) { knownWords++; return fixed; }
      if (t.length >= 2 || /\d/.test(t)) unknownWords.push(t);
      return t;
    });
    const features = featuresOf(words, mentions);

    if (knownWords === 0 && mentions.length === 0) {
      return { text, lang, tokens, intent: NONE_INTENT, confidence: 1, ranking: [], entities, mentions, unknownWords, knownWords };
    }
    const ranking = this.classifier.rank(features);
    const best = ranking[0] as Scored;
    return { text, lang, tokens, intent: best.intent, confidence: best.confidence, ranking, entities, mentions, unknownWords, knownWords };
  }
}
