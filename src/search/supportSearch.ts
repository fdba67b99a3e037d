import type { Answer } from '../answers/answer';
import { endDateAnswer } from '../answers/publicImAnswers';
import { cellAnswer, columnAnswer, rowAnswer } from '../answers/supportAnswers';
import type { Client, KnowledgeBase, Provider, Server } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { Nlu } from '../nlu/nlu';
import { fold } from '../nlu/normalize';

/** Teams shows at most this many results of a search command (and the Playground its first 25). */
export const MAX_RESULTS = 25;

/** What a result is about; the message extension's `selectItem` rebuilds its card from this. */
export type ResultRef =
  | { kind: 'cell'; client: string; server: string }
  | { kind: 'row'; client: string }
  | { kind: 'column'; server: string }
  | { kind: 'provider'; provider: string };

/** One result: a title and a line for the result list, and the answer whose card is inserted. */
export interface SearchResult {
  ref: ResultRef;
  title: string;
  text: string;
  answer: Answer;
}

/** The ref as a short string ("cell:lync2010:ls2013"), and back. */
export function refKey(ref: ResultRef): string {
  switch (ref.kind) {
    case 'cell':
      return `cell:${ref.client}:${ref.server}`;
    case 'row':
      return `row:${ref.client}`;
    case 'column':
      return `column:${ref.server}`;
    case 'provider':
      return `provider:${ref.provider}`;
  }
}

export function parseRefKey(key: string): ResultRef | undefined {
  const [kind, a, b, ...rest] = key.split(':');
  if (rest.length > 0 || !a) return undefined;
  if (kind === 'cell' && b) return { kind, client: a, server: b };
  if (b !== undefined) return undefined;
  if (kind === 'row') return { kind, client: a };
  if (kind === 'column') return { kind, server: a };
  if (kind === 'provider') return { kind, provider: a };
  return undefined;
}

/** Products whose name or an alias contains the folded query ("lync 20", "yah", "ocs"): what a user types so far. */
function byPrefix<T extends { name: string; aliases: readonly string[]; shortName?: string }>(items: readonly T[], query: string): T[] {
  if (query.length < 2) return [];
  return items.filter((i) => [i.name, i.shortName ?? '', ...i.aliases].some((n) => n !== '' && fold(n).includes(query)));
}

/** Items by id, in the knowledge base's order, without repeats. */
function pick<T extends { id: string }>(items: readonly T[], ...idLists: (readonly string[])[]): T[] {
  const wanted = new Set(idLists.flat());
  return items.filter((i) => wanted.has(i.id));
}

/**
 * Search over the support matrix and the PIC providers, for the message extension: what a client, a
 * server, a provider or a pair of them typed in a compose box matches. Typo-tolerant like the chat (the
 * NLU's entity extraction: "lyn 2010", "yahooo"), and by substring for names typed half-way ("lync 20").
 */
export class SupportSearch {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly nlu: Nlu,
    private readonly now: () => Date,
  ) {}

  /** Results for a query, best first, at most `MAX_RESULTS`; empty when nothing matches. */
  search(query: string, lang: Lang): SearchResult[] {
    const { kb } = this;
    const text = query.trim().slice(0, 200);
    if (text === '') return [];
    const { entities } = this.nlu.understand(text, lang);
    const folded = fold(text);
    const clients = pick(
      kb.clients,
      entities.clients,
      byPrefix(kb.clients, folded).map((c) => c.id),
    );
    const servers = pick(
      kb.servers,
      entities.servers,
      byPrefix(kb.servers, folded).map((s) => s.id),
    );
    const providers = pick(
      kb.providers,
      entities.providers,
      byPrefix(kb.providers, folded).map((p) => p.id),
    );
    // A server is also named by a word of its names the client's names do not use ("lync 2010 on ocs").
    const namesOf = (i: { name: string; aliases: readonly string[]; shortName?: string }): string[] =>
      [i.name, i.shortName ?? '', ...i.aliases].flatMap((n) => fold(n).split(' '));
    const clientWords = new Set(pick(kb.clients, entities.clients).flatMap(namesOf));
    const words = folded.split(' ').filter((w) => w.length >= 2 && !/^\d+$/.test(w) && !clientWords.has(w));
    const hinted = kb.servers.filter((sv) => words.some((w) => namesOf(sv).includes(w))).map((sv) => sv.id);
    const named = { clients: pick(kb.clients, entities.clients), servers: pick(kb.servers, entities.servers, hinted) };
    const results: SearchResult[] = [];
    if (named.clients.length > 0 && named.servers.length > 0) {
      // "lync 2010 on ocs": the pairs first.
      for (const c of named.clients) for (const s of named.servers) results.push(this.cell(c, s, lang));
    }
    for (const c of clients) {
      results.push(this.row(c, lang));
      for (const s of kb.servers) results.push(this.cell(c, s, lang));
    }
    for (const s of servers) {
      results.push(this.column(s, lang));
      for (const c of kb.clients) results.push(this.cell(c, s, lang));
    }
    for (const p of providers) results.push(this.provider(p, lang));
    const seen = new Set<string>();
    return results.filter((r) => !seen.has(refKey(r.ref)) && seen.add(refKey(r.ref))).slice(0, MAX_RESULTS);
  }

  /** What the search command shows before anything is typed (`initialRun`): every server and every provider. */
  initial(lang: Lang): SearchResult[] {
    return [...this.kb.servers.map((s) => this.column(s, lang)), ...this.kb.providers.map((p) => this.provider(p, lang))].slice(
      0,
      MAX_RESULTS,
    );
  }

  /** The result a ref names, or `undefined` when the knowledge base has no such product (any more). */
  resolve(ref: ResultRef, lang: Lang): SearchResult | undefined {
    const { kb } = this;
    switch (ref.kind) {
      case 'cell': {
        const c = kb.client(ref.client),
          s = kb.server(ref.server);
        return c && s ? this.cell(c, s, lang) : undefined;
      }
      case 'row': {
        const c = kb.client(ref.client);
        return c ? this.row(c, lang) : undefined;
      }
      case 'column': {
        const s = kb.server(ref.server);
        return s ? this.column(s, lang) : undefined;
      }
      case 'provider': {
        const p = kb.provider(ref.provider);
        return p ? this.provider(p, lang) : undefined;
      }
    }
  }

  private cell(c: Client, s: Server, lang: Lang): SearchResult {
    const answer = cellAnswer(this.kb, [{ client: c, server: s }], lang);
    return {
      ref: { kind: 'cell', client: c.id, server: s.id },
      title: `${c.name} · ${s.shortName ?? s.name}`,
      text: answer.headline,
      answer,
    };
  }

  private row(c: Client, lang: Lang): SearchResult {
    const answer = rowAnswer(this.kb, c, lang);
    return { ref: { kind: 'row', client: c.id }, title: c.name, text: answer.headline, answer };
  }

  private column(s: Server, lang: Lang): SearchResult {
    const answer = columnAnswer(this.kb, s, lang);
    return { ref: { kind: 'column', server: s.id }, title: s.name, text: answer.headline, answer };
  }

  private provider(p: Provider, lang: Lang): SearchResult {
    const answer = endDateAnswer(this.kb, p, lang, this.now());
    return { ref: { kind: 'provider', provider: p.id }, title: p.name, text: answer.headline, answer };
  }
}
