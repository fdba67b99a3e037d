import { allowedTypos, editDistance, letterGap, letterMask } from '../nlu/entityExtractor';
import type { LanguageFile, Lang } from '../knowledge/schema';
import { fold, tokenize } from '../nlu/normalize';

/** A phrase as folded tokens (`GAP` where the phrase lets other words in). */
type Phrase = readonly string[];

/**
 * The token standing for "…" in a phrase: up to `GAP_WORDS` other words may stand there, so that
 * "how long … kept" matches "how long is the archive kept" as well as "how long kept".
 */
const GAP = '\u0000';
const GAP_WORDS = 4;

/** A phrase's tokens; "…" (or "...") between its words becomes `GAP`. */
export function phraseTokens(text: string): string[] {
  const parts = text.split(/\s*(?:…|\.\.\.)\s*/).map((part) => tokenize(part));
  if (parts.some((p) => p.length === 0)) return parts.length === 1 ? [] : parts.flat();
  return parts.flatMap((p, i) => (i === 0 ? p : [GAP, ...p]));
}

/** The words a match covers (a gap's words included). */
function spanText(tokens: readonly string[], start: number, end: number, phrase: Phrase): string {
  return phrase.includes(GAP) ? tokens.slice(start, end).join(' ') : phrase.join(' ');
}

/**
 * Where a phrase starting at token `i` ends (exclusive), or -1 when it does not match there. A gap takes
 * the fewest words that let the rest match.
 */
function matchAt(tokens: readonly string[], i: number, phrase: Phrase, k = 0): number {
  let at = i;
  for (; k < phrase.length; k++) {
    const word = phrase[k] as string;
    if (word === GAP) {
      for (let skip = 0; skip <= GAP_WORDS && at + skip < tokens.length; skip++) {
        const end = matchAt(tokens, at + skip, phrase, k + 1);
        if (end >= 0) return end;
      }
      return -1;
    }
    if (tokens[at] !== word) return -1;
    at++;
  }
  return at;
}

/**
 * A phrase and its inflected forms: the last word's plural (and, in French, feminine) ending, so that
 * "terminé" also matches "terminés" and "terminée", "provider" "providers". Short words are left as they
 * are ("fin", "end"): their inflections are other words.
 */
export function inflected(phrase: Phrase, lang: Lang): Phrase[] {
  const lastWord = phrase[phrase.length - 1] as string;
  if (lastWord.length < (lang === 'fr' ? 5 : 4) || /\d/.test(lastWord)) return [phrase];
  const head = phrase.slice(0, -1);
  const endings = lang === 'fr' ? (lastWord.endsWith('s') ? [] : ['s', 'e', 'es']) : lastWord.endsWith('s') ? [] : ['s'];
  return [phrase, ...endings.map((e) => [...head, lastWord + e])];
}

/** Where a phrase was found: token positions [start, end). */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** The token positions spans cover. */
export function spanPositions(spans: readonly Span[]): number[] {
  return spans.flatMap((sp) => Array.from({ length: sp.end - sp.start }, (_, k) => sp.start + k));
}

/**
 * Phrases of one group, per language, ready to match against a message's tokens. Phrases are indexed by
 * their first word, so a match costs a look-up per token of the message, whatever the group's size.
 */
export class PhraseGroup {
  /** First word → phrases starting with it (longest first), with the languages they belong to. */
  private readonly byFirst = new Map<string, { phrase: Phrase; langs: Set<Lang> }[]>();

  constructor(source: { en: readonly string[]; fr: readonly string[] }) {
    const all = new Map<string, { phrase: Phrase; langs: Set<Lang> }>();
    for (const lang of ['en', 'fr'] as const) {
      for (const text of source[lang]) {
        const exact = phraseTokens(text);
        if (exact.length === 0) continue;
        for (const phrase of inflected(exact, lang)) {
          const key = phrase.join(' ');
          const entry = all.get(key) ?? { phrase, langs: new Set<Lang>() };
          entry.langs.add(lang);
          all.set(key, entry);
        }
      }
    }
    for (const entry of all.values()) {
      const first = entry.phrase[0] as string;
      const list = this.byFirst.get(first) ?? [];
      list.push(entry);
      this.byFirst.set(first, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  }

  /** Every match in the tokens, left to right, the longest at each position, without overlaps. */
  find(tokens: readonly string[], langs: readonly Lang[] = ['en', 'fr']): Span[] {
    const out: Span[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(tokens[i] as string);
      if (!candidates) continue;
      for (const { phrase, langs: own } of candidates) {
        if (!langs.some((l) => own.has(l))) continue;
        const end = matchAt(tokens, i, phrase);
        if (end >= 0) {
          out.push({ start: i, end, text: spanText(tokens, i, end, phrase) });
          i = end - 1;
          break;
        }
      }
    }
    return out;
  }

  has(tokens: readonly string[], langs?: readonly Lang[]): boolean {
    return this.find(tokens, langs).length > 0;
  }

  /** Whether a phrase ends right at `end` (the words just before a position). */
  endsAt(tokens: readonly string[], end: number, langs?: readonly Lang[]): boolean {
    return this.find(tokens.slice(0, end), langs).some((s) => s.end === end);
  }

  /** Whether a phrase starts at `start`. */
  startsAt(tokens: readonly string[], start: number, langs?: readonly Lang[]): boolean {
    return this.find(tokens, langs).some((s) => s.start === start);
  }
}

/** Every group's matches in one message, found in one pass over its tokens. */
export class Scan {
  constructor(private readonly hits: Map<string, (Span & { mask: number })[]>) {}

  /** The matches of a group (in the given languages), left to right. */
  get(group: string, langs?: readonly Lang[]): Span[] {
    const all = this.hits.get(group);
    if (!all) return [];
    if (!langs) return all;
    const mask = maskOf(langs);
    return all.filter((h) => (h.mask & mask) !== 0);
  }

  /** Every match of every group. */
  spans(): Span[] {
    return [...this.hits.values()].flat();
  }

  has(group: string, langs?: readonly Lang[]): boolean {
    const all = this.hits.get(group);
    if (!all) return false;
    if (!langs) return true;
    const mask = maskOf(langs);
    for (const h of all) if ((h.mask & mask) !== 0) return true;
    return false;
  }
}

/** Languages as bits: en 1, fr 2. */
function maskOf(langs: readonly Lang[]): number {
  let mask = 0;
  for (const l of langs) mask |= l === 'en' ? 1 : 2;
  return mask;
}

/** `language.yaml`, compiled once per knowledge base. */
export class Lexicon {
  /** First word → every phrase of every group starting with it (longest first). */
  private readonly index = new Map<string, { phrase: Phrase; group: string; mask: number; text: string }[]>();
  readonly shapes: Record<keyof LanguageFile['shapes'], PhraseGroup>;
  readonly roles: Record<keyof LanguageFile['roles'], PhraseGroup>;
  readonly features: Map<string, PhraseGroup>;
  readonly followUp: PhraseGroup;
  readonly backReferences: PhraseGroup;
  readonly listReferences: Record<keyof LanguageFile['listReferences'], PhraseGroup>;
  readonly unknownProducts: PhraseGroup;
  readonly uncoveredSubjects: PhraseGroup;
  readonly followUpWords: Set<string>;
  readonly numbers: Record<Lang, Record<string, number>>;
  /** A procedure's steps by position (language.yaml's `steps`): step words, "what's next?", "and before that?". */
  readonly steps: { words: PhraseGroup; next: PhraseGroup; previous: PhraseGroup; suffixes: PhraseGroup };
  private readonly ordinals: ReadonlyMap<string, number>;
  /** Month names of both languages, folded, and their number ("mars" → 3). */
  readonly months: ReadonlyMap<string, number>;
  /** Single words (either language) naming a kind of product, making a name mean a family, opening a follow-up. */
  readonly clientNouns: Set<string>;
  readonly serverNouns: Set<string>;
  readonly providerNouns: Set<string>;
  /** Single words giving a product its role ("on", "from", "par", "vers"). */
  readonly roleWords: Set<string>;
  /** People ("users", "postes"): what is "on" a client name uses that client. */
  readonly peopleNouns: Set<string>;
  /** The word for a licence, either language ("licence", "license"). */
  readonly licenceNouns: Set<string>;
  /** The support matrix and its statuses asked for by name ("status", "matrice"). */
  readonly statusNouns: Set<string>;
  readonly quantifiers: Set<string>;
  readonly continuations: Set<string>;
  /** Where a sentence of the knowledge splits into clauses: ; : — and the words of language.yaml's `joiners.clauses`. */
  readonly clauseBreak: RegExp;
  /** Words joining names in a list, a server noun to its name, a name to a qualifier (language.yaml's `joiners`). */
  readonly listJoiners: Set<string>;
  readonly copulas: Set<string>;
  readonly qualifierJoiners: Set<string>;
  /** Where users are homed ("pool", "deployment"): a version beside one names a server. */
  readonly deploymentNouns: Set<string>;
  /** Words between a kind and the name it belongs to ("the Group Chat client of Lync 2010"). */
  readonly belongs: Set<string>;
  /** Words that end a noun phrase ("users per server": the phrase is "users"). */
  readonly prepositions: Set<string>;
  /** Nouns that count another ("versions", "kinds"): the thing counted is not them. */
  readonly vagueNouns: Set<string>;
  /** Function words and frequent question words (the language detector's, both languages). */
  readonly functionWords: Set<string>;
  /** Words that end a noun phrase: yes/no openers ("are", "can"), role words ("on", "per"), follow-up words. */
  readonly phraseEnds: Set<string>;
  /** Attribute ids (language.yaml's `attributes`), in order. */
  readonly attributeIds: string[];

  /** Every word of the language data (folded), for typo correction to leave alone. */
  readonly words = new Set<string>();
  /** The words of the language data long enough to carry a typo, with their letters and the languages using them. */
  private fuzzy: { word: string; mask: number; typos: number; langs: ReadonlySet<Lang | 'any'> }[] = [];
  /** Per word of the language data, the languages whose phrases use it ('any' outside an en/fr list). */
  private readonly wordLangs = new Map<string, Set<Lang | 'any'>>();
  private readonly corrections = new Map<string, string | undefined>();
  /** The words `fuzzy` holds. */
  private readonly fuzzyWords = new Set<string>();

  /**
   * Words of the knowledge (folded texts) a typo correction must leave alone: "partly", "data", "march". With
   * `lang`, the texts are in that language and their words become what a typo of it is corrected into too
   * ("archving" is "archiving").
   */
  addWords(texts: Iterable<string>, lang?: Lang): void {
    // (Their words only: one pass of folding, then a split — a typo is checked against whole words.)
    for (const text of texts)
      for (const w of fold(text).split(/[^a-z0-9]+/)) {
        if (!w) continue;
        this.words.add(w);
        if (!lang || allowedTypos(w) === 0 || /\d/.test(w)) continue;
        // (The set a word's `fuzzy` entry holds is this one: adding a language here adds it there.)
        const langs = this.wordLangs.get(w) ?? new Set();
        langs.add(lang);
        this.wordLangs.set(w, langs);
        if (!this.fuzzyWords.has(w)) {
          this.fuzzyWords.add(w);
          this.fuzzy.push({ word: w, mask: letterMask(w), typos: allowedTypos(w), langs });
        }
      }
    this.corrections.clear();
  }

  /**
   * The word of the language data a token is a typo of ("suported" → "supported", "evry" → "every"), when
   * exactly one is nearest; undefined when the token is a word of it, or none or several are.
   */
  correct(token: string, lang?: Lang): string | undefined {
    if (this.words.has(token) || allowedTypos(token) === 0) return undefined;
    const key = `${lang ?? ''}:${token}`;
    if (this.corrections.has(key)) return this.corrections.get(key);
    const mask = letterMask(token);
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    let tie = false;
    for (const { word, mask: wordMask, typos, langs } of this.fuzzy) {
      // (A typo rarely changes the first letter: "route" is no typo of "coute".)
      if (word[0] !== token[0]) continue;
      // (Nor is it one of the other language's word: "standardise" is no typo of the French "standardiste".)
      if (lang && !langs.has(lang) && !langs.has('any')) continue;
      const max = Math.min(allowedTypos(token), typos);
      if (Math.abs(word.length - token.length) > max || letterGap(mask, wordMask) > max) continue;
      const d = editDistance(token, word, max);
      // (Letters left out, doubled or swapped — the typos people make — never one letter for another:
      // "bread" is no typo of "break", nor "route" of "coute".)
      if (d > max || !(Math.abs(word.length - token.length) === d || swapped(token, word))) continue;
      if (d < bestDistance) {
        best = word;
        bestDistance = d;
        tie = false;
      } else if (d === bestDistance) tie = true;
    }
    const found = tie ? undefined : best;
    // (Bounded: every message may bring new unknown words.)
    if (this.corrections.size >= MAX_CORRECTIONS) this.corrections.clear();
    this.corrections.set(key, found);
    return found;
  }

  constructor(data: LanguageFile) {
    const group = <K extends string>(rec: Record<K, { en: string[]; fr: string[] }>): Record<K, PhraseGroup> =>
      Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, new PhraseGroup(v as { en: string[]; fr: string[] })])) as Record<
        K,
        PhraseGroup
      >;
    // Every word the language data uses: a typo correction never replaces one of them.
    // (With the language of the list it is in: a typo is corrected into a word of the question's language.)
    const collect = (x: unknown, lang: Lang | 'any'): void => {
      if (typeof x === 'string') {
        for (const w of x.split(/[^a-z0-9]+/)) {
          if (!w) continue;
          this.words.add(w);
          const langs = this.wordLangs.get(w) ?? new Set();
          langs.add(lang);
          this.wordLangs.set(w, langs);
        }
      } else if (Array.isArray(x)) x.forEach((v) => collect(v, lang));
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) collect(v, k === 'en' || k === 'fr' ? k : lang);
    };
    collect(data, 'any');
    const anyLang: ReadonlySet<Lang | 'any'> = new Set(['any']);
    this.fuzzy = [...this.words]
      .filter((w) => allowedTypos(w) > 0)
      .map((word) => ({ word, mask: letterMask(word), typos: allowedTypos(word), langs: this.wordLangs.get(word) ?? anyLang }));
    for (const x of this.fuzzy) this.fuzzyWords.add(x.word);
    this.shapes = group(data.shapes);
    this.roles = group(data.roles);
    this.features = new Map(Object.entries(data.features).map(([k, v]) => [k, new PhraseGroup(v)]));
    this.followUp = new PhraseGroup(data.followUp);
    this.backReferences = new PhraseGroup(data.backReferences);
    this.listReferences = group(data.listReferences);
    this.unknownProducts = new PhraseGroup(data.unknownProducts);
    this.uncoveredSubjects = new PhraseGroup(data.uncoveredSubjects);
    this.followUpWords = new Set(
      [...data.followUp.en, ...data.followUp.fr, ...data.backReferences.en, ...data.backReferences.fr].flatMap((p) => tokenize(p)),
    );
    this.numbers = data.numbers;
    this.steps = {
      words: new PhraseGroup(data.steps.words),
      next: new PhraseGroup(data.steps.next),
      previous: new PhraseGroup(data.steps.previous),
      suffixes: new PhraseGroup(data.steps.suffixes),
    };
    this.ordinals = new Map([...Object.entries(data.steps.ordinals.en), ...Object.entries(data.steps.ordinals.fr)]);
    this.months = new Map([...Object.entries(data.months.en), ...Object.entries(data.months.fr)]);
    for (const m of this.months.keys()) this.words.add(m);
    const words = (p: { en: readonly string[]; fr: readonly string[] }): Set<string> =>
      new Set([...p.en, ...p.fr].flatMap((w) => tokenize(w)));
    this.clientNouns = words(data.nouns.clients);
    this.serverNouns = words(data.nouns.servers);
    this.providerNouns = words(data.nouns.providers);
    this.peopleNouns = words(data.nouns.people);
    this.licenceNouns = words(data.nouns.licences);
    this.statusNouns = words(data.nouns.status);
    this.deploymentNouns = words(data.nouns.deployments);
    this.quantifiers = words(data.quantifiers);
    this.continuations = words(data.continuations);
    const clauseWords = [...data.joiners.clauses.en, ...data.joiners.clauses.fr].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.clauseBreak = new RegExp(`\\s*(?:[;:—]|,?\\s\\b(?:${clauseWords.join('|') || '(?!)'})\\b)\\s*`, 'i');
    this.vagueNouns = words(data.nouns.vague);
    this.listJoiners = words(data.joiners.list);
    this.copulas = words(data.joiners.copulas);
    this.qualifierJoiners = words(data.joiners.qualifiers);
    this.prepositions = words(data.joiners.prepositions);
    this.belongs = words(data.joiners.belongs);
    this.functionWords = new Set([...data.detector.en, ...data.detector.fr].flatMap((w) => tokenize(w)));
    this.attributeIds = Object.keys(data.attributes);
    const single = (p: { en: readonly string[]; fr: readonly string[] }): string[] =>
      [...p.en, ...p.fr].filter((w) => tokenize(w).length === 1).map((w) => tokenize(w)[0] as string);
    this.roleWords = new Set([...single(data.roles.on), ...single(data.roles.source), ...single(data.roles.target)]);
    this.phraseEnds = new Set([
      ...single(data.shapes.yesNo),
      ...single(data.roles.on),
      ...single(data.roles.source),
      ...single(data.roles.target),
      ...this.followUpWords,
    ]);
    const groups: [string, { en: readonly string[]; fr: readonly string[] }][] = [
      ...Object.entries(data.shapes).map(([k, v]) => [`shapes.${k}`, v] as [string, typeof v]),
      ...Object.entries(data.roles).map(([k, v]) => [`roles.${k}`, v] as [string, typeof v]),
      ...Object.entries(data.features).map(([k, v]) => [`features.${k}`, v] as [string, typeof v]),
      ...Object.entries(data.listReferences).map(([k, v]) => [`listReferences.${k}`, v] as [string, typeof v]),
      ['unknownProducts', data.unknownProducts],
      ['uncoveredSubjects', data.uncoveredSubjects],
      ['otherServers', data.nouns.otherServers],
      ['clauses', data.joiners.clauses],
      ['otherProducts', data.nouns.otherProducts],
      ['featureless', data.nouns.featureless],
      ['unknownFeatures', data.unknownFeatures],
      ...Object.entries(data.attributes).map(([k, v]) => [`attributes.${k}`, v.asks] as [string, { en: string[]; fr: string[] }]),
    ];
    for (const [group, source] of groups) this.addGroup(group, source);
  }

  /** Adds a group of phrases to the one-pass index (the knowledge base's own names: licences, generic names). */
  addGroup(group: string, source: { en: readonly string[]; fr: readonly string[] }): void {
    this.addWords([...source.en, ...source.fr]);
    const seen = new Map<string, { phrase: Phrase; group: string; mask: number; text: string }>();
    for (const lang of ['en', 'fr'] as const) {
      for (const text of source[lang]) {
        const exact = phraseTokens(text);
        if (exact.length === 0) continue;
        for (const phrase of inflected(exact, lang)) {
          const key = phrase.join(' ');
          const entry = seen.get(key) ?? { phrase, group, mask: 0, text: key };
          entry.mask |= lang === 'en' ? 1 : 2;
          seen.set(key, entry);
        }
      }
    }
    for (const entry of seen.values()) {
      const list = this.index.get(entry.phrase[0] as string) ?? [];
      list.push(entry);
      list.sort((a, b) => b.phrase.length - a.phrase.length);
      this.index.set(entry.phrase[0] as string, list);
    }
  }

  /** Whether a word says nothing of a subject (a function word or a frequent question word). */
  /**
   * The number a word says, in digits or in either language's words; none for a number word that is also a
   * function word — an article ("a", "une") more often than the figure one.
   */
  numberIn(word: string): number | undefined {
    if (/^\d+$/.test(word)) return Number(word);
    const n = this.numbers.en[word] ?? this.numbers.fr[word];
    return n === undefined || this.isFunctionWord(word) ? undefined : n;
  }

  /** The position an ordinal word says ("third" → 3, "dernière" folded → -1: the last). */
  ordinalIn(word: string): number | undefined {
    return this.ordinals.get(word);
  }

  isFunctionWord(word: string): boolean {
    return this.functionWords.has(word) || this.followUpWords.has(word);
  }

  /** Every group's matches in the tokens, in one pass: per group, the longest at each position, no overlaps. */
  scan(tokens: readonly string[]): Scan {
    const hits = new Map<string, (Span & { mask: number })[]>();
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.index.get(tokens[i] as string);
      if (!candidates) continue;
      for (const { phrase, group, mask, text } of candidates) {
        let list = hits.get(group);
        const last = list?.[list.length - 1];
        if (last && i < last.end) continue;
        const end = matchAt(tokens, i, phrase);
        if (end < 0) continue;
        if (!list) {
          list = [];
          hits.set(group, list);
        }
        list.push({ start: i, end, text: phrase.includes(GAP) ? spanText(tokens, i, end, phrase) : text, mask });
      }
    }
    return new Scan(hits);
  }
}

/** How many typo corrections the lexicon remembers before starting afresh. */
const MAX_CORRECTIONS = 10_000;

/** Whether two words differ by two adjacent letters swapped ("licnese", "license"). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return (
    diff.length === 2 &&
    diff[1] === (diff[0] as number) + 1 &&
    a[diff[0] as number] === b[diff[1] as number] &&
    a[diff[1] as number] === b[diff[0] as number]
  );
}
