import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { STATUS_IDS, type Lang, type StatusId } from '../knowledge/schema';
import type { Understanding } from '../nlu/nlu';
import { questionSentences, tokenize } from '../nlu/normalize';
import type { Lexicon, Scan, Span } from './lexicon';

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
  /** "Any problem running …?": a yes/no question about trouble, answered the other way round. */
  trouble: boolean;
  /** A status the question names beyond supported / not ("partly supported", "not applicable"). */
  status?: StatusId;
  both: boolean;
  allServers: boolean;
  butNot: boolean;
  /**
   * Of two servers, the one a negation governs when the other is affirmed ("supported on LS2010 but not on
   * LS2013", "not supported on LS2013 but supported on LS2010"): the clients of the one and not the other.
   */
  notOn?: string;
  /** The one server a question asks clients to work on alone ("which clients only work on LS2010?", "que sur LS2010"). */
  onlyOn?: string;
  /** Clients of versions before the server's ("earlier client versions", "versions antérieures"). */
  earlier: boolean;
  /** Features a negation governs ("IM but not audio", "sans audio"): those asked to be absent. */
  featuresNot: string[];
  /** It opens as a yes/no question ("did Yahoo federation end?"), not a bare noun phrase ("AOL federation end date?"). */
  opensYesNo: boolean;
  /** Where the question's sentence opens, in tokens, when sentences before it set the scene ("We run Lync 2010. Can we …?"); else 0. */
  askedFrom: number;
  /** Where the question itself opens within it, after a part that sets the scene ("on a Lync Server 2013 SE, is the IMMCU …?"). */
  clauseFrom: number;
  /** Where it ends: before a statement that follows it ("… an OCS 2007 R2 pool? planning a phased rollout"). */
  askedTo: number;
  /** Per product named, the sentence asking (ending with "?") it is first named in, when the message asks several. */
  askedIn: Record<string, number>;
  /** Where a yes/no question's alternative starts ("…, or is Exchange mandatory?"): the question asked ends there. */
  alternativeAt?: number;
  still: boolean;
  buy: boolean;
  need: boolean;
  enough: boolean;
  move: boolean;
  keep: boolean;
  /** A product qualifier the sources do not cover ("for Mac", "Teams"), as written. */
  unknownProduct?: string;
  /** A feature the sources never name ("screen sharing", "transfert de fichiers"), as written. */
  unknownFeature?: string;
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
  /** About when something began ("since when", "launched"), not when it ends. */
  since: boolean;
  /** About when something ends ("end", "retire", "fin"). */
  ending: boolean;
  /** Mentions of "clients"/"servers"/"providers" as such. */
  asksAbout?: 'clients' | 'servers' | 'providers';
  /** Words that ask for a migration plan ("what happens to", "que deviennent"), or that something breaks. */
  plan: boolean;
  /** Providers named right after "besides", "à part": left out of the answer. */
  excluded: string[];
  /** "On top of", "en plus de": what something comes in addition to. */
  addition: boolean;
  /**
   * Licences named only after "beyond", "besides", "en plus de" ("do we need anything beyond CALs for
   * AOL?"): the base the question asks past — what else is needed, not these.
   */
  beyond: string[];
  /** "Is every Lync 2010 client …?": a verdict on all of them ("No, not all" when one is not). */
  every?: boolean;
  /** Every generic name of the message with its candidates (a plan takes, of each, those in use). */
  generics: { name: string; candidates: string[] }[];
  /** What the question asks for (attribute ids of language.yaml: a port, a price…): the answer must give it. */
  asks: string[];
  /**
   * The words no product, no steering word (shapes, roles, features, nouns) and no function word accounts
   * for: what the question is about beyond its products ("the default well-known user", "voice mail").
   */
  plainWords: string[];
  /** For "how many X", the word X stands for (the head of the words counted: "chat rooms" → "rooms"). */
  counted?: string;
}

function covered(spans: readonly Span[], i: number): boolean {
  return spans.some((s) => i >= s.start && i < s.end);
}

/**
 * The knowledge base's own names the reading needs (licences, generic names), added to the lexicon's
 * one-pass index.
 */
export function addKnowledgeNames(kb: KnowledgeBase, lex: Lexicon): void {
  for (const l of kb.publicIm.licences) {
    const names = [l.name, ...l.aliases];
    lex.addGroup(`licence.${l.id}`, { en: names, fr: names });
  }
  // (In the plural too: "the web apps", "les intendants", "attendant consoles".)
  // (Not an abbreviation's: "OCs" would be "OCS", the server.)
  const plural = (name: string): string => (/[sx]$/i.test(name) || !/[a-z]{3,}$/.test(name) ? name : `${name}s`);
  kb.support.genericNames.forEach((g, i) => {
    const names = [...new Set([...g.names, ...g.names.map(plural)])];
    lex.addGroup(`generic.${i}`, { en: names, fr: names });
  });
  // Statuses a question names beyond yes / no ("which clients are partly supported?").
  for (const [id, st] of Object.entries(kb.support.statuses)) if (st.asked) lex.addGroup(`status.${id}`, st.asked);
  // Every word the topics and names use is a word, never a typo of another ("data", "march").
  const topics = kb.allTopics();
  // (And what a typo of the question's language is corrected into: "archving" is "archiving".)
  const texts = (l: Lang) =>
    topics.flatMap((t) =>
      [t.title, t.answer, ...t.details, ...t.steps, ...t.facts.flatMap((x) => [x.label, x.value]), ...t.claims.map((c) => c.text)].map(
        (x) => x[l],
      ),
    );
  lex.addWords(texts('en'), 'en');
  lex.addWords(texts('fr'), 'fr');
  lex.addWords(kb.training.flatMap((e) => [...e.utterances.en, ...e.utterances.fr]));
}

/** The token positions inside the products a message names (what names set the scene, not the question). */
export function namedPositions(u: Understanding): Set<number> {
  return new Set(u.mentions.flatMap((m) => Array.from({ length: m.end - m.start }, (_, k) => m.start + k)));
}

/** Reads the frame of a message. Pure. */
export function readFrame(u: Understanding, kb: KnowledgeBase, lex: Lexicon): Frame {
  const { lang } = u;
  // Typos corrected into a word of the language data ("is evry lync 2010 client suported?"); a word the
  // knowledge or the language data uses, or inside a product's name, stays as typed.
  const typedInName = namedPositions(u);
  // (Only a word the classifier did not know either: "partly", "march", "data" are words, not typos.)
  const unknownTyped = new Set(u.unknownWords);
  const typo = (t: string, i: number): boolean => unknownTyped.has(t) || (u.corrected?.[i] ?? t) !== t;
  const tokens = u.tokens.map((t, i) => (typedInName.has(i) || lex.words.has(t) || !typo(t, i) ? t : (lex.correct(t, lang) ?? t)));
  const langs: Lang[] = [lang, lang === 'en' ? 'fr' : 'en'];
  const own: Lang[] = [lang];
  const mentions = [...u.mentions].sort((a, b) => a.start - b.start);
  const mentionSpans: Span[] = mentions.map((m) => ({ start: m.start, end: m.end, text: m.id }));

  const clients: string[] = [];
  const servers: string[] = [];
  const providers: string[] = [];
  let source: string | undefined;
  let target: string | undefined;
  let family: string | undefined;
  let familyQuantified = false;
  const sc = lex.scan(tokens);
  let move = sc.has('roles.move', langs);
  const reread: { start: number; server: string }[] = [];
  // Short French words ("a", "de") count only in French.
  const roleOf = (g: 'source' | 'target' | 'on'): Span[] =>
    lang === 'fr'
      ? sc.get(`roles.${g}`, langs)
      : [...sc.get(`roles.${g}`, ['en']), ...sc.get(`roles.${g}`, ['fr']).filter((sp) => sp.text.length > 3)];
  // "on both 2010 and 2013", "sur les deux 2010 et 2013": for a bare version, "on" reaches over "both".
  const onBoth = roleOf('on').flatMap((sp) =>
    sc
      .get(shapeKey('both'), langs)
      .filter((b) => b.start === sp.end)
      .map((b) => ({ ...sp, end: b.end })),
  );
  const roleSpans = { source: roleOf('source'), target: roleOf('target'), on: roleOf('on') };
  // "From X to Y" with products on both sides is a move, whatever the verb ("from lync 2010 to lync 2013, …").
  const rightBefore = (g: 'source' | 'target'): boolean =>
    mentions.some((m) => roleSpans[g].some((sp) => sp.end === m.start)) ||
    roleSpans[g].some((sp) => /^(\d{4}|r2)$/.test(tokens[sp.end] ?? ''));
  if (rightBefore('source') && rightBefore('target')) move = true;
  /** Whether a client mention is listed with another ("lync 2013 and lync 2010", "lync 2013, lwa 2013"). */
  const listed = (m: (typeof mentions)[number]): boolean =>
    mentions.some(
      (o) =>
        o !== m &&
        o.kind === 'client' &&
        ((o.start === m.end + 1 && lex.listJoiners.has(tokens[m.end] ?? '')) ||
          (o.end === m.start - 1 && lex.listJoiners.has(tokens[m.start - 1] ?? '')) ||
          o.start === m.end ||
          o.end === m.start),
    );
  const add = (list: string[], id: string): void => {
    if (!list.includes(id)) list.push(id);
  };
  const actsOn = [...sc.get(shapeKey('replace'), langs), ...sc.get('roles.keep', langs), ...sc.get('roles.deploy', langs)];
  for (const m of mentions) {
    // The nearest role word before the product, a few words back at most ("from our OCS 2007 R2", "to the
    // Lync Server 2013 pool"), and never beyond another product. Short French words ("a", "de") count only
    // in French.
    let role: 'source' | 'target' | 'on' | undefined;
    let roleAt = -1;
    for (let back = m.start; back >= Math.max(0, m.start - 3) && !role; back--) {
      if (back < m.start && mentions.some((o) => o.end === back + 1 && o !== m)) break;
      // Nor beyond a bare version, which names a server of its own ("depuis 2010, parc : lync 2013").
      if (back < m.start && /^(\d{4}|r2)$/.test(tokens[back] ?? '')) break;
      // Nor beyond a verb acting on the product ("to replace lync 2010", "to keep lync 2010", "to push lync 2013": the client).
      if (back < m.start && actsOn.some((sp) => back >= sp.start && back < sp.end)) break;
      for (const g of ['source', 'target', 'on'] as const) {
        const hit = roleSpans[g].find((sp) => sp.end === back);
        if (hit) {
          role = g;
          roleAt = hit.start;
          break;
        }
      }
    }
    const before = (g: 'source' | 'target' | 'on'): boolean => role === g;
    if (m.kind === 'client') {
      const client = kb.client(m.id);
      // "which Lync 2010 clients": every client of that name (the alias "Lync 2010 client" may have taken the word).
      // (Past a word that only qualifies the name: "lync 2010 generation clients", "la gamme lync 2010".)
      const next = lex.vagueNouns.has(tokens[m.end] ?? '') ? tokens[m.end + 1] : tokens[m.end];
      const lastWord = tokens[m.end - 1];
      // Also "clients Lync 2010" (French order) and "every Lync 2010 client".
      const prev = tokens[m.start - 1];
      const quantified = prev !== undefined && lex.quantifiers.has(prev);
      // Only for a client named alone: "lync 2013 and lync 2010 clients", "clients: communicator 2007 r2,
      // live meeting 2007" are lists of clients, not families.
      const alone = mentions.filter((o) => o.kind === 'client').length === 1;
      if (
        alone &&
        ((next && lex.clientNouns.has(next) && (/s$/.test(next) || quantified)) ||
          (lastWord && /^clients$/.test(lastWord)) ||
          (quantified && lastWord !== undefined && lex.clientNouns.has(lastWord)) ||
          (prev && /^clients$/.test(prev)) ||
          /^clients$/.test(tokens[m.start] ?? ''))
      ) {
        family = client?.name;
        familyQuantified = quantified;
      }
      // "Lync 2013" after "on", "to", "from" (or beside another client) is the server of that name.
      const asServer = client?.asServer;
      const otherClient = mentions.some((o) => o !== m && o.kind === 'client');
      const hasServer = mentions.some((o) => o.kind === 'server');
      // "from"/"to" make it the server only when the question is about moving ("the Group Chat client from Lync 2010" is the client);
      // "on" when no server is named or beside another client, unless listed with clients ("with lync 2013 and lync 2010");
      // "our servers are lync 2010"; "does lync 2013 support the attendee?" (the subject of "support" before another client).
      // ("Our servers are Lync 2010", "nos serveurs sont en Lync 2010": one or two joining words.)
      const afterServerNoun =
        lex.copulas.has(tokens[m.start - 1] ?? '') &&
        (lex.serverNouns.has(tokens[m.start - 2] ?? '') ||
          (lex.copulas.has(tokens[m.start - 2] ?? '') && lex.serverNouns.has(tokens[m.start - 3] ?? '')));
      const supportsOther =
        !hasServer &&
        mentions.some((o) => o.kind === 'client' && o.start > m.end) &&
        sc.get(shapeKey('supported'), langs).some((sp) => sp.start === m.end);
      // ("The Lync 2010 client", "every user is on Lync 2013", "les postes encore sur Lync 2010": the client.)
      // ("The Lync 2010 desktop clients": past a word that only qualifies it.)
      const clientNounBeside =
        lex.clientNouns.has(next ?? '') ||
        lex.clientNouns.has(tokens[m.start - 1] ?? '') ||
        ((lex.peopleNouns.has(tokens[m.end] ?? '') || lex.vagueNouns.has(tokens[m.end] ?? '')) &&
          lex.clientNouns.has(tokens[m.end + 1] ?? ''));
      const peopleOn =
        roleAt > 0 &&
        tokens
          .slice(Math.max(0, roleAt - 4), roleAt)
          .some((t, k, ws) => lex.peopleNouns.has(t) || lex.peopleNouns.has(`${ws[k - 1] ?? ''} ${t}`.trim()));
      // ("Can OC 2007 R2 users join Lync 2013 meetings?", "les réunions Lync 2013": a feature of the server of that
      // name, another client being the one asked about.)
      const featureOf =
        otherClient &&
        !hasServer &&
        [...lex.features.keys()].some((id) => sc.get(featureKey(id), langs).some((sp) => sp.start === m.end || sp.end === m.start));
      if (
        asServer &&
        ((move && (before('source') || before('target')) && !clientNounBeside) ||
          (before('on') && (otherClient || !hasServer) && !listed(m) && !clientNounBeside && !peopleOn) ||
          afterServerNoun ||
          supportsOther ||
          featureOf)
      ) {
        add(servers, asServer);
        reread.push({ start: m.start, server: asServer });
        if (before('source')) source = asServer;
        else if (before('target') || move) target ??= asServer;
        continue;
      }
      add(clients, m.id);
    } else if (m.kind === 'server') {
      add(servers, m.id);
      if (before('source')) source = m.id;
      else if (before('target')) target = m.id;
    } else if (m.kind === 'provider') add(providers, m.id);
  }
  // "Lync Server 2013 and 2010": a bare version after "and" names the other server of that version.
  for (const m of mentions) {
    if (m.kind !== 'server') continue;
    const joiner = tokens[m.end];
    const version = tokens[m.end + 1];
    if (!joiner || !version || !(lex.listJoiners.has(joiner) || lex.shapes.compare.has([joiner])) || !/^(\d{4}|r2)$/.test(version))
      continue;
    const named = kb.servers.filter((sv) => sv.id !== m.id && serverWords(kb, sv.id).has(version));
    if (named.length === 1) add(servers, (named[0] as { id: string }).id);
  }
  // "vers 2013", "to 2013": a bare version after a role word names the server of that version.
  for (let i = 1; i < tokens.length; i++) {
    const version = tokens[i] as string;
    if (mentionSpans.some((sp) => i >= sp.start && i < sp.end)) continue;
    const isVersion = /^(\d{4}|r2)$/.test(version);
    const named = kb.servers.filter((sv) => (isVersion ? serverWords(kb, sv.id) : serverAliasWords(kb, sv.id)).has(version));
    // A bare version, or a word only one server's names use ("depuis OCS", "from ocs").
    // (Not when a version follows that makes no known name: "ocs 2007" without R2 is another product.)
    if (
      !isVersion &&
      !(
        named.length === 1 &&
        !/\d/.test(version) &&
        version.length >= 3 &&
        !lex.isFunctionWord(version) &&
        !/^(\d+|r\d)$/.test(tokens[i + 1] ?? '')
      )
    )
      continue;
    // "de lync server 2010 à 2013": after the server left, "à" / "to" names the one moved to; "passage en 2013".
    const role = roleSpans.target.some((sp) => sp.end === i)
      ? 'target'
      : roleSpans.source.some((sp) => sp.end === i)
        ? 'source'
        : // (Not two servers set against each other: "supported on 2010 but not on 2013" after "upgrade from LS2010".)
          move && source && !sc.has(shapeKey('butNot'), langs) && roleSpans.on.some((sp) => sp.end === i)
          ? 'target'
          : // "on va directement sur 2013", "passer sur 2013": "on" a word or two after the move word.
            isVersion &&
              roleSpans.on.some(
                (sp) => sp.end === i && sc.get('roles.move', langs).some((mv) => mv.end <= sp.start && mv.end >= sp.start - 2),
              )
            ? 'target'
            : move && sc.get('roles.moveTo', langs).some((sp) => sp.end === i) && /^\d{4}$/.test(version)
              ? 'target'
              : // "moving ocs to lync 2013": right after the move word, with a server moved to later, the one left.
                roleSpans.target.some((sp) => sp.start > i) && sc.get('roles.move', langs).some((sp) => sp.end === i)
                ? 'source'
                : // "ok on ocs", "sur OCS": a server's short word after "on" names it (a bare version there stays a follow-up's).
                  !isVersion && roleSpans.on.some((sp) => sp.end === i)
                  ? 'on'
                  : // "against a 2010 pool", "sur nos pools 2010", "the 2013 server": a version beside a server noun.
                    isVersion &&
                      named.length === 1 &&
                      ([tokens[i + 1], tokens[i - 1]].some((t) => lex.serverNouns.has(t ?? '') || lex.deploymentNouns.has(t ?? '')) ||
                        // ("lwa 2013 on 2010": with a client named, or one referred to — "is it supported on
                        // 2010?"; alone, "and on 2010?" is a follow-up's.)
                        // (Or a kind of client: "is the attendant ok on 2013?"; or a server compared: "on LS2013 but
                        // not on 2010".)
                        // (Or clients as such, in a question on no date: "clients ok on 2010 and 2013?", not
                        // "which clients came out in 2013?".)
                        ((clients.length > 0 ||
                          (servers.length > 0 && sc.has(shapeKey('butNot'), langs)) ||
                          lex.backReferences.has(tokens, [lang]) ||
                          (tokens.some((t) => lex.clientNouns.has(t)) &&
                            !lex.clientNouns.has(tokens[i + 1] ?? '') &&
                            !(['when', 'since', 'ago'] as const).some((g) => sc.has(shapeKey(g), langs))) ||
                          kb.support.genericNames.some((_, g) => sc.has(`generic.${g}`))) &&
                          [...roleSpans.on, ...onBoth].some((sp) => sp.end === i)))
                    ? 'on'
                    : // "… on 2010 and 2013": a version joined to one read so is read so too.
                      isVersion && named.length === 1 && lex.listJoiners.has(tokens[i - 1] ?? '') && reread.some((r) => r.start === i - 2)
                      ? 'on'
                      : undefined;
    if (!role) continue;
    if (role === 'on') {
      const id = (named[0] as { id: string }).id;
      add(servers, id);
      // (A bare version names it to the dialogs too: "is it supported on 2010?" asks only for the client.)
      if (isVersion) reread.push({ start: i, server: id });
      continue;
    }
    if (named.length !== 1) continue;
    const id = (named[0] as { id: string }).id;
    add(servers, id);
    if (role === 'target') target ??= id;
    else source ??= id;
  }
  // "Before we decommission OCS 2007 R2": that server is left, for the matrix's first server (the newest).
  const retireSpans = sc.get('roles.retire', langs);
  if (retireSpans.length > 0 && servers.length === 1 && !target) {
    const sv = servers[0] as string;
    const near = mentions.some(
      (m) =>
        m.kind === 'server' && m.id === sv && retireSpans.some((sp) => Math.abs(sp.end - m.start) <= 2 || Math.abs(m.end - sp.start) <= 3),
    );
    const newest = kb.servers.find((x) => x.id !== sv)?.id;
    if (near && newest && kb.servers[0]?.id !== sv) {
      source = sv;
      target = newest;
      add(servers, newest);
      move = true;
    }
  }
  if (move && servers.length === 1 && !source && !target) target = servers[0];
  // "ls2010 to ls2013": one role known, the other server has the other.
  if (servers.length === 2 && source && !target) target = servers.find((x) => x !== source);
  if (servers.length === 2 && target && !source) source = servers.find((x) => x !== target);
  // "ls2010 -> ls2013", "OCS R2 … Lync Server 2013": moving, the first named is left for the second.
  // (No word gives their roles: a move goes to the newer one, the matrix's order — "we have LS2013 and LS2010
  // pools … after the migration" is no move to Lync Server 2010.)
  if (move && servers.length === 2 && !source && !target) {
    const rank = (id: string): number => kb.servers.findIndex((sv) => sv.id === id);
    [target, source] = [...servers].sort((a, b) => rank(a) - rank(b)) as [string, string];
  }
  if (move && servers.length === 2 && source && !target) target = servers.find((x) => x !== source);
  if (move && servers.length === 2 && target && !source) source = servers.find((x) => x !== target);

  const features: string[] = [];
  // A feature word inside a product name, inside "public IM" or inside a name like "Persistent Chat" names no feature.
  const federationSpans = sc.get(shapeKey('federation'), langs);
  const featurelessSpans = sc.get('featureless', langs);
  for (const id of lex.features.keys())
    if (
      sc
        .get(featureKey(id), langs)
        .some((sp) => !covered(mentionSpans, sp.start) && !covered(federationSpans, sp.start) && !covered(featurelessSpans, sp.start))
    )
      features.push(id);
  // Features a negation governs: right after it, an article or two between ("but not audio", "mais pas l'audio",
  // "sans la vidéo", "without video").
  const negationEnds = sc.get(shapeKey('negation'), langs).map((sp) => sp.end);
  const featuresNot = features.filter((id) =>
    sc
      .get(featureKey(id), langs)
      .some((sp) =>
        negationEnds.some(
          (end) => sp.start >= end && sp.start <= end + 2 && tokens.slice(end, sp.start).every((t) => lex.isFunctionWord(t)),
        ),
      ),
  );
  // In the order the question names them, a licence right after "in addition to" / "en plus des" last: the
  // first is the one asked about ("a PIC USL in addition to the CALs?" asks about the PIC USL).
  const additionEnds = sc.get(shapeKey('addition'), langs).map((sp) => sp.end);
  const licenceAt = (id: string): number => {
    const at = sc.get(`licence.${id}`)[0]?.start ?? 0;
    const afterAddition = additionEnds.some((end) => at >= end && at <= end + 2);
    return (afterAddition ? tokens.length : 0) + at;
  };
  const licences = kb.publicIm.licences
    .filter((l) => sc.has(`licence.${l.id}`))
    .map((l) => l.id)
    .sort((a, b) => licenceAt(a) - licenceAt(b));
  // Every licence named right after such a word, none before it: the base asked past.
  const pastSpans = ['addition', 'except', 'beyond'].flatMap((k) => sc.get(shapeKey(k), langs));
  const pastFrom = Math.min(...pastSpans.map((sp) => sp.start));
  const beyond = licences.every((id) => {
    const at = sc.get(`licence.${id}`)[0]?.start ?? 0;
    return at > pastFrom && pastSpans.some((sp) => at >= sp.end && at <= sp.end + 2);
  })
    ? licences
    : [];

  // "L'attendee Lync 2010": a generic name right beside a client's name is the one client of that kind
  // whose name holds both ("Lync 2010 Attendee"), not the client named ("Lync 2010").
  // ("The Lync 2013 Attendant": when no client of that kind has both, the two name a product the
  // knowledge does not hold, never the client named.)
  let noSuchClient: Span | undefined;
  for (const [i, g] of kb.support.genericNames.entries()) {
    for (const sp of sc.get(`generic.${i}`)) {
      // (Beside it, or after a word saying whose it is: "le client Group Chat de Lync 2010".)
      const m = mentions.find(
        (x) =>
          x.kind === 'client' &&
          (x.end === sp.start || x.start === sp.end || (x.start === sp.end + 1 && lex.belongs.has(tokens[sp.end] ?? ''))),
      );
      if (!m || covered(mentionSpans, sp.start)) continue;
      // (Not in a list of clients — "lync 2010, lwa 2010, participant et intendant lync 2010": the commas are gone
      // from the tokens, but a joining word after it, or three clients named, say it is one of several.)
      const enumerated =
        mentions.filter((x) => x.kind === 'client').length >= 3 ||
        (m.end === sp.start && lex.listJoiners.has(tokens[sp.end] ?? '')) ||
        (m.start === sp.end && lex.listJoiners.has(tokens[sp.start - 1] ?? ''));
      if (enumerated) continue;
      const words = [...tokens.slice(sp.start, sp.end), ...tokens.slice(m.start, m.end)];
      const fits = g.clients.filter((c) => words.every((w) => nameWords(kb, c).has(w)));
      if (fits.length === 0 && !g.clients.includes(m.id) && !words.every((w) => nameWords(kb, m.id).has(w))) {
        const start = Math.min(m.start, sp.start);
        const end = Math.max(m.end, sp.end);
        noSuchClient ??= { start, end, text: tokens.slice(start, end).join(' ') };
      }
      if (fits.length !== 1 || fits[0] === m.id) continue;
      const at = clients.indexOf(m.id);
      if (at >= 0) clients.splice(at, 1, fits[0] as string);
      else add(clients, fits[0] as string);
      mentionSpans.push({ start: sp.start, end: sp.end, text: fits[0] as string });
    }
  }
  const generics = genericsOf(kb, tokens, mentionSpans, lex, sc);
  const generic = generics[0];
  if (generic && generic.candidates.length === 1) add(clients, generic.candidates[0] as string);
  // "OCS 2007 (pas R2)": a server's short word with a version that makes none of the servers' names is
  // another product, never the server of that word.
  const otherVersion = tokens.findIndex(
    (t, i) =>
      !covered(mentionSpans, i) &&
      /^\d{4}$/.test(tokens[i + 1] ?? '') &&
      !covered(mentionSpans, i + 1) &&
      !/\d/.test(t) &&
      t.length >= 3 &&
      !lex.isFunctionWord(t) &&
      kb.servers.filter((sv) => serverAliasWords(kb, sv.id).has(t)).length === 1,
  );
  // "Live Meeting 2005": a client named without its version, then another version, is another product.
  const versionAfter = mentions.find(
    (m) =>
      m.kind === 'client' &&
      !tokens.slice(m.start, m.end).some((t) => /\d/.test(t)) &&
      /^(19|20)\d\d$/.test(tokens[m.end] ?? '') &&
      !covered(mentionSpans, m.end),
  );
  const unknown =
    sc.get('unknownProducts', langs)[0] ??
    noSuchClient ??
    (versionAfter
      ? { start: versionAfter.start, end: versionAfter.end + 1, text: tokens.slice(versionAfter.start, versionAfter.end + 1).join(' ') }
      : undefined) ??
    (generic?.unknown ? { start: 0, end: 0, text: generic.name } : undefined) ??
    (otherVersion >= 0
      ? { start: otherVersion, end: otherVersion + 2, text: `${tokens[otherVersion]} ${tokens[otherVersion + 1]}` }
      : undefined);
  const uncovered = sc.get('uncoveredSubjects', langs)[0];
  const unknownFeature = sc.get('unknownFeatures', langs)[0];
  const listRef = (['first', 'last', 'those', 'all'] as const).find((k) => sc.has(`listReferences.${k}`, own));

  // Where the question opens: at the start (after "and", "so"), or where its last sentence starts ("We
  // federate with many Messenger contacts. When were they moved to Skype?").
  const { sentences, asked: questionSentence } = questionSentences(u.text);
  // The token span of each sentence, and of those that ask (end with "?").
  const spans: [number, number][] = [];
  sentences.reduce((at, sentence) => {
    const next = at + tokenize(sentence).length;
    spans.push([at, next]);
    return next;
  }, 0);
  const questionEnds = spans.filter((_, k) => (sentences[k] ?? '').trim().endsWith('?'));
  const lastStart = spans[questionSentence]?.[0] ?? 0;
  const lead = lex.continuations.has(tokens[0] ?? '') ? 1 : 0;
  const opensAt = (i: number): boolean =>
    i === lead || (lastStart > 0 && (i === lastStart || (i === lastStart + 1 && lex.continuations.has(tokens[lastStart] ?? ''))));
  // Where each comma-separated part of the question sentence starts, in tokens.
  const commaStarts = new Set<number>();
  const parts = (sentences[questionSentence] ?? '').split(',');
  parts.slice(0, -1).reduce((at, part) => {
    const next = at + tokenize(part).length;
    commaStarts.add(next);
    return next;
  }, lastStart);
  const has = (g: keyof Lexicon['shapes'], in_: readonly Lang[] = langs): boolean => sc.has(shapeKey(g), in_);
  const starts = (g: keyof Lexicon['shapes']): boolean => sc.get(shapeKey(g), langs).some((sp) => opensAt(sp.start));
  let shape: Shape = 'other';
  // A question that opens as yes/no stays one whatever follows ("does presence show when …?"), unless it
  // asks why, how long ago or how many.
  // Where the question's words end, a word of emphasis after them aside ("… s'est arrêté quand exactement ?").
  const contentEnd = tokens.reduce((end, t, i) => (lex.shapes.emphasis.has([t]) ? end : i + 1), 0);
  // A "when" of one word whose first yes/no opener after it comes later: a clause ("when they move … do they …").
  // (Never when a "when" asks right before an opener: "when migrating, when do I start the servers?".)
  const whens = sc.get(shapeKey('when'), langs);
  const firstOpener = (at: number) => sc.get(shapeKey('yesNo'), langs).find((y) => y.start >= at);
  const whenClause =
    whens.some((w) => {
      const opener = firstOpener(w.end);
      return w.end - w.start === 1 && opener !== undefined && opener.start > w.end + 1 && opener.start < contentEnd - 1;
    }) && !whens.some((w) => firstOpener(w.end)?.start === w.end);
  if (has('why')) shape = 'why';
  else if (has('ago')) shape = 'ago';
  else if (has('count')) shape = 'count';
  // (Not "how does presence update…?": "how" opening it asks how, though "how" alone may open a follow-up.)
  // (A yes/no opener after a comma opens the question too: "after the pchat migration, can we decommission …?".)
  // (Nor does a "when" clause before that comma make it a date question: "when we move, will the attendant still work?".)
  // (Nor one whose opener a question word follows: "c'est quoi le point de terminaison hérité ?" asks what, after a
  // comma too: "on migre GC 2010 vers PC 2013, c'est quoi la première étape ?".)
  else if (
    (starts('yesNo') || sc.get(shapeKey('yesNo'), langs).some((sp) => commaStarts.has(sp.start))) &&
    !sc.get(shapeKey('how'), langs).some((sp) => sp.start === 0) &&
    !sc
      .get(shapeKey('yesNo'), langs)
      .some((sp) => (opensAt(sp.start) || commaStarts.has(sp.start)) && sc.get(shapeKey('list'), langs).some((l) => l.start === sp.end))
  )
    shape =
      starts('yesNo') && has('when') && sc.get(shapeKey('when'), langs).some((sp) => sp.start <= lead + 1 || opensAt(sp.start))
        ? 'when'
        : 'yesno';
  // A bare "when" / "quand" inside the question ("what's new when pairing … with Exchange 2013?") opens a
  // clause, not a date question: it asks for a date at the start, at the end, or as a phrase ("since when").
  // (Nor one opening a clause that a yes/no question follows: "when they move to LS2013 do they need a new
  // client?" asks whether; "when do they need …?" asks when.)
  else if (whenClause) shape = 'yesno';
  else if (
    sc.get(shapeKey('when'), langs).some((sp) => sp.start <= lead + 1 || opensAt(sp.start) || sp.end >= contentEnd || sp.end - sp.start > 1)
  )
    shape = 'when';
  // (Not "by what" after a verb saying what does a thing: "la messagerie vocale passe par quoi ?", "handled by what?".)
  else if (sc.get(shapeKey('replace'), langs).some((sp) => !sc.get(shapeKey('through'), langs).some((t) => t.end === sp.start)))
    shape = 'replace';
  // (A list word that also joins a list — "où", folded to "ou", is also "or" — lists only where it opens or ends
  // the question — "c'est où ?" — not in "en réunion ou absent du bureau ?".)
  // (Nor inside a set phrase: "on le garde tel quel ?".)
  else if (
    sc
      .get(shapeKey('list'), langs)
      .some(
        (sp) =>
          !(sp.end - sp.start === 1 && lex.listJoiners.has(tokens[sp.start] ?? '') && !opensAt(sp.start) && sp.end < tokens.length) &&
          !sc.get(shapeKey('asIs'), langs).some((a) => sp.start >= a.start && sp.end <= a.end),
      )
  )
    shape = 'list';
  // What the question asks for (attribute ids of language.yaml: a port, a price…), and where it says so.
  // (In the question's own sentence: "Our small office is sizing a Standard Edition server. Does it support
  // Enterprise Voice?" does not ask for hardware figures.)
  const asks = lex.attributeIds.filter((id) => sc.get(`attributes.${id}`, langs).some((sp) => sp.start >= lastStart));
  const attributeSpans = asks.flatMap((id) => sc.get(`attributes.${id}`, langs));
  // A question mark alone: yes/no, unless the question is about a kind of product as such (below).
  // ("So how do those users join meetings?" asks how, not whether.)
  // (Nor a noun phrase asking for a thing, with no verb: "taille max des photos HD ?", "port utilisé vers
  // le FE ?" ask for the size and the port, whereas "le port source est fixe ?" asks whether.)
  const verbless = !tokens.some((t) => lex.copulas.has(t)) && !has('yesNo') && !has('supported') && !has('need') && !has('enough');
  // (Nor one naming features: "fonctionnalités déjà dispo avec Exchange 2010 ?" asks which.)
  const bare = shape === 'other' && u.text.trim().endsWith('?') && !has('how') && !((asks.length > 0 || has('capabilities')) && verbless);
  if (bare) shape = 'yesno';
  // "Is archiving configured before or after the integration?" asks which, not whether.
  if (shape === 'yesno' && has('before') && has('after') && has('or')) shape = 'other';
  // So does a choice between two words that name no product nor feature: "is the well-known user deleted or kept?",
  // "photos stored in AD or Exchange?".
  const featureAt = (i: number): boolean =>
    [...lex.features.keys()].some((id) => sc.get(featureKey(id), langs).some((sp) => i >= sp.start && i < sp.end));
  // (Words of three letters or more that no product, feature, follow-up or negation accounts for: not "yes or no",
  // "oui ou non", "lync 2010 or 2013", "IM or video".)
  const plainWord = (i: number): boolean =>
    i >= 0 &&
    i < tokens.length &&
    (tokens[i] as string).length > 2 &&
    !covered(mentionSpans, i) &&
    !lex.followUpWords.has(tokens[i] as string) &&
    !lex.shapes.negation.has([tokens[i] as string]) &&
    !/^\d+$/.test(tokens[i] as string) &&
    !featureAt(i);
  if (shape === 'yesno' && sc.get(shapeKey('or'), langs).some((sp) => plainWord(sp.start - 1) && plainWord(sp.end))) shape = 'other';
  // "We're on OCS 2007 R2, is the OCS attendant ok on LS2013?", "OCS 2007 R2 shop with … how many of them are not
  // supported on LS2013?": a server named before the question opens sets the scene; the question is about the
  // one it names itself.
  const questionAt =
    lastStart > 0
      ? lastStart
      : Math.min(
          ...(['yesNo', 'count', 'list'] as const).flatMap((g) =>
            // (A message opening as a question has no scene before it: "is LWA 2010 supported on LS2013, and is …".)
            sc.get(shapeKey(g), langs).map((sp) => sp.start),
          ),
        );
  if (questionAt > lead && !move && !source && !target && servers.length === 2 && !has('both') && !has('allServers') && !has('butNot')) {
    const at = (id: string): number[] => [
      ...mentions.filter((m) => m.kind === 'server' && m.id === id).map((m) => m.start),
      ...reread.filter((r) => r.server === id).map((r) => r.start),
    ];
    // (A server asked of in a question of its own before it is not the scene: "Is Lync 2010 supported on LS2013? And
    // on OCS 2007 R2?" asks both.)
    const askedBefore = (i: number): boolean => questionEnds.some(([from, to]) => i >= from && i < to && to <= questionAt);
    const scene = servers.filter((id) => at(id).length > 0 && at(id).every((i) => i < questionAt && !askedBefore(i)));
    const asked = servers.filter((id) => at(id).some((i) => i > questionAt));
    if (scene.length === 1 && asked.length === 1) servers.splice(servers.indexOf(scene[0] as string), 1);
  }

  // Of two servers, the one a negation governs, when a contrast ("but", "mais") or "but not" sets them apart:
  // the first server named after a negation, the other named outside its reach.
  let notOn: string | undefined;
  if (servers.length === 2 && (has('butNot') || sc.has('clauses', langs))) {
    const named = servers
      .flatMap((id) => [
        ...mentions.filter((m) => m.kind === 'server' && m.id === id).map((m) => ({ id, at: m.start })),
        ...reread.filter((r) => r.server === id).map((r) => ({ id, at: r.start })),
      ])
      .sort((a, b) => a.at - b.at);
    const governed = new Set(
      sc
        .get(shapeKey('negation'), langs)
        .map((sp) => named.find((n) => n.at >= sp.end)?.id)
        .filter((id): id is string => id !== undefined),
    );
    if (governed.size === 1) notOn = [...governed][0];
  }

  // "Which clients only work on LS2010?", "combien ne marchent que sur LS2010 ?": the server named right after.
  // (The others ruled out beside it: "qu'avec LS2010 (ni LS2013 ni OCS 2007 R2)", "only on LS2010, not on LS2013".)
  const ruledOut = (id: string): boolean =>
    mentions.some((m) => m.kind === 'server' && m.id === id && sc.get(shapeKey('neither'), langs).some((sp) => sp.end === m.start));
  const onlyOn = sc
    .get(shapeKey('onlyOn'), langs)
    .map((sp) => mentions.find((m) => m.kind === 'server' && m.start === sp.end)?.id)
    .find((id): id is string => id !== undefined && servers.every((sv) => sv === id || ruledOut(sv)));
  if (onlyOn) servers.splice(0, servers.length, onlyOn);

  // (Nor a role word: "et par Lync Server 2010 ?" is the question before, asked of that server.)
  const contentWords = tokens.filter((t, i) => !covered(mentionSpans, i) && !lex.followUpWords.has(t) && !lex.roleWords.has(t));
  const elliptic = mentions.length > 0 && contentWords.length === 0;
  // What is asked about: for "how many", the thing counted (the words right after: "how many users can one
  // server handle" counts users, not servers); otherwise any mention of clients, servers or providers.
  const countSpan = shape === 'count' ? sc.get(shapeKey('count'), langs)[0] : undefined;
  // A server noun beside a word that makes it another kind of server ("front end servers", "serveur SQL")
  // is not the matrix's servers.
  const otherServer = (i: number): boolean => sc.get('otherServers', langs).some((sp) => i >= sp.start - 1 && i <= sp.end);
  const serverNoun = (t: string, i: number): boolean => lex.serverNouns.has(t) && !otherServer(i);
  const at = (from: number, n: number): number[] => tokens.slice(from, from + n).map((_, k) => from + k);
  // (A noun inside a product's name — "Lync Server 2010" — is not one; a plural ending it — "Lync 2010 clients" — is.)
  // (Nor one opening it, in French order: "clients Lync 2010".)
  const inName = (i: number): boolean =>
    mentionSpans.some((sp) => i >= sp.start && i < sp.end && !((i === sp.end - 1 || i === sp.start) && /s$/.test(tokens[i] as string)));
  // (A product noun is what is counted even though "client" alone is also a follow-up word: "how many older client versions".)
  const productNoun = (t: string): boolean => lex.clientNouns.has(t) || lex.serverNouns.has(t) || lex.providerNouns.has(t);
  // (What is counted ends at a preposition: "combien d'utilisateurs sur un serveur" counts users, not servers.)
  // (Past one after a vague noun only: "combien de versions de client" counts clients' versions.)
  const stop = countSpan
    ? at(countSpan.end, 5).find(
        (i) =>
          i > countSpan.end &&
          lex.prepositions.has(tokens[i] as string) &&
          !tokens.slice(countSpan.end, i).every((t) => lex.vagueNouns.has(t) || lex.prepositions.has(t)),
      )
    : undefined;
  const scope = (
    countSpan
      ? at(countSpan.end, 5)
          .filter((i) => stop === undefined || i < stop)
          .filter((i) => !lex.followUpWords.has(tokens[i] as string) || productNoun(tokens[i] as string))
          .slice(0, 3)
      : tokens.map((_, i) => i)
  ).filter((i) => !inName(i));
  const asksAbout = scope.some((i) => lex.clientNouns.has(tokens[i] as string))
    ? 'clients'
    : scope.some((i) => serverNoun(tokens[i] as string, i))
      ? 'servers'
      : scope.some((i) => lex.providerNouns.has(tokens[i] as string))
        ? 'providers'
        : undefined;
  // "Which Lync 2010 clients stop working on LS2013?": which clients, not what replaces them.
  if (shape === 'replace' && asksAbout === 'clients' && starts('list')) shape = 'list';
  // "PIC providers?", "clients supportés sur ls2013 et ls2010 ?": a plural kind of product, none of that
  // kind named, and a question mark alone — they are listed.
  const named = { clients: clients.length, servers: servers.length, providers: providers.length };
  // (Not one opening with a need: "faut reconfigurer les clients ?" asks whether.)
  if (
    bare &&
    asksAbout &&
    named[asksAbout] === 0 &&
    !sc.get(shapeKey('need'), langs).some((sp) => opensAt(sp.start)) &&
    scope.some((i) => productNoun(tokens[i] as string) && /[sx]$/.test(tokens[i] as string))
  )
    shape = 'list';
  // The words counted: after "how many" / "combien de", the run of words that are not function words; its
  // head is the last in English ("chat rooms"), the first in French ("salons de discussion").
  let counted: string | undefined;
  // (In French, "combien" then a verb counts no noun: "combien ne sont pas du tout supportés ?".)
  const frenchNoNoun =
    lang === 'fr' && countSpan !== undefined && !lex.prepositions.has(tokens[countSpan.end] ?? '') && countSpan.end - countSpan.start === 1;
  // (Nor in English does "how many" then a verb: "our 4 legacy clients — how many are fully supported?" counts them.)
  const next = tokens[countSpan?.end ?? -1] ?? '';
  const englishNoNoun = lang === 'en' && countSpan !== undefined && (lex.copulas.has(next) || lex.shapes.yesNo.has([next]));
  if (countSpan && !frenchNoNoun && !englishNoNoun) {
    const statusSpans = ['replace', 'supported', 'breaks', 'negation'].flatMap((k) => sc.get(shapeKey(k), langs));
    let i = countSpan.end;
    // (People are counted, though "users" also tells the language apart: "how many users per server".)
    const counts = (t: string): boolean => productNoun(t) || lex.peopleNouns.has(t);
    while (i < tokens.length && lex.isFunctionWord(tokens[i] as string) && !counts(tokens[i] as string)) i++;
    const run: string[] = [];
    // English heads come last ("front end editions"), so its run goes on to a verb or a preposition.
    const ends = (t: string): boolean =>
      !counts(t) && (lang === 'fr' ? lex.isFunctionWord(t) : lex.phraseEnds.has(t) || lex.prepositions.has(t));
    while (
      i < tokens.length &&
      run.length < 4 &&
      !ends(tokens[i] as string) &&
      !covered(mentionSpans, i) &&
      // (Nor a word asking for a thing: "how many pixels max" counts pixels.)
      !covered(attributeSpans, i) &&
      // (Nor a status or a change: "how many need replacing?", "how many still work?" count no noun.)
      !covered(statusSpans, i) &&
      !/^\d+$/.test(tokens[i] as string)
    )
      run.push(tokens[i++] as string);
    // (In English, the plural the count asks for, when a verb ended the run: "how many new features come with …".)
    let head = lang === 'fr' ? run[0] : ([...run].reverse().find((t) => /[sx]$/.test(t)) ?? run[run.length - 1]);
    // A vague head ("versions") counts the noun beside it: "client versions", "versions de serveur".
    if (head && lex.vagueNouns.has(head)) {
      if (lang === 'fr') {
        while (i < tokens.length && lex.isFunctionWord(tokens[i] as string) && !productNoun(tokens[i] as string)) i++;
        head = tokens[i];
      } else head = run[run.length - 2];
    }
    if (head && !lex.vagueNouns.has(head)) counted = head;
  }
  const steered = new Set<number>();
  for (const sp of sc.spans()) for (let k = sp.start; k < sp.end; k++) steered.add(k);
  const plainWords = tokens.filter(
    (t, k) =>
      !steered.has(k) &&
      !covered(mentionSpans, k) &&
      !lex.isFunctionWord(t) &&
      !lex.clientNouns.has(t) &&
      !lex.serverNouns.has(t) &&
      !lex.providerNouns.has(t) &&
      !lex.quantifiers.has(t) &&
      !/^\d+$/.test(t),
  );

  // The status the question names, the first said; not one it rules out ("non pris en charge (pas les non
  // applicables)", "not supported, not counting the not applicable one").
  const ruledOutAt = (start: number): boolean =>
    [...sc.get(shapeKey('negation'), own), ...sc.get(shapeKey('except'), langs)].some((sp) => sp.end <= start && start - sp.end <= 1);
  const namedStatus = STATUS_IDS.flatMap((id) =>
    sc
      .get(`status.${id}`, own)
      .filter((sp) => !ruledOutAt(sp.start))
      .map((sp) => ({ id, at: sp.start })),
  ).sort((a, b) => a.at - b.at)[0]?.id;
  const frame: Frame = {
    lang,
    tokens,
    shape,
    clients,
    servers,
    providers,
    features,
    licences,
    trouble: has('trouble'),
    // ("Which clients stop working on LS2013?" lists, and "how many break?" counts, those not supported there.)
    // ("Which clients must be replaced for LS2013?", "combien faut-il en remplacer ?": those not supported there.)
    negated:
      has('negation', own) ||
      ((shape === 'list' || shape === 'count') && (has('breaks') || (has('replace') && asksAbout === 'clients' && clients.length === 0))),
    // ("How many clients only work for IM and presence on LS2013?": the status whose features those are alone.)
    status:
      namedStatus ??
      (has('plain') && features.length > 0
        ? STATUS_IDS.find((id) => {
            const covers = kb.support.statuses[id]?.covers ?? [];
            return covers.length === features.length && features.every((x) => covers.includes(x));
          })
        : undefined),
    both: has('both'),
    allServers: has('allServers'),
    butNot: has('butNot'),
    notOn,
    ...(onlyOn ? { onlyOn } : {}),
    earlier: has('earlier'),
    featuresNot,
    opensYesNo: starts('yesNo'),
    askedFrom: lastStart,
    askedIn:
      questionEnds.length < 2
        ? {}
        : Object.fromEntries(
            mentions
              .flatMap((m) => {
                const k = questionEnds.findIndex(([from, to]) => m.start >= from && m.end <= to);
                return k >= 0 ? [[m.id, k]] : [];
              })
              .reverse(),
          ),
    clauseFrom: Math.max(
      lastStart,
      // (A part before the comma sets the scene unless it sets a condition: "if the FE is down, can two users …?".)
      ...[...commaStarts].filter(
        (i) =>
          sc.get(shapeKey('yesNo'), langs).some((sp) => sp.start === i) &&
          !sc.get(shapeKey('condition'), langs).some((sp) => sp.start >= lastStart && sp.start < i),
      ),
    ),
    // (A yes/no question offering another as its alternative — "can we keep archiving in SQL Server, or is Exchange
    // mandatory?", "… ou c'est Exchange obligatoire ?" — asks the first: where the other starts.)
    ...(() => {
      const at =
        shape === 'yesno'
          ? sc
              .get(shapeKey('or'), langs)
              .find((o) => o.start > lastStart + 2 && sc.get(shapeKey('yesNo'), langs).some((y) => y.start === o.end))?.start
          : undefined;
      return at !== undefined ? { alternativeAt: at } : {};
    })(),
    askedTo:
      questionSentence === sentences.length - 1 ? tokens.length : Math.min(tokens.length, spans[questionSentence]?.[1] ?? tokens.length),
    still: has('still'),
    // (In the question's own sentence: "renewing our agreement. we federate with yahoo, what do we need?" asks what is needed.)
    buy: sc.get(shapeKey('buy'), langs).some((sp) => sp.start >= lastStart),
    need: has('need'),
    enough: has('enough'),
    move,
    keep: sc.has('roles.keep', langs),
    federation: has('federation'),
    asServer: reread,
    how: has('how') && !has('count') && !has('ago'),
    plain: has('plain'),
    since: has('since'),
    ending: has('ending'),
    elliptic,
    contentWords,
    asks,
    plainWords,
    plan: has('plan') || has('replace'),
    generics: generics.filter((g) => !g.unknown),
    addition: has('addition'),
    beyond,
    excluded: mentions
      .filter((m) => m.kind === 'provider' && sc.get(shapeKey('except'), langs).some((sp) => sp.end === m.start || sp.end === m.start - 1))
      .map((m) => m.id),
  };
  if (unknownFeature) frame.unknownFeature = unknownFeature.text;
  if (counted) frame.counted = counted;
  if (source) frame.source = source;
  if (target) frame.target = target;
  // "Is every Lync 2010 client supported?" asks about the family too.
  const quantifiedYesNo = shape === 'yesno' && familyQuantified;
  if (family && (shape === 'list' || shape === 'count' || quantifiedYesNo)) frame.family = family;
  if (generic && generic.candidates.length > 1 && clients.length === 0) frame.generic = generic;
  if (unknown) frame.unknownProduct = unknown.text;
  if (uncovered) frame.uncovered = uncovered.text;
  if (listRef) frame.listRef = listRef;
  if (asksAbout) frame.asksAbout = asksAbout;
  // "Where does it work?", "où ça marche ?": the servers.
  else if (shape === 'list' && sc.has(shapeKey('where'), langs)) frame.asksAbout = 'servers';
  return frame;
}

/** Group keys of the shapes, made once. */
const SHAPE_KEYS = new Map<string, string>();
function shapeKey(g: string): string {
  let key = SHAPE_KEYS.get(g);
  if (!key) {
    key = `shapes.${g}`;
    SHAPE_KEYS.set(g, key);
  }
  return key;
}
const FEATURE_KEYS = new Map<string, string>();
export function featureKey(id: string): string {
  let key = FEATURE_KEYS.get(id);
  if (!key) {
    key = `features.${id}`;
    FEATURE_KEYS.set(id, key);
  }
  return key;
}

const nameWordCache = new WeakMap<KnowledgeBase, Map<string, Set<string>>>();
const serverWordCache = new WeakMap<KnowledgeBase, Map<string, Set<string>>>();

/** The words of a server's name ("lync", "server", "2013"), computed once per server. */
function serverWords(kb: KnowledgeBase, id: string): Set<string> {
  let cache = serverWordCache.get(kb);
  if (!cache) {
    cache = new Map(kb.servers.map((sv) => [sv.id, new Set(tokenize(sv.name))]));
    serverWordCache.set(kb, cache);
  }
  return cache.get(id) ?? new Set();
}

/** The words of a server's names and aliases ("ocs"), computed once per knowledge base. */
const serverAliasCache = new WeakMap<KnowledgeBase, Map<string, Set<string>>>();
function serverAliasWords(kb: KnowledgeBase, id: string): Set<string> {
  let cache = serverAliasCache.get(kb);
  if (!cache) {
    // (Its short names' words, not those of its full name: "OCS" names it, "office" is a word of many names and of
    // the language — "presence in Office apps".)
    cache = new Map(
      kb.servers.map((sv) => {
        const full = new Set(tokenize(sv.name));
        return [
          sv.id,
          new Set([sv.shortName ?? '', ...sv.aliases].flatMap((n) => tokenize(n)).filter((w) => !full.has(w) || /\d/.test(w))),
        ];
      }),
    );
    serverAliasCache.set(kb, cache);
  }
  return cache.get(id) ?? new Set();
}

/** The words of a client's names and aliases, for narrowing a generic name (computed once per client). */
export function nameWords(kb: KnowledgeBase, id: string): Set<string> {
  let cache = nameWordCache.get(kb);
  if (!cache) {
    cache = new Map();
    nameWordCache.set(kb, cache);
  }
  let words = cache.get(id);
  if (!words) {
    const c = kb.client(id);
    words = new Set([c?.name ?? '', c?.frenchName ?? '', ...(c?.aliases ?? [])].flatMap((n) => tokenize(n)));
    cache.set(id, words);
  }
  return words;
}

/**
 * A generic name in the message, outside the products it names, with the clients it may mean: narrowed
 * by the words just around it ("the OCS attendant" → the OCS 2007 R2 Attendant).
 */
export function genericOf(
  kb: KnowledgeBase,
  tokens: readonly string[],
  mentions: readonly Span[],
  lex: Lexicon,
  sc: Scan,
): { name: string; candidates: string[]; unknown?: boolean } | undefined {
  return genericsOf(kb, tokens, mentions, lex, sc)[0];
}

/** Every generic name in the message ("the attendant and communicator"), each narrowed by its neighbours. */
export function genericsOf(
  kb: KnowledgeBase,
  tokens: readonly string[],
  mentions: readonly Span[],
  lex: Lexicon,
  sc: Scan,
): { name: string; candidates: string[]; unknown?: boolean }[] {
  const found: { name: string; candidates: string[]; unknown?: boolean }[] = [];
  for (const [i, { clients }] of kb.support.genericNames.entries()) {
    // ("Outlook Web App" holds "web app" but is another product.)
    const others = sc.get('otherProducts');
    const span = sc
      .get(`generic.${i}`)
      .find((sp) => !covered(mentions, sp.start) && !others.some((o) => sp.start >= o.start && sp.end <= o.end));
    if (!span) continue;
    // Words that tell the clients apart ("ocs", "2010", "r2"): in some of their names, not in all.
    const names = clients.map((c) => nameWords(kb, c));
    const distinguishing = new Set(names.flatMap((n) => [...n]).filter((w) => !names.every((n) => n.has(w))));
    // (A version right after a role word names a server — "from ls2010 to 2013: group chat client users" —
    // not this client.)
    const serverVersion = (j: number): boolean =>
      /^\d{4}$/.test(tokens[j] as string) && (['source', 'target', 'on'] as const).some((r) => lex.roles[r].endsAt(tokens, j));
    const nearAt = [...[span.start - 2, span.start - 1].filter((j) => j >= 0), span.end, span.end + 1].filter(
      (j) => j < tokens.length && !serverVersion(j),
    );
    const near = nearAt
      .map((j) => tokens[j] as string)
      .filter(
        (t, i, all) =>
          !lex.followUpWords.has(t) &&
          !covered(mentions, tokens.indexOf(t)) &&
          all.indexOf(t) === i &&
          (distinguishing.has(t) || /^\d{4}$/.test(t)),
      );
    const narrowed = clients.filter((c) => near.every((w) => nameWords(kb, c).has(w)));
    // "Office Communicator 2005": a version none of them has is another product.
    const version = near.find((w) => /^\d{4}$/.test(w) && !clients.some((c) => nameWords(kb, c).has(w)));
    if (version) {
      found.push({ name: `${span.text} ${version}`, candidates: [], unknown: true });
      continue;
    }
    found.push({ name: span.text, candidates: narrowed.length > 0 ? narrowed : clients });
  }
  return found;
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
