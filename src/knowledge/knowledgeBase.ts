import type {
  EndOfLifeFile,
  Lang,
  LanguageFile,
  PublicImFile,
  SourcesFile,
  StatusId,
  SupportMatrixFile,
  Topic,
  TopicsFile,
  TrainingFile,
  BotFile,
} from './schema';
import type { MessageKey } from './messages';

export type Client = SupportMatrixFile['clients'][number];
export type Server = SupportMatrixFile['servers'][number];
export type Provider = PublicImFile['providers'][number];
export type Source = SourcesFile['sources'][number];
export type Cell = SupportMatrixFile['matrix'][number];
export type Footnote = SupportMatrixFile['footnotes'][number];
export type IntentCorpus = TrainingFile['intents'][number];
export type EntityKind = 'client' | 'server' | 'provider' | 'product' | 'eol';
export type EndOfLifeEntry = EndOfLifeFile['entries'][number];

/** A date users can be reminded of: a PIC provider's end of service or an end-of-life entry. */
export interface Deadline {
  /** `pic:<provider id>` or `eol:<entry id>`; stable across restarts, stored with subscriptions. */
  id: string;
  kind: 'pic' | 'eol';
  /** The provider's or product's id (its entity id). */
  entityId: string;
  name: string;
  /** As written in the knowledge base: a date or an instant. */
  date: string;
  source: string;
}
export type RelatedProduct = SupportMatrixFile['relatedProducts'][number];

export interface KnowledgeParts {
  dir: string;
  sources: Source[];
  support: SupportMatrixFile;
  publicIm: PublicImFile;
  subjects: TopicsFile[];
  topics: Map<string, Topic>;
  bot: BotFile;
  endOfLife: EndOfLifeEntry[];
  language: LanguageFile;
  training: IntentCorpus[];
}

/**
 * The validated knowledge base with the look-ups the bot needs. Built only by `loadKnowledge`, which has
 * already checked the cross-references these methods rely on.
 */
/** Whether tokens hold one word of each group an intent requires (none required: true). */
export function hasRequiredWords(groups: readonly ReadonlySet<string>[] | undefined, tokens: readonly string[]): boolean {
  return !groups || groups.every((group) => tokens.some((t) => group.has(t)));
}

export class KnowledgeBase {
  readonly dir: string;
  readonly sources: readonly Source[];
  readonly support: SupportMatrixFile;
  readonly publicIm: PublicImFile;
  readonly subjects: readonly TopicsFile[];
  readonly training: readonly IntentCorpus[];
  readonly bot: BotFile;
  readonly endOfLife: readonly EndOfLifeEntry[];
  /** The words that steer understanding (`language.yaml`). */
  readonly language: LanguageFile;
  /** Per intent, the word groups a message must contain for it to be acted on (training files' `requiredWords`). */
  readonly requiredWords: Readonly<Record<string, readonly ReadonlySet<string>[]>>;
  private readonly topicByIntent: Map<string, Topic>;
  private readonly sourceByFile: Map<string, Source>;
  private readonly cells = new Map<string, Cell>();

  constructor(parts: KnowledgeParts) {
    this.dir = parts.dir;
    this.sources = parts.sources;
    this.support = parts.support;
    this.publicIm = parts.publicIm;
    this.subjects = parts.subjects;
    this.endOfLife = parts.endOfLife;
    this.language = parts.language;
    this.training = parts.training;
    this.requiredWords = Object.fromEntries(
      parts.training.flatMap((e) => (e.requiredWords ? [[e.intent, e.requiredWords.map((g) => new Set(g))]] : [])),
    );
    this.bot = parts.bot;
    this.topicByIntent = parts.topics;
    this.sourceByFile = new Map(parts.sources.map((s) => [s.file, s]));
    for (const cell of parts.support.matrix) this.cells.set(`${cell.client}|${cell.server}`, cell);
  }

  get clients(): readonly Client[] {
    return this.support.clients;
  }
  get servers(): readonly Server[] {
    return this.support.servers;
  }
  get providers(): readonly Provider[] {
    return this.publicIm.providers;
  }

  client(id: string): Client | undefined {
    return this.support.clients.find((c) => c.id === id);
  }
  server(id: string): Server | undefined {
    return this.support.servers.find((s) => s.id === id);
  }
  provider(id: string): Provider | undefined {
    return this.publicIm.providers.find((p) => p.id === id);
  }

  /** The matrix cell for a client on a server (always present: the loader checks completeness). */
  cell(clientId: string, serverId: string): Cell {
    const cell = this.cells.get(`${clientId}|${serverId}`);
    if (!cell) throw new Error(`no matrix cell for ${clientId} on ${serverId}`);
    return cell;
  }

  footnote(id: number): Footnote | undefined {
    return this.support.footnotes.find((f) => f.id === id);
  }
  status(id: StatusId): SupportMatrixFile['statuses'][StatusId] {
    return this.support.statuses[id];
  }
  topic(intent: string): Topic | undefined {
    return this.topicByIntent.get(intent);
  }
  /** Every topic: the subjects' files, then the support matrix's, then Public IM Connectivity's (that order breaks ties). */
  allTopics(): Topic[] {
    return [...this.subjects.flatMap((sj) => sj.topics), ...this.support.topics, ...this.publicIm.topics];
  }

  source(file: string): Source | undefined {
    return this.sourceByFile.get(file);
  }

  /** One of the bot's own sentences in a language, with `{name}` placeholders filled. */
  message(key: MessageKey, lang: Lang, vars: Record<string, string | number> = {}): string {
    const template = this.bot.messages[key][lang];
    // French elision: "de Office …" → "d’Office …", "que Office" → "qu’Office".
    return fill(
      lang === 'fr'
        ? template.replace(/\b(de|que) \{(\w+)\}/g, (whole, word: string, name: string) =>
            /^[aeiouyéèêàâîôûh]/i.test(String(vars[name] ?? '')) && !/^(h[a-z]*\b)/i.test(String(vars[name]))
              ? `${word === 'de' ? 'd' : 'qu'}’{${name}}`
              : whole,
          )
        : template,
      vars,
    );
  }

  relatedProduct(id: string): RelatedProduct | undefined {
    return this.support.relatedProducts.find((p) => p.id === id);
  }

  /** Entities of a kind, for extraction and suggestions. */
  entities(kind: EntityKind): readonly (Client | Server | Provider | RelatedProduct | EndOfLifeEntry)[] {
    switch (kind) {
      case 'client':
        return this.clients;
      case 'server':
        return this.servers;
      case 'provider':
        return this.providers;
      case 'product':
        return this.support.relatedProducts;
      case 'eol':
        return this.endOfLife;
    }
  }

  /** Every dated end the bot can remind of, PIC end-of-service dates first. */
  deadlines(): Deadline[] {
    return [
      ...this.providers.flatMap((p) =>
        p.endOfService
          ? [{ id: `pic:${p.id}`, kind: 'pic' as const, entityId: p.id, name: p.name, date: p.endOfService, source: p.source }]
          : [],
      ),
      ...this.endOfLife.map((e) => ({
        id: `eol:${e.id}`,
        kind: 'eol' as const,
        entityId: e.id,
        name: e.name,
        date: e.date,
        source: e.source,
      })),
    ];
  }

  /** Footnotes about a client: those its cells carry and those that name it. */
  footnotesAbout(clientId: string): Footnote[] {
    const marked = new Set(this.support.matrix.filter((c) => c.client === clientId && c.footnote !== undefined).map((c) => c.footnote));
    return this.support.footnotes.filter((f) => marked.has(f.id) || f.about.includes(clientId));
  }
}

/**
 * Replaces `{name}` placeholders, and `{name|one|other}` with `one` when that variable is 1, else `other`
 * ("{count} {count|client is|clients are}"); unknown placeholders are left as they are.
 */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) =>
      name in vars ? (Number(vars[name]) === 1 ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
