import type { EntityKind, KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { allowedTypos, editDistance, EntityExtractor, letterGap, letterMask, type EntityMention } from './entityExtractor';
import { featuresOf, wordFeatures } from './features';
import { BayesIntentClassifier, type Example, type IntentClassifier, type Scored } from './intentClassifier';
import { NONE_INTENT } from './intents';
import { detectLanguage, languageWords, type LanguageWords } from './languageDetector';
import { fold, questionSentences, tokenize, tokensOfFolded } from './normalize';

/** Products named in a message, by kind, in the order they appear (duplicates removed). */
export interface Entities {
  clients: string[];
  servers: string[];
  providers: string[];
  /** Related products (not matrix rows or columns), e.g. the Lync Server 2010 Group Chat server. */
  products: string[];
  /** End-of-life entries of `end-of-life.yaml` (for reminders). */
  endOfLife: string[];
}

/** What the bot understood of one message. */
export interface Understanding {
  /** The question as the user wrote it (mention removed). */
  text: string;
  lang: Lang;
  /** Normalised words of the message. */
  tokens: string[];
  /** The tokens with typos corrected into words the classifier knows ("suported" → "supported"), when any were. */
  corrected?: string[];
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

/** Where the question of a message with context starts, in tokens (see `questionSentences`); 0 for one sentence. */
export function questionStart(text: string): number {
  const { sentences, asked } = questionSentences(text);
  return asked === 0 ? 0 : tokensOfFolded(fold(sentences.slice(0, asked).join(' '))).length;
}

/** Below this confidence the best intent is only a guess. */
export const CONFIDENT = 0.5;

/** An intent names a kind of product when at least this share of its phrases do. */
const MIN_PRODUCT_SHARE = 0.05;
/** Below this, the classifier does not believe in an intent at all. */
const UNSURE = 0.05;

/** An intent whose phrases name this many products of a kind asks about any product of that kind. */
const GENERIC_PRODUCT_COUNT = 4;

/** How an intent's training phrases name products of one kind. */
interface KindProfile {
  /** Share of the phrases naming a product of this kind. */
  share: number;
  /** The products named. */
  ids: Set<string>;
}

/** For each intent, how its training phrases name each kind of product. */
function productProfiles(examples: readonly Example[]): Map<string, Map<string, KindProfile>> {
  const totals = new Map<string, number>();
  const counts = new Map<string, Map<string, { n: number; ids: Set<string> }>>();
  for (const e of examples) {
    totals.set(e.intent, (totals.get(e.intent) ?? 0) + 1);
    const byKind = counts.get(e.intent) ?? new Map<string, { n: number; ids: Set<string> }>();
    const kinds = new Set<string>();
    for (const product of e.products ?? []) {
      const [kind, id] = product.split(':') as [string, string];
      const entry = byKind.get(kind) ?? { n: 0, ids: new Set<string>() };
      entry.ids.add(id);
      if (!kinds.has(kind)) {
        entry.n++;
        kinds.add(kind);
      }
      byKind.set(kind, entry);
    }
    counts.set(e.intent, byKind);
  }
  return new Map(
    [...counts].map(([intent, byKind]) => [
      intent,
      new Map([...byKind].map(([kind, { n, ids }]) => [kind, { share: n / (totals.get(intent) ?? 1), ids }])),
    ]),
  );
}

/** Two capitals in a row: where an abbreviation may be. */
const TWO_CAPITALS = /[A-Z]{2}/;

/** Builds classifier examples from the knowledge base's training phrases (never its held-out tests). */
export function trainingExamples(kb: KnowledgeBase, extractor: EntityExtractor): Example[] {
  const out: Example[] = [];
  for (const entry of kb.training) {
    for (const lang of ['en', 'fr'] as const) {
      for (const phrase of entry.utterances[lang]) {
        const tokens = tokenize(phrase);
        const mentions = extractor.extract(tokens);
        out.push({ features: featuresOf(tokens, mentions), intent: entry.intent, products: mentions.map((m) => `${m.kind}:${m.id}`) });
      }
    }
  }
  return out;
}

/** What training derives from the phrases: plain data, so that the build can compute it ahead. */
export interface PreparedTraining {
  examples: Example[];
  /** Every word of every training phrase. */
  trainedWords: string[];
  /** Words of in-scope phrases long enough to carry a typo. */
  correctableWords: string[];
}

/** Tokenizes, tags and featurizes every training phrase (most of what building the NLU costs). */
export function prepareTraining(kb: KnowledgeBase, extractor: EntityExtractor): PreparedTraining {
  const trainedWords = new Set<string>();
  const correctableWords = new Set<string>();
  for (const entry of kb.training)
    for (const lang of ['en', 'fr'] as const) {
      for (const phrase of entry.utterances[lang])
        for (const t of tokenize(phrase)) {
          trainedWords.add(t);
          if (entry.intent !== NONE_INTENT && allowedTypos(t) > 0) correctableWords.add(t);
        }
    }
  return { examples: trainingExamples(kb, extractor), trainedWords: [...trainedWords], correctableWords: [...correctableWords] };
}

/**
 * Language, entities and intent of a message. Built once per knowledge base; `understand` is pure and
 * fast (no I/O, no allocation beyond the message's own tokens).
 */
export class Nlu {
  readonly extractor: EntityExtractor;
  readonly classifier: IntentClassifier;

  /** Per intent, how its training phrases name products of each kind. */
  private readonly productProfiles: Map<string, Map<string, KindProfile>>;
  /** Stems seen in in-scope training phrases. */
  private readonly domainFeatures = new Set<string>();
  /** Every word of every training phrase: these are never "corrected" into another word. */
  private readonly trainedWords = new Set<string>();
  /** The language detector's words (`language.yaml`). */
  private readonly languageWords: LanguageWords;
  /** Words of the in-scope training phrases that may carry a typo, for spelling correction. */
  private readonly correctable: { word: string; mask: number; typos: number }[];

  /**
   * Trains on the knowledge base's phrases, or takes `prepared` (the same, computed by the build: see
   * trainingCache.ts).
   */
  /** Abbreviations in capitals and what they stand for (language.yaml's `abbreviations`), as one pattern. */
  private readonly abbreviations: { pattern: RegExp; meaning: Record<string, string> } | undefined;

  /** A message with its abbreviations in capitals written out ("la SE" → "la Standard Edition"). */
  private expandAbbreviations(message: string): string {
    const a = this.abbreviations;
    // (Most messages have no two capitals in a row: the pattern, slower, is not run on them.)
    return a && TWO_CAPITALS.test(message) ? message.replace(a.pattern, (m) => a.meaning[m] ?? m) : message;
  }

  /** Shortened words and what they stand for (language.yaml's `shortenings`), by their first word. */
  private readonly shortenings = new Map<string, { words: string[]; meaning: string[] }[]>();

  /** Tokens with their shortened words written out ("haute dispo" → "haute disponibilite"), word for word. */
  private writeOut(tokens: string[]): string[] {
    if (this.shortenings.size === 0) return tokens;
    for (let i = 0; i < tokens.length; i++) {
      const entries = this.shortenings.get(tokens[i] as string);
      const hit = entries?.find((e) => e.words.every((w, k) => tokens[i + k] === w));
      if (hit) {
        tokens.splice(i, hit.words.length, ...hit.meaning);
        i += hit.words.length - 1;
      }
    }
    return tokens;
  }

  constructor(kb: KnowledgeBase, classifier?: IntentClassifier, prepared?: PreparedTraining) {
    // (Longest first, so that "haute dispo" is read before "dispo".)
    for (const [short, meaning] of Object.entries(kb.language.shortenings).sort(
      (a, b) => b[0].split(' ').length - a[0].split(' ').length,
    )) {
      const words = short.split(' ');
      const list = this.shortenings.get(words[0] as string) ?? [];
      list.push({ words, meaning: meaning.split(' ') });
      this.shortenings.set(words[0] as string, list);
    }
    this.extractor = new EntityExtractor(kb);
    const meaning = kb.language.abbreviations;
    const keys = Object.keys(meaning);
    this.abbreviations =
      keys.length > 0 ? { pattern: new RegExp(`(?<![\\p{L}\\d])(?:${keys.join('|')})(?![\\p{L}\\d])`, 'gu'), meaning } : undefined;
    this.languageWords = languageWords(kb.language.detector);
    const { examples, trainedWords, correctableWords } = prepared ?? prepareTraining(kb, this.extractor);
    this.classifier = classifier ?? new BayesIntentClassifier(examples);
    this.productProfiles = productProfiles(examples);
    // Words only seen in out-of-scope phrases ("zoom", "windows") stay unknown: they name other products.
    for (const e of examples) if (e.intent !== NONE_INTENT) for (const f of e.features) this.domainFeatures.add(f);
    // The words the support statuses are asked with ("partiellement pris en charge", "interoperable") are the
    // domain's too, trained or not: "pourquoi OC 2007 R2 n'est que partiellement supporté ?" names no unknown product.
    for (const status of Object.values(kb.support.statuses))
      for (const phrase of [...(status.asked?.en ?? []), ...(status.asked?.fr ?? [])])
        for (const t of tokenize(phrase)) for (const f of wordFeatures(t)) this.domainFeatures.add(f);
    for (const t of trainedWords) this.trainedWords.add(t);
    this.correctable = correctableWords.map((word) => ({ word, mask: letterMask(word), typos: allowedTypos(word) }));
  }

  /** The training word a mistyped word stands for ("suported" → "supported"), if one is close enough. */
  private correct(token: string): string | undefined {
    const budget = allowedTypos(token);
    if (budget === 0) return undefined;
    const mask = letterMask(token);
    let best: string | undefined;
    let bestDistance = budget + 1;
    for (const { word, mask: wordMask, typos } of this.correctable) {
      if (Math.abs(word.length - token.length) >= bestDistance) continue;
      const max = Math.min(bestDistance - 1, typos);
      if (letterGap(mask, wordMask) > max) continue;
      // editDistance answers max + 1 for "further than max": only a distance within max is a match.
      const d = editDistance(token, word, max);
      if (d <= max) {
        best = word;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * The best-ranked intent that fits the products this message names, or undefined when none does (the
   * plain ranking then stands). An intent whose phrases name only a few products of a kind (Persistent
   * Chat's "Lync 2010 Group Chat") does not fit a message naming another one ("Lync 2010 Attendee"); and a
   * message naming two kinds (a client and a server) only fits intents whose phrases name both kinds.
   */
  private compatible(ranking: Scored[], mentions: EntityMention[]): Scored | undefined {
    if (mentions.length === 0) return ranking[0];
    const several = new Set(mentions.map((m) => m.kind)).size >= 2;
    return ranking.find((r) => {
      const profile = this.productProfiles.get(r.intent);
      return mentions.every((m) => {
        const kind = profile?.get(m.kind);
        if (!kind || kind.share < MIN_PRODUCT_SHARE) return !several;
        return kind.ids.size >= GENERIC_PRODUCT_COUNT || kind.ids.has(m.id);
      });
    });
  }

  understand(message: string, fallbackLang: Lang = 'en'): Understanding {
    const text = this.expandAbbreviations(message);
    const folded = fold(text);
    // (The language of the message as typed — "bascule GC -> PC ce week-end" is French, though "Group Chat" is
    // not, nor the "to" its arrow reads as.)
    const asTyped = text === message && !/[-=]>|[→⇒]/.test(message) ? folded : fold(message, ' ');
    const lang = detectLanguage(message, this.languageWords, fallbackLang, asTyped);
    const tokens = this.writeOut(tokensOfFolded(folded));
    const mentions = this.extractor.extract(tokens);
    const entities: Entities = { clients: [], servers: [], providers: [], products: [], endOfLife: [] };
    const lists: Record<EntityKind, string[]> = {
      client: entities.clients,
      server: entities.servers,
      provider: entities.providers,
      product: entities.products,
      eol: entities.endOfLife,
    };
    for (const m of mentions) if (!lists[m.kind].includes(m.id)) lists[m.kind].push(m.id);
    const inMention = new Set<number>();
    for (const m of mentions) for (let i = m.start; i < m.end; i++) inMention.add(i);
    let knownWords = 0;
    /** Known words that are not function words ("tell", "me", "the"): what the message is about. */
    let knownContent = 0;
    const unknownWords: string[] = [];
    const isFunctionWord = (t: string): boolean => this.languageWords.en.has(t) || this.languageWords.fr.has(t);
    const words = tokens.map((t, i) => {
      if (inMention.has(i)) return t;
      if (wordFeatures(t).some((f) => this.domainFeatures.has(f))) {
        knownWords++;
        if (!isFunctionWord(t)) knownContent++;
        return t;
      }
      const fixed = /^\d+$/.test(t) || this.trainedWords.has(t) ? undefined : this.correct(t);
      if (fixed !== undefined) {
        knownWords++;
        knownContent++;
        return fixed;
      }
      if (t.length >= 2 || /\d/.test(t)) unknownWords.push(t);
      return t;
    });
    const features = featuresOf(words, mentions);

    // Nothing the domain knows but function words, beside a word it does not know ("tell me a joke"): out of scope.
    if (mentions.length === 0 && (knownWords === 0 || (knownContent === 0 && unknownWords.length > 0))) {
      return { text, lang, tokens, intent: NONE_INTENT, confidence: 1, ranking: [], entities, mentions, unknownWords, knownWords };
    }
    const ranking = this.classifier.rank(features);
    let best = this.compatible(ranking, mentions) ?? (ranking[0] as Scored);
    // (Not for a server alone, where the classifier is confident of an intent and not at all of the one that fits:
    // "high resolution photos on Lync Server 2010?" asks about photos on that server, not for its clients.)
    const top = ranking[0] as Scored;
    if (best !== top && top.confidence >= CONFIDENT && best.confidence < UNSURE && mentions.every((m) => m.kind === 'server')) best = top;
    // A message that gives its context before the question ("We are migrating our Group Chat pool this quarter.
    // The Group Chat clients stay on desks. Which cmdlet creates the legacy endpoint?"): the question's own
    // sentence, when the classifier is confident of another intent for it alone, says what is asked; the context
    // says it otherwise (a vague "how many do I need?" after it is not confident of anything).
    const from = questionStart(text);
    if (from > 0 && from < words.length) {
      const ownMentions = mentions.filter((m) => m.start >= from).map((m) => ({ ...m, start: m.start - from, end: m.end - from }));
      const own = this.classifier.rank(featuresOf(words.slice(from), ownMentions));
      const ownBest = this.compatible(own, mentions) ?? own[0];
      // (Its intent must be about a kind of product the context names, if both name products: "We use PIC with Messenger contacts. Is
      // anything changing for us?" is not a Persistent Chat question, whatever "changing" alone suggests.)
      const before = mentions.filter((m) => m.start < from);
      const fits = (intent: string): boolean => {
        const profile = this.productProfiles.get(intent);
        return (
          before.length === 0 ||
          !profile ||
          profile.size === 0 ||
          before.some((m) => (profile.get(m.kind)?.share ?? 0) >= MIN_PRODUCT_SHARE)
        );
      };
      if (ownBest && ownBest.intent !== best.intent && ownBest.confidence >= CONFIDENT && fits(ownBest.intent)) best = ownBest;
    }
    // Naive Bayes favours small intents for words it never saw, so an unsure guess on a message with
    // unknown words and no product in it is treated as out of scope rather than answered.
    const corrected = words.some((w, i) => w !== tokens[i]) ? { corrected: words } : {};
    const read = { text, lang, tokens, ...corrected, ranking, entities, mentions, unknownWords, knownWords };
    if (mentions.length === 0 && unknownWords.length > 0 && best.confidence < CONFIDENT) {
      return { ...read, intent: NONE_INTENT, confidence: best.confidence };
    }
    return { ...read, intent: best.intent, confidence: best.confidence };
  }
}
