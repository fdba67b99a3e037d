import type { LanguageFile, Lang } from '../knowledge/schema';
import { tokenize } from '../nlu/normalize';

/** A phrase as folded tokens. */
type Phrase = readonly string[];

/** Where a phrase was found: token positions [start, end). */
export interface Span { start: number; end: number; text: string }

/** Phrases of one group, per language, ready to match against a message's tokens. */
export class PhraseGroup {
  private readonly byLang: Record<Lang, Phrase[]>;
  constructor(source: { en: readonly string[]; fr: readonly string[] }) {
    const compile = (list: readonly string[]): Phrase[] => list.map((p) => tokenize(p)).filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
    this.byLang = { en: compile(source.en), fr: compile(source.fr) };
  }

  /** Every match in the tokens, longest phrases first, without overlaps. */
  find(tokens: readonly string[], langs: readonly Lang[] = ['en', 'fr']): Span[] {
    const out: Span[] = [];
    const taken = new Set<number>();
    for (const lang of langs) {
      for (const phrase of this.byLang[lang]) {
        for (let i = 0; i + phrase.length <= tokens.length; i++) {
          if (phrase.every((w, k) => tokens[i + k] === w) && !phrase.some((_, k) => taken.has(i + k))) {
            out.push({ start: i, end: i + phrase.length, text: phrase.join(' ') });
            for (let k = 0; k < phrase.length; k++) taken.add(i + k);
          }
        }
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }

  has(tokens: readonly string[], langs?: readonly Lang[]): boolean {
    return this.find(tokens, langs).length > 0;
  }

  /** Whether a phrase ends right at `end` (the words just before a position). */
  endsAt(tokens: readonly string[], end: number, langs?: readonly Lang[]): boolean {
    return this.find(tokens.slice(0, end), langs).some((s) => s.end === end);
  }

  /** Whether a phrase starts the message. */
  startsAt(tokens: readonly string[], start: number, langs?: readonly Lang[]): boolean {
    return this.find(tokens, langs).some((s) => s.start === start);
  }
}

/** `language.yaml`, compiled once per knowledge base. */
export class Lexicon {
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

  constructor(data: LanguageFile) {
    const group = <K extends string>(rec: Record<K, { en: string[]; fr: string[] }>): Record<K, PhraseGroup> =>
      Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, new PhraseGroup(v as { en: string[]; fr: string[] })])) as Record<K, PhraseGroup>;
    this.shapes = group(data.shapes);
    this.roles = group(data.roles);
    this.features = new Map(Object.entries(data.features).map(([k, v]) => [k, new PhraseGroup(v)]));
    this.followUp = new PhraseGroup(data.followUp);
    this.backReferences = new PhraseGroup(data.backReferences);
    this.listReferences = group(data.listReferences);
    this.unknownProducts = new PhraseGroup(data.unknownProducts);
    this.uncoveredSubjects = new PhraseGroup(data.uncoveredSubjects);
    this.followUpWords = new Set([...data.followUp.en, ...data.followUp.fr, ...data.backReferences.en, ...data.backReferences.fr].flatMap((p) => tokenize(p)));
    this.numbers = data.numbers;
  }
}
