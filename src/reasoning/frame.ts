import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { Understanding } from '../nlu/nlu';
import { tokenize } from '../nlu/normalize';
import { PhraseGroup, type Lexicon, type Span } from './lexicon';

/** The shape of a question: what kind of answer it wants. */
export type Shape = 'yesno' | 'list' | 'count' | 'when' | 'ago' | 'why' | 'replace' | 'other';

/**
 * A question as the reasoning layer reads it: its shape, the products it names in their roles, the
 * features and licences it asks about, and the words that change its meaning.
 */
export interface Frame {
  lang: Lang;
  tokens: string[];
  shape: Shape;
  clients: string[];
  servers: string[];
  providers: string[];
  /** Server roles: "from X" (the server left), "to Y" (the server moved to). */
  source?: string;
  target?: string;
  features: string[];
  licences: string[];
  /** A client name followed by "clients" ("which Lync 2010 clients"): every client of that name. */
  family?: string;
  negated: boolean;
  both: boolean;
  allServers: boolean;
  butNot: boolean;
  still: boolean;
  buy: boolean;
  need: boolean;
  enough: boolean;
  move: boolean;
  keep: boolean;
  /** A product qualifier the sources do not cover ("for Mac", "Teams"), as written. */
  unknownProduct?: string;
  /** A subject the sources do not cover ("lifecycle", "back end"), as written. */
  uncovered?: string;
  listRef?: 'first' | 'last' | 'all' | 'those';
  /** Only follow-up words beside the products named ("and on 2010?", "et pour AOL ?"). */
  elliptic: boolean;
  /** Words that are neither products nor follow-up words (what the message adds). */
  contentWords: string[];
  /** A name several clients share ("Communicator", "the attendant"), narrowed by the words beside it. */
  generic?: { name: string; candidates: string[] };
  /** Client mentions read as the server of the same name ("on Lync 2013"): token start → server id. */
  asServer: { start: number; server: string }[];
  /** Words of Public IM Connectivity ("federation", "provider", "PIC"). */
  federation: boolean;
  /** "How do I …": a procedure, answered by the topics. */
  how: boolean;
  /** "Communicator 2007, plain": the shorter of two names. */
  plain: boolean;
  /** Mentions of "clients"/"servers"/"providers" as such. */
  asksAbout?: 'clients' | 'servers' | 'providers';
}

const CLIENT_WORDS = new Set(['client', 'clients', 'clientes', 'app', 'apps']);
const SERVER_WORDS = new Set(['server', 'servers', 'serveur', 'serveurs']);
const PROVIDER_WORDS = new Set(['provider', 'providers', 'fournisseur', 'fournisseurs', 'network', 'networks', 'reseau', 'reseaux', 'service', 'services']);

/** Licence names and aliases, compiled once per knowledge base. */
const licenceGroups = new WeakMap<KnowledgeBase, Map<string, PhraseGroup>>();
function licencesOf(kb: KnowledgeBase): Map<string, PhraseGroup> {
  let groups = licenceGroups.get(kb);
  if (!groups) {
    groups = new Map(kb.publicIm.licences.map((l) => {
      const names = [l.name, ...l.aliases];
      return [l.id, new PhraseGroup({ en: names, fr: names })];
    }));
    licenceGroups.set(kb, groups);
  }
  return groups;
}

function covered(spans: readonly Span[], i: number): boolean {
  return spans.some((s) => i >= s.start && i < s.end);
}

/** Reads the frame of a message. Pure. */
export function readFrame(u: Understanding, kb: KnowledgeBase, lex: Lexicon): Frame {
  const { tokens, lang } = u;
  const langs: Lang[] = [lang, lang === 'en' ? 'fr' : 'en'];
  const own: Lang[] = [lang];
  const s = lex.shapes;
  const mentions = [...u.mentions].sort((a, b) => a.start - b.start);
  const mentionSpans: Span[] = mentions.map((m) => ({ start: m.start, end: m.end, text: m.id }));

  const clients: string[] = [];
  const servers: string[] = [];
  const providers: string[] = [];
  let source: string | undefined;
  let target: string | undefined;
  let family: string | undefined;
  const move = lex.roles.move.has(tokens, langs);
  const reread: { start: number; server: string }[] = [];
  const add = (list: string[], id: string): void => { if (!list.includes(id)) list.push(id); };
  for (const m of mentions) {
    // The nearest role word before the product, a few words back at most ("from our OCS 2007 R2", "to the
    // Lync Server 2013 pool"), and never beyond another product. Short French words ("a", "de") count only
    // in French.
    let role: 'source' | 'target' | 'on' | undefined;
    for (let back = m.start; back >= Math.max(0, m.start - 3) && !role; back--) {
      if (back < m.start && mentions.some((o) => o.end === back + 1 && o !== m)) break;
      for (const g of ['source', 'target', 'on'] as const) {
        const hit = lex.roles[g].find(tokens.slice(0, back), langs).find((sp) => sp.end === back);
        if (hit && (lang === 'fr' || hit.text.length > 3 || lex.roles[g].has(hit.text.split(' '), ['en']))) { role = g; break; }
      }
    }
    const before = (g: 'source' | 'target' | 'on'): boolean => role === g;
    if (m.kind === 'client') {
      const client = kb.client(m.id);
      // "which Lync 2010 clients": every client of that name (the alias "Lync 2010 client" may have taken the word).
      const next = tokens[m.end];
      const lastWord = tokens[m.end - 1];
      if ((next && CLIENT_WORDS.has(next) && /s$/.test(next)) || (lastWord && /^clients$/.test(lastWord))) family = client?.name;
      // "Lync 2013" after "on", "to", "from" (or beside another client) is the server of that name.
      const asServer = client?.asServer;
      const otherClient = mentions.some((o) => o !== m && o.kind === 'client');
      const hasServer = mentions.some((o) => o.kind === 'server');
      // "from"/"to" make it the server only when the question is about moving ("the Group Chat client from Lync 2010" is the client).
      if (asServer && ((move && (before('source') || before('target'))) || (before('on') && (otherClient || !hasServer)))) {
        add(servers, asServer);
        reread.push({ start: m.start, server: asServer });
        if (before('source')) source = asServer; else if (before('target') || move) target ??= asServer;
        continue;
      }
      add(clients, m.id);
    } else if (m.kind === 'server') {
      add(servers, m.id);
      if (before('source')) source = m.id;
      else if (before('target')) target = m.id;
    } else if (m.kind === 'provider') add(providers, m.id);
  }
  if (move && servers.length === 1 && !source && !target) target = servers[0];
  // "ls2010 -> ls2013", "OCS R2 … Lync Server 2013": moving, the first named is left for the second.
  if (move && servers.length === 2 && !source && !target) [source, target] = servers as [string, string];
  if (move && servers.length === 2 && source && !target) target = servers.find((x) => x !== source);
  if (move && servers.length === 2 && target && !source) source = servers.find((x) => x !== target);

  const features = [...lex.features].filter(([, g]) => g.find(tokens, langs).some((sp) => !covered(mentionSpans, sp.start))).map(([id]) => id);
  const licences = [...licencesOf(kb)].filter(([, g]) => g.has(tokens)).map(([id]) => id);

  const generic = genericOf(kb, tokens, mentionSpans, lex);
  if (generic && generic.candidates.length === 1) add(clients, generic.candidates[0] as string);
  const unknown = lex.unknownProducts.find(tokens, langs)[0] ?? (generic?.unknown ? { start: 0, end: 0, text: generic.name } : undefined);
  const uncovered = lex.uncoveredSubjects.find(tokens, langs)[0];
  const listRef = (['first', 'last', 'those', 'all'] as const).find((k) => lex.listReferences[k].has(tokens, own));

  const starts = (g: keyof Lexicon['shapes']): boolean => s[g].startsAt(tokens, 0, langs) || (tokens[0] === 'and' || tokens[0] === 'et' || tokens[0] === 'so' || tokens[0] === 'alors' || tokens[0] === 'ok' ? s[g].startsAt(tokens, 1, langs) : false);
  let shape: Shape = 'other';
  if (s.why.has(tokens, langs)) shape = 'why';
  else if (s.ago.has(tokens, langs)) shape = 'ago';
  else if (s.when.has(tokens, langs)) shape = 'when';
  else if (s.count.has(tokens, langs)) shape = 'count';
  else if (s.replace.has(tokens, langs) && !s.yesNo.startsAt(tokens, 0, langs)) shape = 'replace';
  else if (starts('yesNo')) shape = 'yesno';
  else if (s.list.has(tokens, langs)) shape = 'list';
  else if (u.text.trim().endsWith('?')) shape = 'yesno';

  const contentWords = tokens.filter((t, i) => !covered(mentionSpans, i) && !lex.followUpWords.has(t));
  const elliptic = mentions.length > 0 && contentWords.length === 0;
  const asksAbout = tokens.some((t) => CLIENT_WORDS.has(t)) ? 'clients' : tokens.some((t) => SERVER_WORDS.has(t)) ? 'servers'
    : tokens.some((t) => PROVIDER_WORDS.has(t)) ? 'providers' : undefined;

  return {
    lang, tokens, shape, clients, servers, providers, features, licences,
    ...(source ? { source } : {}), ...(target ? { target } : {}), ...(family && (shape === 'list' || shape === 'count') ? { family } : {}),
    negated: s.negation.has(tokens, own), both: s.both.has(tokens, langs), allServers: s.allServers.has(tokens, langs), butNot: s.butNot.has(tokens, langs),
    still: s.still.has(tokens, langs), buy: s.buy.has(tokens, langs), need: s.need.has(tokens, langs), enough: s.enough.has(tokens, langs),
    move, keep: lex.roles.keep.has(tokens, langs), federation: s.federation.has(tokens, langs), asServer: reread,
    how: s.how.has(tokens, langs) && !s.count.has(tokens, langs) && !s.ago.has(tokens, langs), plain: s.plain.has(tokens, langs),
    ...(generic && generic.candidates.length > 1 && clients.length === 0 ? { generic } : {}),
    ...(unknown ? { unknownProduct: unknown.text } : {}), ...(uncovered ? { uncovered: uncovered.text } : {}), ...(listRef ? { listRef } : {}),
    elliptic, contentWords, ...(asksAbout ? { asksAbout } : {}),
  };
}

/** Generic names, compiled once per knowledge base. */
const genericGroups = new WeakMap<KnowledgeBase, { group: PhraseGroup; clients: string[] }[]>();

/** The words of a client's names and aliases, for narrowing a generic name. */
function nameWords(kb: KnowledgeBase, id: string): Set<string> {
  const c = kb.client(id);
  return new Set([c?.name ?? '', c?.frenchName ?? '', ...(c?.aliases ?? [])].flatMap((n) => tokenize(n)));
}

/**
 * A generic name in the message, outside the products it names, with the clients it may mean: narrowed
 * by the words just around it ("the OCS attendant" → the OCS 2007 R2 Attendant).
 */
export function genericOf(kb: KnowledgeBase, tokens: readonly string[], mentions: readonly Span[], lex: Lexicon): { name: string; candidates: string[]; unknown?: boolean } | undefined {
  let groups = genericGroups.get(kb);
  if (!groups) {
    groups = kb.support.genericNames.map((g) => ({ group: new PhraseGroup({ en: g.names, fr: g.names }), clients: g.clients }));
    genericGroups.set(kb, groups);
  }
  for (const { group, clients } of groups) {
    const span = group.find(tokens).find((sp) => !covered(mentions, sp.start));
    if (!span) continue;
    const near = [...tokens.slice(Math.max(0, span.start - 2), span.start), ...tokens.slice(span.end, span.end + 2)]
      .filter((t, i, all) => !lex.followUpWords.has(t) && !covered(mentions, tokens.indexOf(t)) && all.indexOf(t) === i && /^(ocs|lync|r2|\d{4}|2007|2010|2013)$/.test(t));
    const narrowed = clients.filter((c) => near.every((w) => nameWords(kb, c).has(w)));
    // "Office Communicator 2005": a version none of them has is another product.
    const version = near.find((w) => /^\d{4}$/.test(w) && !clients.some((c) => nameWords(kb, c).has(w)));
    if (version) return { name: `${span.text} ${version}`, candidates: [], unknown: true };
    return { name: span.text, candidates: narrowed.length > 0 ? narrowed : clients };
  }
  return undefined;
}

/** The candidates a short answer picks ("2010", "the OCS one", "la 2013"). */
export function pickCandidates(kb: KnowledgeBase, tokens: readonly string[], candidates: readonly string[], lex: Lexicon): string[] {
  const words = tokens.filter((t) => !lex.followUpWords.has(t));
  if (words.length === 0) return [];
  let picked = candidates.filter((c) => words.every((w) => nameWords(kb, c).has(w) || lex.shapes.plain.has([w])));
  // "2007" picks both "Communicator 2007" and "Communicator 2007 R2": the name that says no more.
  if (picked.length > 1) {
    const length = (c: string): number => tokenize(kb.client(c)?.name ?? '').length;
    const shortest = Math.min(...picked.map(length));
    picked = picked.filter((c) => length(c) === shortest);
  }
  return picked.length > 0 && picked.length < candidates.length ? picked : [];
}
