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

/** Three rows of the distance table, reused from call to call (grown when a word is longer). */
let rows = new Int32Array(3 * 32);

/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), stopping early
 * once the distance must exceed `max` (then it answers `max + 1`).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  const r = rows;
  // Offsets of the rows i - 2, i - 1 and i in `r`.
  let prev2 = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j < width; j++) r[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    r[cur] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min((r[prev + j] as number) + 1, (r[cur + j - 1] as number) + 1, (r[prev + j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, (r[prev2 + j - 2] as number) + 1);
      r[cur + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const oldest = prev2;
    prev2 = prev;
    prev = cur;
    cur = oldest;
  }
  return r[prev + b.length] as number;
}

/** The letters a–z a word contains, one bit each. */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) mask |= 1 << c;
  }
  return mask;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * A lower bound of the edit distance of two words from their letter masks: each letter one word has and
 * the other lacks costs at least one edit. Cheap enough to skip most `editDistance` calls.
 */
export function letterGap(a: number, b: number): number {
  return Math.max(bitCount(a & ~b), bitCount(b & ~a));
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
  /** Alias words long enough to be matched with typos, with their letters and typo allowance. */
  private readonly fuzzyVocabulary: { word: string; mask: number; typos: number }[];

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
    this.fuzzyVocabulary = [...words]
      .filter((w) => allowedTypos(w) > 0)
      .map((word) => ({ word, mask: letterMask(word), typos: allowedTypos(word) }));
  }

  /** The alias words a message token stands for, with the typo cost of each. */
  private candidates(token: string, cache: Map<string, Map<string, number>>): Map<string, number> {
    const cached = cache.get(token);
    if (cached) return cached;
    const found = new Map<string, number>();
    if (this.vocabulary.has(token)) found.set(token, 0);
    const budget = allowedTypos(token);
    if (budget > 0) {
      const mask = letterMask(token);
      for (const { word, mask: wordMask, typos } of this.fuzzyVocabulary) {
        if (word === token || Math.abs(word.length - token.length) > budget) continue;
        const max = Math.min(budget, typos);
        if (letterGap(mask, wordMask) > max) continue;
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
            const c =
              this.candidates(tokens[i + k] as string, cache).get(alias.tokens[k] as string) ??
              this.shortTypo(tokens[i + k] as string, alias.tokens[k] as string);
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
