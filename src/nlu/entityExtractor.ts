import type { EntityKind, KnowledgeBase } from '../knowledge/knowledgeBase';
import { tokenize } from './normalize';

/** A product or provider found in a message. */
export interface EntityMention {
  kind: EntityKind;
  id: string;
  /** Token positions [start, end) in the normalised message. */
  start: number;
  end: number;
  /** Sum of edit distances: 0 for an exact match. */
  cost: number;
}

interface Alias {
  kind: EntityKind;
  id: string;
  tokens: string[];
}

/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), stopping early
 * once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j] as number;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** How many typos a word of this length may carry; numbers and short words must match exactly. */
export function allowedTypos(word: string): number {
  if (/\d/.test(word) || word.length <= 3) return 0;
  return word.length >= 8 ? 2 : 1;
}

/**
 * Finds clients, servers and providers in text, tolerating typos ("lnyc 2010", "comunicator"), loose
 * spacing ("lync2010") and accents. Aliases come from the knowledge base; the longest match wins.
 */
export class EntityExtractor {
  private readonly byFirstToken = new Map<string, Alias[]>();
  private readonly vocabulary: Set<string>;
  /** Alias words long enough to be matched with typos. */
  private readonly fuzzyVocabulary: string[];

  constructor(kb: KnowledgeBase) {
    const words = new Set<string>();
    for (const kind of ['client', 'server', 'provider', 'product', 'eol'] as const) {
      for (const entity of kb.entities(kind)) {
        const names = [entity.name, ...(entity.frenchName ? [entity.frenchName] : []), ...entity.aliases];
        for (const name of names) {
          const tokens = tokenize(name);
          if (tokens.length === 0) continue;
          const list = this.byFirstToken.get(tokens[0] as string) ?? [];
          if (!list.some((a) => a.id === entity.id && a.tokens.join(' ') === tokens.join(' '))) list.push({ kind, id: entity.id, tokens });
          this.byFirstToken.set(tokens[0] as string, list);
          tokens.forEach((t) => words.add(t));
        }
      }
    }
    this.vocabulary = words;
    this.fuzzyVocabulary = [...words].filter((w) => allowedTypos(w) > 0);
  }

  /** The alias words a message token stands for, with the typo cost of each. */
  private candidates(token: string, cache: Map<string, Map<string, number>>): Map<string, number> {
    const cached = cache.get(token);
    if (cached) return cached;
    const found = new Map<string, number>();
    if (this.vocabulary.has(token)) found.set(token, 0);
    const budget = allowedTypos(token);
    if (budget > 0) {
      for (const word of this.fuzzyVocabulary) {
        if (word === token || Math.abs(word.length - token.length) > budget) continue;
        const max = Math.min(budget, allowedTypos(word));
        const d = editDistance(token, word, max);
        if (d <= max) found.set(word, d);
      }
    }
    cache.set(token, found);
    return found;
  }

  /**
   * Inside a longer name, a three-letter word may carry one typo when its first letter is right
   * ("lync web ap 2013"); alone it must match exactly.
   */
  private shortTypo(token: string, word: string): number | undefined {
    if (word.length !== 3 || /\d/.test(word) || token.length < 2 || token[0] !== word[0]) return undefined;
    return editDistance(token, word, 1) <= 1 ? 1 : undefined;
  }

  /** All non-overlapping mentions in a message, in text order. */
  extract(textOrTokens: string | string[]): EntityMention[] {
    const tokens = typeof textOrTokens === 'string' ? tokenize(textOrTokens) : textOrTokens;
    const cache = new Map<string, Map<string, number>>();
    const found: (EntityMention & { length: number })[] = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const [first, firstCost] of this.candidates(tokens[i] as string, cache)) {
        for (const alias of this.byFirstToken.get(first) ?? []) {
          if (i + alias.tokens.length > tokens.length) continue;
          let cost = firstCost;
          let ok = true;
          for (let k = 1; k < alias.tokens.length && ok; k++) {
            const c = this.candidates(tokens[i + k] as string, cache).get(alias.tokens[k] as string) ?? this.shortTypo(tokens[i + k] as string, alias.tokens[k] as string);
            if (c === undefined) ok = false;
            else cost += c;
          }
          // A one-word alias must not be a fuzzy guess at a short word ("sync" is not "lync").
          if (ok && alias.tokens.length === 1 && cost > 0 && (alias.tokens[0] as string).length < 5) ok = false;
          if (ok) found.push({ kind: alias.kind, id: alias.id, start: i, end: i + alias.tokens.length, cost, length: alias.tokens.length });
        }
      }
    }
    // Longest first, then fewest typos; keep those that do not overlap an earlier pick.
    found.sort((a, b) => b.length - a.length || a.cost - b.cost || a.start - b.start);
    const taken = new Array<boolean>(tokens.length).fill(false);
    const picked: EntityMention[] = [];
    for (const m of found) {
      let free = true;
      for (let k = m.start; k < m.end; k++) if (taken[k]) free = false;
      if (!free) continue;
      for (let k = m.start; k < m.end; k++) taken[k] = true;
      picked.push({ kind: m.kind, id: m.id, start: m.start, end: m.end, cost: m.cost });
    }
    return picked.sort((a, b) => a.start - b.start);
  }

  /** Whether a normalised token is a word of some alias (used to tell product words from unknown ones). */
  isAliasWord(token: string): boolean {
    return this.vocabulary.has(token);
  }
}
