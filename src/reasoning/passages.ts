import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang, Topic } from '../knowledge/schema';
import { tokenize } from '../nlu/normalize';
import type { Lexicon } from './lexicon';
import { stemish } from './vet';

/** How many texts' words the passages keep for scoring (the knowledge's sentences and clauses, a few thousand). */
const MAX_TEXT_WORDS = 20_000;

/** Where a passage sits in its topic: its first sentence, a detail, a fact or a claim's statement. */
export type PassageKind = 'answer' | 'detail' | 'fact' | 'claim';

/** One sentence of the knowledge, in both languages, with the stemmed words each one uses. */
export interface Passage {
  topic: Topic;
  kind: PassageKind;
  /** Index among the topic's details, facts or claims. */
  index: number;
  text: Record<Lang, string>;
  words: Record<Lang, Set<string>>;
  /** Its place in the knowledge (ties are broken in that order). */
  order: number;
}

/** A passage and the share of the question's weighted words it contains. */
export interface Hit {
  passage: Passage;
  coverage: number;
}

/**
 * Every sentence of the topics, searchable by the words of a question: which sentence of the knowledge
 * says what the question asks. Words are weighted by rarity (a word in every passage tells nothing), and
 * a passage is scored in both languages (French questions use English terms: "endpoint", "well-known
 * user"), keeping the better.
 */
export class Passages {
  readonly all: Passage[] = [];
  private readonly weight = new Map<string, number>();

  constructor(
    kb: KnowledgeBase,
    private readonly lex: Lexicon,
  ) {
    const topics = kb.allTopics();
    const add = (topic: Topic, kind: PassageKind, index: number, text: Record<Lang, string>): void => {
      this.all.push({ topic, kind, index, text, words: { en: this.words(text.en), fr: this.words(text.fr) }, order: this.all.length });
    };
    for (const t of topics) {
      add(t, 'answer', 0, t.answer);
      t.details.forEach((d, i) => add(t, 'detail', i, d));
      t.facts.forEach((f, i) => add(t, 'fact', i, { en: `${f.label.en}: ${f.value.en}`, fr: `${f.label.fr} : ${f.value.fr}` }));
      t.claims.forEach((c, i) => add(t, 'claim', i, c.text));
    }
    // Rarity: log(passages / passages using the word), over both languages.
    const df = new Map<string, number>();
    for (const p of this.all) for (const w of new Set([...p.words.en, ...p.words.fr])) df.set(w, (df.get(w) ?? 0) + 1);
    for (const [w, n] of df) this.weight.set(w, Math.log((this.all.length + 1) / n));
    // Word → the passages (and language: 0 English, 1 French) using it, so a search reads only those.
    this.all.forEach((p, i) =>
      (['en', 'fr'] as const).forEach((lang, l) => {
        for (const w of p.words[lang]) {
          const list = this.postings.get(w) ?? [];
          list.push(i * 2 + l);
          this.postings.set(w, list);
        }
      }),
    );
  }

  private readonly postings = new Map<string, number[]>();

  /**
   * The names of things the knowledge writes with a capital inside its English sentences ("SharePoint",
   * "Outlook", "PowerShell"), folded, that few of its sentences use (at most one in ten): what a question
   * names when it uses one. (Names nearly every sentence uses — "Lync", "Server" — tell nothing.)
   */
  namedThings(): Map<string, Set<string>> {
    const counts = new Map<string, number>();
    const lower = new Set<string>();
    // The word before each (lower case), when it is part of the same name ("Lync Online"), or "" when alone.
    const before = new Map<string, Set<string>>();
    for (const p of this.all) {
      const found = new Set<string>();
      // (And acronyms of four letters or more: "IMMCU"; shorter ones — "IM", "TLS" — are common nouns here.)
      for (const m of p.text.en.matchAll(/(?<=[^.!?:]\s|\()([A-Z][a-zA-Z]*[a-z][a-zA-Z]*|[A-Z]{4,}\b)/g)) {
        const w = (m[1] as string).toLowerCase();
        found.add(w);
        const prev = /([A-Z][a-zA-Z]*)\s$/.exec(p.text.en.slice(0, m.index))?.[1]?.toLowerCase() ?? '';
        before.set(w, (before.get(w) ?? new Set()).add(prev));
      }
      for (const w of found) counts.set(w, (counts.get(w) ?? 0) + 1);
      for (const m of p.text.en.matchAll(/\b([a-z][a-z]+)\b/g)) lower.add(m[1] as string);
    }
    // Proper names only: words the knowledge never writes in lower case ("SharePoint", not "Web" or "Edition").
    return new Map(
      [...counts]
        .filter(([w, n]) => n <= this.all.length / 10 && !lower.has(w) && !this.lex.isFunctionWord(w))
        .map(([w]) => [w, before.get(w) ?? new Set([''])]),
    );
  }

  /**
   * Names the knowledge gives with a version ("Exchange 2013", "Outlook 2010"?): every proper name followed by
   * a year in some passage, and each such pair, lower case. "Outlook 2010" asks about a version the sources
   * never name when "outlook" is one of the names and "outlook 2010" is not one of the pairs.
   */
  versionedNames(): { names: Set<string>; pairs: Set<string> } {
    const names = new Set<string>();
    const pairs = new Set<string>();
    for (const p of this.all)
      for (const text of [p.text.en, p.text.fr])
        for (const m of text.matchAll(/\b([A-Z][a-zA-Z]+) (\d{4})\b/g)) {
          const name = (m[1] as string).toLowerCase();
          names.add(name);
          pairs.add(`${name} ${m[2]}`);
        }
    return { names, pairs };
  }

  /** Whether every word of a phrase that says something is used by some passage. */
  knows(phrase: string): boolean {
    const words = [...this.words(phrase)];
    return words.length > 0 && words.every((w) => this.weight.has(w));
  }

  /** The stemmed words of a text that say something (not function words). */
  words(text: string): Set<string> {
    return new Set(
      tokenize(text)
        .filter((w) => !this.lex.isFunctionWord(w) && w.length > 1)
        .map(stemish),
    );
  }

  /** A question's words as searched (stemmed, deduplicated, no function words), and their total weight. */
  private query(questionWords: readonly string[], knownOnly: boolean): { query: string[]; total: number } {
    // (knownOnly: words no passage uses are left out — within a conversation's subject, "the archiving
    // part" asks about archiving, and "part" says nothing.)
    const query = [...new Set(questionWords.filter((w) => !this.lex.isFunctionWord(w) && w.length > 1).map(stemish))].filter(
      (w) => !knownOnly || this.weight.has(w),
    );
    // A word no passage uses weighs as much as the rarest: "Lyon" is what the question is about.
    const rarest = Math.log(this.all.length + 1);
    return { query, total: query.reduce((sum, w) => sum + (this.weight.get(w) ?? rarest), 0) };
  }

  /**
   * The share of a question's weighted words that a text uses, scored as `search` scores a passage, for
   * sentences that are not passages (a topic's steps) and for parts of one (a clause). The question's words
   * are read once for many texts, and each text's words are kept (the knowledge's sentences and their
   * clauses: a bounded set).
   */
  scorer(questionWords: readonly string[]): (text: string) => number {
    const { query, total } = this.query(questionWords, false);
    return (text) => {
      if (total === 0) return 0;
      let words = this.textWords.get(text);
      if (!words) {
        words = this.words(text);
        if (this.textWords.size >= MAX_TEXT_WORDS) this.textWords.clear();
        this.textWords.set(text, words);
      }
      const known = words;
      return query.reduce((sum, w) => sum + (known.has(w) ? (this.weight.get(w) ?? 0) : 0), 0) / total;
    };
  }

  private readonly textWords = new Map<string, Set<string>>();

  /** Passages scored against the question's words (stemmed, deduplicated), best first. */
  search(questionWords: readonly string[], within?: (p: Passage) => boolean, knownOnly = false): Hit[] {
    const { query, total } = this.query(questionWords, knownOnly);
    if (total === 0) return [];
    // Per passage and language, the weight of the question's words it uses (through the postings).
    const got = new Float64Array(this.all.length * 2);
    const touched: number[] = [];
    for (const w of query) {
      const weight = this.weight.get(w);
      if (weight === undefined) continue;
      for (const k of this.postings.get(w) ?? []) {
        if (got[k & ~1] === 0 && got[k | 1] === 0) touched.push(k >> 1);
        got[k] = (got[k] as number) + weight;
      }
    }
    const hits: Hit[] = [];
    for (const i of touched) {
      const p = this.all[i] as Passage;
      if (within && !within(p)) continue;
      hits.push({ passage: p, coverage: Math.max(got[i * 2] as number, got[i * 2 + 1] as number) / total });
    }
    // Best first; on a tie, in the knowledge's order.
    return hits.sort((a, b) => b.coverage - a.coverage || a.passage.order - b.passage.order);
  }
}
