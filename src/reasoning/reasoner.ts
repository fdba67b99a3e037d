import { answer, type Answer, type AnswerKind } from '../answers/answer';
import { columnAnswer, rowAnswer } from '../answers/supportAnswers';
import { daysUntil, formatDate, formatList, formatRelative, inSentence, punctuation, sourceOf } from '../answers/format';
import { type Client, fill, hasRequiredWords, type KnowledgeBase, type Provider } from '../knowledge/knowledgeBase';
import type { Topic } from '../knowledge/schema';
import type { Lang, StatusId } from '../knowledge/schema';
import type { MessageKey } from '../knowledge/messages';
import { CONFIDENT, type Understanding } from '../nlu/nlu';
import { fold, tokenize } from '../nlu/normalize';
import { addKnowledgeNames, featureKey, nameWords, namedPositions, pickCandidates, readFrame, type Frame } from './frame';
import { Lexicon, spanPositions } from './lexicon';
import { Passages, type Hit, type Passage } from './passages';
import { type StepPair, StepOrder } from './steps';
import { PublicImReasoner } from './publicIm';
import { both, emptyLast, type LastFrame, type Reasoned, type Reasons, threadOn } from './lastFrame';

import { withVerdict } from './verdicts';
import { AnswerCheck, stemish } from './vet';

export { threadOn } from './lastFrame';
export type { LastFrame, Reasoned, Reasons } from './lastFrame';

/** The largest share of a question's own words a claim may leave uncovered and still settle it. */
const CLAIM_UNCOVERED = 0.5;

/** Above this share of a question's own words unknown to the topic it was classified into, it is declined. */
const TOPIC_UNCOVERED = 0.6;
/** The share of a question's weighted words one sentence must contain to answer it when the classifier is unsure. */
const RETRIEVED_ALONE = 0.75;
/** How much more of a question another topic's sentence must cover than the classifier's topic to take over. */
const RETRIEVED_MARGIN = 0.3;
/** The share of a yes/no question's weighted words a claim's statement must contain to settle it without its terms. */
const CLAIM_BY_WORDS = 0.75;
/** How much better that claim must cover the question than any claim of the other verdict. */
const CLAIM_BY_WORDS_MARGIN = 0.15;
/** Share of a yes/no question's own weighted words one affirmative sentence of its topic must hold to answer "Yes" by it. */
const STATEMENT_VERDICT = 0.6;
/** The share of a question's other words another topic's sentence must hold to answer for the thing asked that the first answer lacked. */
const GIVEN_ELSEWHERE = RETRIEVED_ALONE;
/** The share of a question's words a sentence of the same subject that gives the thing asked must hold to answer for it. */
const GIVEN_WITHIN_SUBJECT = 0.5;
/** A message this short after a topic's answer may follow up on it, even without "and …". */
const TOPIC_FOLLOW_UP_WORDS = 6;
/** The share of a follow-up's own words a sentence must cover to be chosen on them alone. */
const TOPIC_FOLLOW_UP_OWN = 0.5;
/** Classifier confidence above which a topic's subject outweighs a "not applicable" cell of the matrix. */
const SURE_OF_TOPIC = 0.8;
/** How much more a detail must cover than the topic's first sentence to be said first. */
const LEAD_MARGIN = 0.2;
/** How much less of a follow-up the last topic may cover and still keep the conversation on it. */
const TOPIC_STAY_MARGIN = 0.05;
/** How much of the last question a sentence naming its products must cover to be offered after "why?". */
const WHY_RELATED = 0.5;
/** The share of a "how do I" question a procedure's sentences must say to answer it instead of a topic without one. */
const PROCEDURE_COVERAGE = 0.3;
/** A share of each side of "… before …?" that its step's words hold, above which the order answers before any claim. */
const STEPS_NAMED = 0.9;
/** The share of a "when" question's words one step must hold to be the step it asks about. */
const STEP_NAMED_ALONE = 0.6;
/** A follow-up the knowledge's sentences do not place goes to the topic the classifier reads at least this sure. */
const FOLLOW_UP_CLASSIFIED = 0.4;
/** The words of the question before, read with a follow-up that compares a step with it. */
const QUESTION_WORDS = 16;
/** A question naming a step's position asks for that step when it says at most this many other words ("première vraie action à faire ?"). */
const OTHER_WORDS = 2;

/** A crude common stem (plural and verb endings), so that "archives" meets "archived". */

/** A phrase of a claim's term, as words and as the key its index uses. */
interface TermPhrase {
  words: string[];
  key: string;
}

/**
 * Key words of claims' term groups: a word most of a group's phrases share ("standard" in "standard
 * edition", "lync standard", "serveur standard") names the term alone, as administrators write it ("does
 * standard do enterprise voice?"), in every group that has one of those phrases. Not function words,
 * numbers, product names, nor a word spread over many groups ("edition" is Standard's and Enterprise's).
 * Returns word → the phrases it stands for.
 */
function keyWords(groups: readonly TermPhrase[][], lex: Lexicon, names: ReadonlySet<string>): Map<string, Set<string>> {
  const spread = new Map<string, Set<string>>();
  for (const g of groups) {
    const id = g
      .map((p) => p.key)
      .sort()
      .join('|');
    for (const w of new Set(g.flatMap((p) => p.words))) {
      const ids = spread.get(w) ?? new Set();
      ids.add(id);
      spread.set(w, ids);
    }
  }
  const keys = new Map<string, Set<string>>();
  for (const g of groups) {
    const phrases = g.filter((p) => p.words.length > 1);
    if (phrases.length < 3) continue;
    const counts = new Map<string, number>();
    for (const p of phrases) for (const w of new Set(p.words)) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const [w, n] of counts) {
      if (
        n * 2 <= phrases.length ||
        w.length <= 2 ||
        lex.isFunctionWord(w) ||
        /^\d+$/.test(w) ||
        names.has(w) ||
        (spread.get(w)?.size ?? 0) > KEY_WORD_SPREAD
      )
        continue;
      const stands = keys.get(w) ?? new Set();
      for (const p of phrases) if (p.words.includes(w)) stands.add(p.key);
      keys.set(w, stands);
    }
  }
  return keys;
}

/** The most distinct term groups a key word may appear in (the same concept recurs across claims). */
const KEY_WORD_SPREAD = 2;

/**
 * Answers computed from the knowledge's relations, for the question's shape and in the conversation's
 * context: yes/no, lists, counts, intersections and differences over the support matrix, what replaces a
 * client, a migration plan, PIC features, licences and dates, "why?" after an answer, follow-ups that
 * only name another product, and honest declines for products and subjects the sources do not cover.
 * Every function works over the relations (clients × servers, providers × features, providers ×
 * licences), so new entries in the knowledge base are answered with no code.
 *
 * Returns undefined for what it does not handle: the intent dialogs answer those.
 */
export class Reasoner {
  readonly lexicon: Lexicon;

  constructor(private readonly kb: KnowledgeBase) {
    this.lexicon = new Lexicon(kb.language);
    this.check = new AnswerCheck(kb, (id, text) => this.namedIn(id, text));
    // Each client's generic names as words, for claims about a product named only that way.
    for (const g of kb.support.genericNames)
      for (const c of g.clients) this.genericWords.set(c, [...(this.genericWords.get(c) ?? []), ...g.names.map((n) => tokenize(fold(n)))]);
    this.serverRoles = Object.entries(kb.language.nouns.serverRoles).map(([id, p]) => ({
      id,
      phrases: [...p.en, ...p.fr].map((x) => tokenize(fold(x)).join(' ')),
    }));
    this.passages = new Passages(kb, this.lexicon);
    this.stepOrder = new StepOrder(kb, this.lexicon);
    this.publicIm = new PublicImReasoner(kb, this.lexicon);
    this.versioned = this.passages.versionedNames();
    this.namedThings = this.passages.namedThings();
    addKnowledgeNames(kb, this.lexicon);
    const allTopics = kb.allTopics();
    // The words of product names (never a claim's key word).
    const names = new Set(
      [
        ...kb.clients.flatMap((c) => [c.name, ...c.aliases]),
        ...kb.servers.flatMap((sv) => [sv.name, ...sv.aliases]),
        ...kb.providers.flatMap((p) => [p.name, ...p.aliases]),
        ...kb.support.relatedProducts.flatMap((p) => [p.name, ...p.aliases]),
      ].flatMap((n) => tokenize(n)),
    );
    this.claims = allTopics.flatMap((topic) =>
      topic.claims.map((claim) => ({
        claim,
        topic,
        subject: topic.intent.split('.')[0] as string,
        groups: claim.terms.map((group) =>
          group.map((phrase) => {
            const words = tokenize(phrase);
            return { words, key: words.join(' ') };
          }),
        ),
        versions: this.versionsIn(tokenize(fold(`${claim.text.en} ${claim.text.fr} ${claim.terms.flat().join(' ')}`))),
        namesServer: kb.servers.some((sv) => this.namedIn(sv.id, claim.text.en)),
      })),
    );
    // A version a claim's terms are written for, of a product its statement names, is one the knowledge answers
    // ("exchange 2007": the new features need Exchange 2013).
    for (const { claim } of this.claims) {
      const said = new Set(tokenize(fold(`${claim.text.en} ${claim.text.fr}`)));
      for (const [name, years] of this.versionsIn(tokenize(claim.terms.flat().join(' '))))
        if (said.has(name)) for (const y of years) this.versioned.pairs.add(`${name} ${y}`);
    }
    // A term about one feature (a third of its phrases name it) takes every word users name that feature with
    // (language.yaml's features): "messages instantanés" is IM for claims too. A term listing several
    // features ("IM, presence, voice, all workloads") does not take "availability" for presence.
    const featurePhrases = Object.values(kb.language.features).map((p) =>
      [...p.en, ...p.fr].map((x) => {
        const words = tokenize(x);
        return { words, key: words.join(' ') };
      }),
    );
    for (const c of this.claims) {
      c.groups = c.groups.map((g) => {
        const keys = new Set(g.map((p) => p.key));
        const about = featurePhrases.filter((fp) => {
          const n = fp.filter((p) => keys.has(p.key)).length;
          return n >= 2 && n * 3 >= keys.size;
        });
        return [
          ...g,
          ...about.flat().filter((p) => {
            if (keys.has(p.key)) return false;
            keys.add(p.key);
            return true;
          }),
        ];
      });
    }
    // A key word joins every group that has a phrase it stands for.
    const keys = keyWords(
      this.claims.flatMap((c) => c.groups),
      this.lexicon,
      names,
    );
    for (const c of this.claims) {
      c.groups = c.groups.map((g) => [
        ...g,
        ...[...keys]
          .filter(([w, stands]) => !g.some((p) => p.key === w) && g.some((p) => stands.has(p.key)))
          .map(([w]) => ({ words: [w], key: w })),
      ]);
    }
    this.claims.forEach(({ groups }, ci) => {
      if (groups.length === 0) this.termlessClaims.push(ci);
      groups.forEach((group, gi) =>
        group.forEach(({ words, key }) => {
          const list = this.claimIndex.get(key) ?? [];
          list.push({ claim: ci, group: gi, words });
          if (words[0]) this.claimFirstWords.add(words[0]);
          this.longestTerm = Math.max(this.longestTerm, words.length);
          this.claimIndex.set(key, list);
        }),
      );
    });
    this.functionWords = new Set([...kb.language.detector.en, ...kb.language.detector.fr].flatMap((w) => tokenize(w)));
  }

  /** The source the support matrix's facts come from (answers computed over the matrix cite it). */
  private get matrixSource(): string {
    return this.kb.support.matrix[0]?.source ?? this.kb.support.servers[0]?.source ?? '';
  }

  /** Client id → the words of each generic name that stands for it ("group chat client"), folded once. */
  private readonly genericWords = new Map<string, string[][]>();
  /** language.yaml's server roles, their phrases folded. */
  private readonly serverRoles: { id: string; phrases: string[] }[];
  /** Every topic's claims, whichever file holds it, with their terms folded once. */
  private readonly claims: {
    claim: Topic['claims'][number];
    topic: Topic;
    subject: string;
    groups: TermPhrase[][];
    /** The versions its statement and terms give products (see `otherVersion`). */
    versions: VersionsOf;
    /** Whether its statement names a server of the matrix (one that names none is about the documented one). */
    namesServer: boolean;
  }[];
  /** Phrase of a claim's term → the claims and term groups it satisfies. */
  private readonly claimIndex = new Map<string, { claim: number; group: number; words: string[] }[]>();
  /** The first words of the claims' phrases. */
  private readonly claimFirstWords = new Set<string>();
  /** The longest term phrase of any claim, in words. */
  private longestTerm = 1;
  /** Claims with no term (matched on products alone, within their own topic). */
  private readonly termlessClaims: number[] = [];
  /** Per topic intent, the words its texts, claims and training phrases use (see `uncoveredBy`). */
  private readonly topicVocabulary = new Map<string, Set<string>>();
  /** Name patterns of products, built once (see `namedIn`). */
  private readonly namePatterns = new Map<string, RegExp[]>();
  /** Function words and frequent question words (the language detector's), which say nothing of a subject. */
  private readonly functionWords: Set<string>;

  /** The frame of a message, read once per understanding (the router asks again when the dialogs answer). */
  frame(u: Understanding): Frame {
    let f = this.frames.get(u);
    if (!f) {
      f = readFrame(u, this.kb, this.lexicon);
      this.frames.set(u, f);
    }
    return f;
  }

  private readonly frames = new WeakMap<Understanding, Frame>();

  private readonly check: AnswerCheck;
  private readonly passages: Passages;
  private readonly stepOrder: StepOrder;
  /** Public IM Connectivity: providers, features, licences (see publicIm.ts). */
  private readonly publicIm: PublicImReasoner;
  /** Names the knowledge gives with a version, and those pairs (see Passages.versionedNames). */
  private readonly versioned: { names: Set<string>; pairs: Set<string> };
  /** What each sentence of the knowledge says, its verdict aside (a claim's and its topic's, compared once). */
  private readonly sayings = new Map<string, string>();

  /** Each sentence of the topics (first sentences, details, steps, claims), in either language, to both its languages. */
  private get bilingual(): Map<string, Record<Lang, string>> {
    if (!this.bilingualTexts) {
      this.bilingualTexts = new Map();
      for (const t of this.kb.allTopics())
        for (const text of [t.answer, ...t.details, ...t.steps, ...t.claims.map((c) => c.text)]) {
          this.bilingualTexts.set(text.en, text);
          this.bilingualTexts.set(text.fr, text);
        }
    }
    return this.bilingualTexts;
  }

  private bilingualTexts: Map<string, Record<Lang, string>> | undefined;

  /** The answer to send for this question, checked to give what it asks for (see `AnswerCheck`). */
  vet(u: Understanding, given: Answer): Answer {
    const f = this.frame(u);
    const checked = this.check.vet(f, given);
    if (checked !== given) return (checked.kind === 'cannot-answer' && this.givenElsewhere(u, f, given)) || checked;
    // (A client's support on a server is its support on that server's Front End: "is Lync 2010 supported on the
    // LS2013 front end?" is the matrix's; "… on LS2013 edge servers?" is not.)
    const roles = given.kind === 'topic' ? this.rolesIn(f) : this.rolesIn(f).filter((r) => r.id !== this.kb.support.serverRole);
    const said = this.check.rolesUnsaid(given, roles);
    if (said !== given) return said;
    const ofOther = this.givenOfOther(u, f, given);
    return ofOther.length > 0 ? this.check.notGiven(given, ofOther) : given;
  }

  /**
   * The things asked for (a port, a cmdlet: language.yaml's `attributes`) that the answer gives only in
   * sentences about something else: "combien de ports à ouvrir sur le firewall pour le PIC ?" is not answered
   * by the Front End's IM port, nor "which cmdlet exports the Group Chat data?" by the endpoint's cmdlet. Some
   * sentence giving the thing must hold one of the question's other words that the knowledge uses (product
   * names aside: the answer is about them already); a share would be too strict, as the answer's other
   * sentences say the rest ("taille max des photos haute résolution avec Exchange 2013 ?").
   */
  private givenOfOther(u: Understanding, f: Frame, given: Answer): string[] {
    if (f.asks.length === 0) return [];
    const scan = this.lexicon.scan(f.tokens);
    const asking = new Set(
      f.asks.flatMap((id) => scan.get(`attributes.${id}`, [f.lang]).flatMap((sp) => f.tokens.slice(sp.start, sp.end))),
    );
    const langs: Lang[] = ['en', 'fr'];
    // (A feature is said by any of its names: "which port does instant messaging use?" is answered of "IM".)
    const named = new Set([...namedPositions(u), ...f.features.flatMap((id) => spanPositions(scan.get(featureKey(id), langs)))]);
    // (Of the sentence that asks: "We are migrating… Which cmdlet creates the legacy endpoint?" asks of the endpoint.)
    const rest = f.tokens.filter((t, i) => i >= f.askedFrom && i < f.askedTo && !asking.has(t) && !named.has(i) && this.passages.knows(t));
    if (rest.length + f.features.length === 0) return [];
    const scorer = this.passages.scorer(rest);
    // (In either language, as passages are searched: "la commande pour le legacy endpoint ?" is said of the
    // "point de terminaison hérité".)
    const says = (sentence: string): boolean =>
      Object.values(this.bilingual.get(sentence) ?? { en: sentence }).some((text) => {
        if (scorer(text) > 0) return true;
        const sc = this.lexicon.scan(tokenize(text));
        return f.features.some((id) => sc.get(featureKey(id), langs).length > 0);
      });
    return f.asks.filter((id) => {
      const giving = this.check.sentencesGiving(id, given);
      return giving.length > 0 && !giving.some(says);
    });
  }

  /**
   * A question asking for a thing (a cmdlet, a SIP address: language.yaml's `attributes`) that the answer
   * found does not give, when another topic gives it and says the question's words: that topic, led by its
   * sentence that gives it ("la commande pour le legacy endpoint ?" after the legacy clients' topic: the
   * endpoint's cmdlet). Only topics whose sentences hold most of the question's words.
   */
  private givenElsewhere(u: Understanding, f: Frame, given: Answer): Answer | undefined {
    const missing = f.asks.filter((id) => !this.check.gave(id, given));
    if (missing.length === 0) return undefined;
    const { lang } = f;
    const full = (t: Topic): Answer =>
      answer('topic', lang, t.answer[lang], { ...this.topicParts(t, lang), details: t.details.map((d) => d[lang]) });
    // The question's words beside those asking for the thing ("quelle cmdlet ?"): what the other topic must say.
    // ("Comment on l'active ? quelle cmdlet ?" about the unified contact store is not the endpoint's cmdlet.)
    const scan = this.lexicon.scan(f.tokens);
    const asking = new Set(missing.flatMap((id) => scan.get(`attributes.${id}`, [lang]).flatMap((sp) => f.tokens.slice(sp.start, sp.end))));
    const rest = f.tokens.filter((t) => !asking.has(t));
    const hits = this.passages.search(rest, (p) => p.kind === 'answer' || p.kind === 'detail');
    // (Another subject's topic only for a question naming a product: a bare "quelle cmdlet ?" stays on its subject.)
    const givenSubject = this.kb
      .allTopics()
      .find((t) => t.title[lang] === given.title)
      ?.intent.split('.')[0];
    const best = hits.find(
      (h) =>
        h.passage.topic.title[lang] !== given.title &&
        (u.mentions.length > 0 || h.passage.topic.intent.split('.')[0] === givenSubject) &&
        missing.every((id) => this.check.gave(id, full(h.passage.topic))),
    );
    if (!best || best.coverage < GIVEN_ELSEWHERE) return this.givenWithinSubject(f, given, missing);
    const t = best.passage.topic;
    // Its sentence that gives the thing asked and says most of the question first (the shorter on a tie: the
    // one most about it), else its first sentence.
    const giving = hits
      .filter((h) => h.passage.topic === t && missing.every((id) => this.check.gave(id, answer('topic', lang, h.passage.text[lang]))))
      .sort((a, b) => b.coverage - a.coverage || a.passage.text[lang].length - b.passage.text[lang].length);
    const lead = giving[0]?.passage.text[lang] ?? t.answer[lang];
    return answer('topic', lang, lead, {
      ...this.topicParts(t, lang),
      details: [t.answer[lang], ...t.details.map((d) => d[lang])].filter((d) => d !== lead),
    });
  }

  /**
   * "What's the default SIP address the old clients used?" answered by the legacy endpoint's topic, which gives
   * none: within the subject of the answer found, the sentence of the knowledge that itself gives the thing asked
   * (few do) and says at least half of the question's words, all of them counted (the words asking for the thing
   * are what it is about too), led by it in its topic.
   */
  private givenWithinSubject(f: Frame, given: Answer, missing: readonly string[]): Answer | undefined {
    const { lang } = f;
    const subject = this.kb
      .allTopics()
      .find((t) => t.title[lang] === given.title)
      ?.intent.split('.')[0];
    if (!subject) return undefined;
    const giving = this.passages
      .search(f.tokens, (p) => p.topic.intent.split('.')[0] === subject)
      .filter((h) => missing.every((id) => this.check.gave(id, answer('topic', lang, h.passage.text[lang]))))
      .sort((a, b) => b.coverage - a.coverage || a.passage.text[lang].length - b.passage.text[lang].length);
    const best = giving[0];
    if (!best || best.coverage < GIVEN_WITHIN_SUBJECT) return undefined;
    const t = best.passage.topic;
    const lead = best.passage.text[lang];
    return answer('topic', lang, lead, {
      ...this.topicParts(t, lang),
      details: [t.answer[lang], ...t.details.map((d) => d[lang])].filter((d) => d !== lead),
    });
  }

  /**
   * A yes/no question on whether something works that names nothing: no product, no generic name, no feature,
   * provider, licence or topic word of its own — only a pronoun or a client noun pointing at one ("it", "ça",
   * "the client", "le vieux client").
   */
  private pointsAtNothing(u: Understanding, f: Frame): boolean {
    if (f.shape !== 'yesno' || u.mentions.length > 0 || f.generic || f.generics.length > 0) return false;
    return this.asksWhetherItWorks(f);
  }

  /**
   * "Group chat client supported?", "le client group chat est supporté ?" opening a conversation: whether the one
   * client a generic name stands for works, with no server named — the support check's question, whose server is
   * asked back as for a client named in full ("is Lync 2010 Attendee supported?").
   */
  private genericAskedAlone(u: Understanding, f: Frame): string | undefined {
    if (f.shape !== 'yesno' || u.mentions.length > 0 || f.servers.length > 0 || f.clients.length !== 1) return undefined;
    const only = f.generics.length === 1 && f.generics[0]?.candidates.length === 1 ? f.generics[0] : undefined;
    if (!only || only.candidates[0] !== f.clients[0]) return undefined;
    const named = new Set(only.name.split(' '));
    return this.asksWhetherItWorks({ ...f, contentWords: f.contentWords.filter((w) => !named.has(w)) }, true) ? f.clients[0] : undefined;
  }

  /**
   * "Which clients do we need to replace?", "quels clients ne marchent pas ?" opening a conversation: clients of a
   * status (or to replace) asked of no server, nothing else asked — which server is asked back (the server
   * question's prompt), not guessed from the topic the classifier leans to.
   */
  private clientsOfNoServer(u: Understanding, f: Frame): boolean {
    const lex = this.lexicon;
    if ((f.shape !== 'list' && f.shape !== 'count') || f.asksAbout !== 'clients' || u.mentions.length > 0) return false;
    if (f.clients.length + f.servers.length + f.providers.length + f.features.length + f.licences.length > 0) return false;
    if (f.federation || f.unknownProduct || f.uncovered || f.family || f.generics.length > 0 || f.status) return false;
    const langs = [f.lang];
    const asks = (w: string): boolean =>
      lex.shapes.supported.has([w], langs) ||
      lex.shapes.breaks.has([w], langs) ||
      lex.shapes.replace.has([w], langs) ||
      lex.shapes.need.has([w], langs) ||
      lex.shapes.negation.has([w], langs) ||
      lex.shapes.still.has([w], langs) ||
      lex.shapes.list.has([w], langs) ||
      lex.shapes.count.has([w], langs) ||
      lex.roles.keep.has([w], langs);
    const rest = f.contentWords.filter((w) => !lex.isFunctionWord(w) && !lex.clientNouns.has(w) && !lex.peopleNouns.has(w) && !asks(w));
    return rest.length === 0 && f.tokens.some(asks);
  }

  /**
   * A replacement asked of a related product that has a successor ("what replaces LS2010 Group Chat?", "le
   * successeur du serveur Group Chat ?"): that successor, as the documentation says it.
   */
  private successorAsked(u: Understanding, f: Frame): Reasoned | undefined {
    if (f.shape !== 'replace' && !this.lexicon.shapes.replace.has(f.tokens, [f.lang])) return undefined;
    if (f.shape === 'yesno' || f.clients.length > 0 || f.providers.length > 0) return undefined;
    const products = u.entities.products.map((id) => this.kb.relatedProduct(id)).filter((p) => p?.successor !== undefined);
    const product = products.length === 1 ? products[0] : undefined;
    if (!product?.successor) return undefined;
    const { lang } = f;
    const topic = this.kb.topic(product.intent);
    return {
      answer: answer('topic', lang, product.successor.text[lang], {
        ...(topic ? this.topicParts(topic, lang) : {}),
        sources: [sourceOf(this.kb, product.successor.source, lang)],
      }),
      last: {
        ...emptyLast('topic', f),
        ...(topic ? { intent: topic.intent, reasons: both((l) => [topic.answer[l], ...topic.details.map((d) => d[l])]) } : {}),
      },
    };
  }

  /**
   * A yes/no question about one client, no server named, pointing back at the topic just answered ("do users still
   * on the Lync 2010 client get all of that?" after what Exchange 2013 integration brings): the claims that topic
   * makes of that client, when they all give the same verdict — that verdict, then each.
   */
  private topicClaimsOfClient(f: Frame, last: LastFrame | undefined): Reasoned | undefined {
    if (last?.subject !== 'topic' || !last.intent || f.shape !== 'yesno' || f.clients.length !== 1 || f.servers.length > 0)
      return undefined;
    if (!this.lexicon.backReferences.has(f.tokens, [f.lang])) return undefined;
    const topic = this.kb.topic(last.intent);
    if (!topic) return undefined;
    const client = f.clients[0] as string;
    const of = (ts: readonly Topic[]) =>
      ts.flatMap((t) => t.claims.filter((c) => c.products.length === 1 && c.products[0] === client).map((claim) => ({ claim, t })));
    // (Those of the topic, else of its subject's topics: an overview names what the others detail.)
    const subject = topic.intent.split('.')[0];
    const own = of([topic]);
    const claims = own.length > 0 ? own : of(this.kb.allTopics().filter((t) => t.intent.split('.')[0] === subject));
    const first = claims[0];
    if (!first || claims.some((c) => c.claim.verdict !== first.claim.verdict)) return undefined;
    const { lang } = f;
    const reply = this.claimAnswer(f, first.claim, first.t);
    return {
      ...reply,
      answer: { ...reply.answer, details: [...claims.slice(1).map((c) => c.claim.text[lang]), ...reply.answer.details] },
    };
  }

  /** Whether a yes/no question asks only whether something works (kept, without trouble), of nothing else. */
  private asksWhetherItWorks(f: Frame, named = false): boolean {
    const lex = this.lexicon;
    if (f.features.length + f.providers.length + f.licences.length > 0 || f.federation || f.unknownProduct || f.uncovered) return false;
    const pointer = named || lex.backReferences.has(f.tokens, [f.lang]) || f.tokens.some((t) => lex.clientNouns.has(t));
    const works =
      lex.shapes.supported.has(f.tokens, [f.lang]) || lex.shapes.trouble.has(f.tokens, [f.lang]) || lex.roles.keep.has(f.tokens, [f.lang]);
    // (Every other word a function word, a server's version or a word of moving: nothing else is asked.)
    const rest = f.contentWords.filter(
      (w) =>
        !lex.isFunctionWord(w) &&
        !lex.clientNouns.has(w) &&
        !lex.backReferences.has([w], [f.lang]) &&
        !lex.shapes.supported.has([w], [f.lang]) &&
        !lex.shapes.trouble.has([w], [f.lang]) &&
        !lex.roles.keep.has([w], [f.lang]) &&
        !lex.shapes.still.has([w], [f.lang]) &&
        !lex.shapes.oldest.has([w], [f.lang]) &&
        !lex.shapes.earlier.has([w], [f.lang]) &&
        !lex.shapes.newest.has([w], [f.lang]) &&
        !lex.shapes.yesNo.has([w], [f.lang]) &&
        !/^\d{4}$/.test(w),
    );
    return pointer && works && rest.length === 0;
  }

  /** The understanding of a question up to where its alternative starts (the products named in it only). */
  private firstAlternative(u: Understanding, at: number): Understanding {
    const mentions = u.mentions.filter((m) => m.end <= at);
    const ids = (kind: string): string[] => [...new Set(mentions.filter((m) => m.kind === kind).map((m) => m.id))];
    return {
      ...u,
      tokens: u.tokens.slice(0, at),
      mentions,
      entities: { ...u.entities, clients: ids('client'), servers: ids('server'), providers: ids('provider'), products: ids('product') },
    };
  }

  reason(u: Understanding, last: LastFrame | undefined, today: Date): Reasoned | undefined {
    const r = this.reasonAbout(u, last, today);
    return r && last ? { ...r, last: threadOn(r.last, last) } : r;
  }

  private reasonAbout(u: Understanding, last: LastFrame | undefined, today: Date): Reasoned | undefined {
    // An intent the knowledge guards with required words ("remind", "rappel") is not read without them: "could we
    // provision extra domains for AOL before the end date?" asks about AOL, not for a reminder.
    if (!hasRequiredWords(this.kb.requiredWords[u.intent], u.tokens)) {
      u.intent = 'none';
      u.confidence = 0;
    }
    let f = this.frame(u);
    this.steerByTerms(u, f);
    const { lang } = f;
    const { kb } = this;
    // Reminders and commands are not questions over the knowledge.
    // A command the classifier is unsure of, in a conversation ("list them", "show me the command" after an
    // answer), is read as a question about that answer first; the dialogs still get it when nothing fits.
    // ("Lesquels sont en fin de vie ?" after a list asks about that list, whatever the classifier says.)
    // (Nor "show me an example of the command": asking for something the topics give — a cmdlet, a port.)
    const command =
      (u.intent.startsWith('reminders.') || u.intent === 'forget' || u.intent === 'help') &&
      !(f.listRef && last?.list) &&
      // (Nor a reply picking one of the products the bot offered: "le plus récent".)
      !(last?.candidates && this.pickOffered(f, last.candidates).length > 0) &&
      f.asks.length === 0 &&
      // (Nor a question about a kind of product by its features: "which providers have audio?".)
      !(f.asksAbout && f.features.length > 0);
    if (command && (!last || (u.confidence >= CONFIDENT && !this.opensFollowUp(f)))) return undefined;
    // "Faut-il supprimer l'utilisateur connu avant de créer le point de terminaison hérité ?": two steps of a
    // procedure, and their order.
    // "When do we delete the OCSChat user?", "quand décommissionner le serveur Group Chat ?": that step, and
    // the one before it.
    // "OCS 2007 R2" after "Moving to Lync Server 2013 from which server?": the plan from there.
    const from = last?.askedSource && f.clients.length === 0 ? (f.servers.length === 1 ? f.servers[0] : this.bareServer(f)) : undefined;
    if (from && last?.target && from !== last.target) {
      const r = this.planner({
        ...f,
        move: true,
        plan: true,
        source: from,
        target: last.target,
        servers: [from, last.target],
        shape: last.shape,
      });
      if (r) return r;
    }
    // "Does it work on 2013?", "is the client ok?", "can we keep the old client?" opening a conversation: whether
    // something works, of a product it only points at — which one is asked back (the support check's prompt), not
    // guessed from the topic the classifier leans to.
    if (!last && this.pointsAtNothing(u, f)) {
      u.intent = 'support.check';
      u.confidence = 1;
      // (The server it names stays for the answer: "is it supported on 2010?", then "LWA 2013".)
      this.applyRoles(u, f);
      return undefined;
    }
    if (!last && this.clientsOfNoServer(u, f)) {
      u.intent = 'support.server';
      u.confidence = 1;
      return undefined;
    }
    // "Do users still on the Lync 2010 client get all of that?" after a topic: what its claims say of that client.
    const ofClient = this.topicClaimsOfClient(f, last);
    if (ofClient) return ofClient;
    const alone = last ? undefined : this.genericAskedAlone(u, f);
    if (alone) {
      u.intent = 'support.check';
      u.confidence = 1;
      u.entities.clients = [alone];
      return undefined;
    }
    const when = this.whenStep(u, f) ?? this.stepAt(u, f, last);
    if (when) return when;
    // (A claim the question states settles it first: "les clients pourront se connecter après la migration ?".)
    const order = this.orderOfSteps(u, f, last);
    // (A weak match answers only within the classifier's subject: "can we deploy Lync 2013 before upgrading the
    // servers?" is no step of the Group Chat migration.)
    if (order && (!order.weak || order.reasoned.last.intent?.split('.')[0] === u.intent.split('.')[0]))
      return (f.shape === 'yesno' && order.weak ? this.claim(u, f) : undefined) ?? order.reasoned;
    // An end-of-life entry is a subject of its own: what it is, and when it ends.
    if (u.entities.endOfLife.length > 0) return this.endOfLife(f, u.entities.endOfLife, today);
    // "What is the default known user SIP address Group Chat clients connect with?": a claim written to say what
    // something is, all its terms in the question, says it (without a verdict).
    const what = this.whatClaim(u, f);
    if (what) return what;
    // "Whats the successor of Lync Server 2010 Group Chat in 2013?": what the documentation says takes its place.
    const succeeded = this.successorAsked(u, f);
    if (succeeded) return succeeded;
    // A related product (the Lync Server 2010 Group Chat server) has a topic of its own.
    // A yes/no question about it may still be settled by a claim ("after the migration, can we decommission the
    // Lync Server 2010 Group Chat servers?").
    // ("Et ensuite, on fait quoi du serveur Group Chat ?" after the migration steps: read within that topic.)
    if (u.entities.products.length > 0) {
      if (last?.subject === 'topic' && this.opensFollowUp(f) && f.shape !== 'yesno') {
        const r = this.topicFollowUp(u, f, last);
        if (r) return r;
      }
      return f.shape === 'yesno' ? (this.claim(u, f) ?? this.claimByWords(u, f)) : undefined;
    }

    this.applyRoles(u, f);
    if (f.unknownProduct) return this.decline(f, f.unknownProduct, 'product', u);
    // "And if the agreement ran until 2016?" after PIC licences: what the sources say of agreements past the end.
    const agreement = this.publicIm.agreementPast(f, last?.subject === 'pic' || last?.subject === 'licence');
    if (agreement) return agreement;
    // "Le UCS marche avec Outlook 2010 ?", "and Exchange 2019?": a version of a named product the sources never give.
    const version = this.unknownVersion(u, f);
    if (version) return this.decline(f, version, 'product', u);
    // A short answer to "Which attendant do you mean?" ("2010", "the OCS one"), or one of the names offered.
    if (last?.candidates) {
      const named = f.clients.filter((c) => last.candidates?.includes(c));
      // ("And the other one?" after one was picked: the one not picked.)
      const other =
        named.length === 0 && last.clients.length === 1 && this.lexicon.listReferences.other.has(f.tokens, [f.lang])
          ? last.candidates.filter((c) => !last.clients.includes(c))
          : [];
      const picked = named.length > 0 ? named : other.length > 0 ? other : this.pickOffered(f, last.candidates);
      // ("The OCS 2007 R2 one": a server's name that is also the picked client's, not a server asked about.)
      const serverWords = u.mentions.filter((m) => m.kind === 'server').flatMap((m) => f.tokens.slice(m.start, m.end));
      const inName = picked.length === 1 && serverWords.every((w) => nameWords(this.kb, picked[0] as string).has(w));
      if (picked.length > 0 && (f.servers.length === 0 || inName)) {
        const r = this.support({
          ...f,
          shape: last.shape === 'other' ? 'yesno' : last.shape,
          clients: picked,
          servers: last.servers,
          ...(last.target ? { target: last.target } : {}),
        });
        // The choice stays open: "and the OCS one?" next picks the other.
        if (r) return { ...r, last: { ...r.last, candidates: last.candidates } };
      }
    }
    // "And the OCS one?", "et celui d'OCS ?" after an answer about one client: the client of the same kind
    // (under the same generic name) that the words pick, there.
    const sibling = this.siblingOf(f, last);
    if (sibling && last) {
      const r = this.support({
        ...f,
        shape: last.shape === 'other' ? 'yesno' : last.shape,
        clients: [sibling],
        servers: last.servers,
        ...(last.target ? { target: last.target } : {}),
      });
      if (r) return r;
    }
    if (f.uncovered && f.providers.length === 0) return this.decline(f, f.uncovered, 'subject', u);
    // "Does Skype federation do screen sharing?": not a feature the sources name; what they do say of the providers.
    // (A question about no product, on words a topic uses — "does Standard Edition support Enterprise Voice?" — is the topics'.)
    if (
      f.unknownFeature &&
      (f.clients.length + f.servers.length + f.providers.length > 0 || f.federation || !this.passages.knows(f.unknownFeature))
    ) {
      const says = f.providers
        .map((id) => kb.provider(id))
        .filter((p): p is Provider => !!p)
        .map((p) => kb.message('provider_offers', lang, { provider: p.name, capabilities: this.publicIm.capabilityNames(p, lang) }));
      return this.decline(f, f.unknownFeature, 'subject', u, says);
    }

    // "Pourquoi ça s'est arrêté ?", "why did Microsoft stop …?" after a provider: why its federation ends.
    if (f.shape === 'why' && last && f.ending && f.clients.length + f.servers.length === 0) {
      const ended = this.endReasons(f, last);
      if (ended) return ended;
    }
    if (f.shape === 'why' && last && f.clients.length + f.servers.length + f.providers.length === 0) return this.why(lang, last);
    // "How is the credit calculated?", "is that only new agreements or renewals too?" after a PIC or licence
    // answer: the sentence behind it that says what the follow-up's own words ask about.
    const behind = this.fromReasons(f, last);
    if (behind) return behind;
    // "Pourquoi pas complètement sur LS2013 ?" after an answer about clients there: its reasons.
    if (
      f.shape === 'why' &&
      last &&
      (last.subject === 'support' || last.subject === 'planner') &&
      f.clients.length + f.providers.length === 0 &&
      f.servers.length > 0 &&
      f.servers.every((sv) => last.servers.includes(sv)) &&
      last.reasons[lang].length > 0
    )
      return this.why(lang, last);
    // "Pourquoi pas le participant ?" after a plan or a status: the footnotes behind that client there.
    if (
      f.shape === 'why' &&
      last &&
      (last.subject === 'support' || last.subject === 'planner') &&
      f.clients.length > 0 &&
      f.servers.length === 0 &&
      f.providers.length === 0
    ) {
      const r = this.whyClients(f, last);
      if (r) return r;
    }
    // "Pourquoi OC 2007 R2 n'est que partiellement supporté ?": the one server where it has that status, and why.
    if (f.shape === 'why' && f.clients.length === 1 && f.servers.length + f.providers.length === 0 && (f.status || f.negated)) {
      const status: StatusId = f.status ?? 'not_supported';
      const where = this.kb.servers.filter((sv) => this.statusOf(f.clients[0] as string, sv.id) === status);
      if (where.length === 1) {
        const r = this.support({ ...f, shape: 'yesno', servers: [(where[0] as { id: string }).id] }, last);
        if (r) return r;
      }
    }
    // "Pourquoi les photos HD ne marchent pas avec LS 2010 ?": a why about a topic, a server as its setting.
    if (f.shape === 'why' && f.clients.length + f.providers.length === 0 && f.servers.length > 0 && !f.move) {
      const own = this.kb.topic(u.intent);
      // (Searched without the server's name: it is the setting, not what the sentence must say.)
      const named = namedPositions(u);
      const r = this.retrieved(
        u,
        { ...f, tokens: f.tokens.filter((_, i) => !named.has(i)) },
        own !== undefined && u.confidence >= CONFIDENT,
      );
      if (r) return r;
    }
    // "What part doesn't work?", "qu'est-ce qui ne marche pas ?" after a verdict: what it leaves out, its reasons.
    if (
      last &&
      (last.subject === 'support' || last.subject === 'planner') &&
      f.negated &&
      f.shape !== 'yesno' &&
      f.shape !== 'count' &&
      !f.asksAbout &&
      !f.generic &&
      // ("Lesquels non ?" asks which of those, not why.)
      !(f.listRef && last.list) &&
      f.clients.length + f.servers.length + f.providers.length + f.features.length === 0 &&
      last.reasons[lang].length > 0
    )
      return this.why(lang, last);
    // "When does support for Lync Server 2013 end?": the matrix has no dates; say so, never a status.
    // (Nor when one came out: "when did Lync Server 2013 come out?".)
    if (
      (f.shape === 'when' || f.shape === 'ago') &&
      (f.ending || f.since) &&
      !f.generic &&
      f.providers.length === 0 &&
      f.licences.length === 0 &&
      f.clients.length + f.servers.length > 0 &&
      // (A move is asked about — "quand faire la bascule de Group Chat vers Persistent Chat ?" — unless it is an
      // end with no server left nor client moved: "when does Lync Server 2013 itself go end of life?".)
      !(f.move && (f.source || f.clients.length > 0 || !f.ending))
    ) {
      const names = [...f.clients.map((c) => this.kb.client(c)?.name), ...f.servers.map((sv) => this.kb.server(sv)?.name)].filter(
        (x): x is string => !!x,
      );
      return {
        answer: answer('cannot-answer', lang, this.kb.message('decline_date', lang, { names: formatList(names, lang) }), {
          reason: 'out-of-scope',
          suggestions: [this.kb.message('suggest_matrix', lang)],
        }),
        last: { ...emptyLast('decline', f) },
      };
    }
    // A yes/no question on a topic: the claim of the sources it is about, verdict first. A follow-up ("and
    // high availability?", "et les photos HD pour eux ?") is read with the question before it.
    // ("And if we stop at Lync Server 2010 first?" after a plan is that plan again, not a claim about stopping.)
    // ("And conferencing?" after whether a client works for IM on a server: that client there, for conferencing.)
    const featureFollowUp =
      (this.featuresOnly(f) && (last?.subject === 'support' || last?.subject === 'planner' || last?.subject === 'pic')) ||
      // ("Un fournisseur fait la vidéo ?": which providers offer it, not a claim about one of them.)
      (f.asksAbout === 'providers' && f.features.length > 0 && f.providers.length === 0);
    if (f.shape === 'yesno' && !f.elliptic && !featureFollowUp && !this.serverFollowUp(f, last) && !this.featureListFollowUp(f, last)) {
      const followUp = last !== undefined && (this.refersBack(f, last) || this.lexicon.continuations.has(f.tokens[0] ?? ''));
      const claimed = this.claim(u, f, followUp ? last : undefined) ?? this.claimByWords(u, f) ?? this.statementVerdict(u, f);
      if (claimed) return claimed;
    }
    // "Which edition for high availability?", "quelle édition pour la haute disponibilité ?": the claim saying Yes of the one
    // thing of that kind that does it, first.
    if (f.shape === 'list' && !f.elliptic && f.asksAbout === undefined && f.clients.length + f.servers.length + f.providers.length === 0) {
      // (What "which" asks for is the word after it: "which edition", "quelle édition".)
      const at = f.tokens.findIndex((t) => this.lexicon.shapes.list.has([t], [f.lang]));
      const noun = at < 0 ? undefined : f.tokens.slice(at + 1, at + 3).find((t) => !this.functionWords.has(t));
      const open = new Set(noun ? [noun] : []);
      const which = open.size > 0 ? this.bestClaim(u, f, undefined, undefined, open) : undefined;
      if (which) return this.claimAnswer(f, which.claim, which.topic, false);
    }
    // A topic question that names no product (Exchange, Persistent Chat, Front End) is the topics' to answer.
    const named =
      f.clients.length + f.servers.length + f.providers.length + f.licences.length > 0 || f.generic !== undefined || f.allServers || f.both;
    // ("L'IMMCU est sur quel serveur ?": a thing the knowledge names — not a product of the matrix — asked where it
    // runs is its topic's, not a list of servers.)
    const namesThing =
      f.asksAbout === 'servers' &&
      f.clients.length + f.servers.length + f.providers.length === 0 &&
      f.tokens.some((t, i) => {
        const before = this.namedThings.get(t);
        return before !== undefined && (before.has('') || before.has(f.tokens[i - 1] ?? ''));
      });
    const computed =
      (f.asksAbout !== undefined && (f.shape === 'count' || f.shape === 'list') && !namesThing) || (f.features.length > 0 && f.federation);
    const followsUp = last !== undefined && (this.refersBack(f, last) || this.bareServer(f) !== undefined || this.countsAmongPlan(f, last));
    // "Taille max ?", "and high availability?", "show me the command" after a topic's answer: that subject's sentence for it.
    // "And Lync 2013 clients?" after a topic's answer: a claim of that topic about them, else its sentence.
    // ("What about users still homed on Lync Server 2010?" after the unified contact store: a server, likewise.)
    if (
      last?.subject === 'topic' &&
      this.opensFollowUp(f) &&
      // (A client and a server together ask the matrix: "and Live Meeting 2007 on 2013?"; so does "so where does
      // Lync 2010 work?".)
      (f.clients.length === 0) !== (f.servers.length === 0) &&
      f.asksAbout !== 'servers' &&
      f.providers.length === 0 &&
      !f.move
    ) {
      const r = this.claim(u, { ...f, shape: 'yesno' }, last) ?? this.topicFollowUp(u, f, last);
      if (r) return r;
    }
    // ("Il tourne sur quel serveur ?" after the IMMCU: a pronoun keeps even a "which server" question on it.)
    const pronoun = this.lexicon.backReferences.has(f.tokens, [f.lang]);
    if (!named && (!computed || (pronoun && f.features.length === 0)) && last?.subject === 'topic') {
      const r = this.topicFollowUp(u, f, last);
      if (r) return r;
    }
    const topicQuestion =
      !named && !computed && !f.elliptic && !f.listRef && !followsUp && !featureFollowUp && !this.featureListFollowUp(f, last);
    if (topicQuestion && this.kb.topic(u.intent) && u.confidence >= CONFIDENT) {
      // "How many …" answered by a topic that gives no figure: the sources do not say.
      if (f.shape === 'count' && !this.hasFigure(this.kb.topic(u.intent) as Topic, lang)) return this.decline(f, '', 'figure', u);
      // A question most of whose own words the topic never uses asks something else ("what port does the
      // edge server use for federation" is not the Front End IM port): declined, not answered nearby.
      const uncovered = this.uncoveredBy(u.intent, f, u);
      if (uncovered.length > 0) {
        // Unless the topic whose sentence says most of the question knows all its words: the classifier
        // went by a question word ("combien de pixels max pour une photo ?" is not the endpoints' count).
        const hits = this.passages.search(f.tokens);
        const other = hits[0]?.passage.topic;
        // (For "how many", that sentence must give a figure.)
        const figure = f.shape !== 'count' || /\d/.test(hits[0]?.passage.text[lang] ?? '');
        if (other && other.intent !== u.intent && figure && this.uncoveredBy(other.intent, f, u).length === 0) {
          const r = this.fromTopic(u, f, hits, other, undefined);
          if (r) return r;
        }
        return this.decline(f, uncovered.join(', '), 'words', u);
      }
      return this.retrieved(u, f, true);
    }
    // A topic question the classifier is unsure of: the sentence of the knowledge that says it, if one clearly does.
    if (topicQuestion && (u.intent === 'none' || u.confidence < CONFIDENT || (namesThing && !this.kb.topic(u.intent)))) {
      const r = this.retrieved(u, f, false);
      if (r) return r;
    }

    // "Which of those have ended?", "lesquels sont encore actifs ?" after a list of providers: among them.
    if (
      last?.list?.kind === 'provider' &&
      f.listRef &&
      (f.still || f.ending) &&
      (f.shape === 'list' || f.shape === 'count') &&
      f.providers.length + f.clients.length + f.servers.length === 0
    ) {
      return this.publicIm.countProviders(f, today, last.list.ids);
    }
    // "And which ended?" after the providers still active: of all the providers, in a conversation about them.
    if (
      last?.subject === 'pic' &&
      !f.listRef &&
      (f.still || f.ending) &&
      (f.shape === 'list' || f.shape === 'count') &&
      f.providers.length + f.clients.length + f.servers.length + f.features.length + f.licences.length === 0 &&
      f.contentWords.length <= TOPIC_FOLLOW_UP_WORDS
    ) {
      return this.publicIm.countProviders(f, today);
    }
    const everywhere = this.statusEverywhere(f, last);
    if (everywhere) return everywhere;
    const ownServers = f.servers.length;
    f = this.withContext(f, last);
    // "list them" / "lesquels ?" after a count: the list itself.
    // (Not when it names a server or provider: "which of those also work on Lync Server 2013?" asks there.)
    if (
      last?.list &&
      f.listRef &&
      f.shape === 'list' &&
      f.features.length === 0 &&
      !f.generic &&
      f.contentWords.length <= 1 &&
      // (Servers the question itself names: those of the answer before do not count.)
      ownServers + f.providers.length === 0
    ) {
      const names = last.list.ids.map((id) => (last.list?.kind === 'client' ? this.kb.client(id)?.name : this.kb.provider(id)?.name) ?? id);
      return {
        answer: answer('topic', lang, `${formatList(names, lang)}.`, { sources: [sourceOf(this.kb, this.matrixSource, lang)] }),
        last,
      };
    }
    // "So where does it work?" about one client: its row, every server.
    if (
      f.asksAbout === 'servers' &&
      f.shape === 'list' &&
      f.clients.length === 1 &&
      f.servers.length === 0 &&
      !f.move &&
      f.providers.length === 0
    ) {
      // ("Lync 2013 photos, where are they stored?" asks where a topic's things are: that topic, when one says so.)
      const topical = this.fromTopicWords(u, f, true);
      if (topical) return topical;
      const client = this.kb.client(f.clients[0] as string);
      if (client)
        return {
          answer: rowAnswer(this.kb, client, lang),
          last: {
            ...emptyLast('support', f),
            clients: [client.id],
            servers: this.kb.servers.map((s) => s.id),
            reasons: this.reasonsOf(
              [client.id],
              this.kb.servers.map((s) => s.id),
            ),
          },
        };
    }
    // "How do those users join meetings?": what the sources name for what a partial status leaves out.
    const instead = this.insteadFor(f, last);
    if (instead) return instead;
    // "How do I …" is a procedure: the topics answer it (a migration plan may, when asked for).
    if (f.how) return f.move ? this.planner(f) : this.procedure(u, f);

    // (A federated feature with a provider is that provider's features first: "Lync Online Plan 3 inclut la vidéo
    // avec Skype ?" is whether Skype federation has video.)
    // (Not "do we need a PIC USL for IM with Yahoo?": the licence needed.)
    const featureOfProvider = f.features.length > 0 && f.providers.length > 0 && f.shape === 'yesno' && !f.need && !f.buy;
    // "Combien de temps entre la fin de vente de la PIC USL et l'arrêt de Yahoo ?": the time between two dates.
    const between = this.publicIm.between(f);
    if (between) return between;
    if ((f.licences.length > 0 || (f.need && f.tokens.some((t) => this.lexicon.licenceNouns.has(t)))) && !featureOfProvider) {
      const r = this.publicIm.licence(f, today);
      if (r) return r;
    }
    // ("Which providers have audio?": providers asked about by a feature are federation's.)
    const picContext = f.federation || last?.subject === 'pic' || (f.asksAbout === 'providers' && f.features.length > 0);
    // "Does Skype federation work with Lync 2010 clients?": the sources describe PIC for Lync Server 2013
    // (the matrix's first server) only; of another server or its clients they say nothing.
    const picServer = this.kb.servers[0]?.id;
    const others = [
      ...f.servers.filter((sv) => sv !== picServer),
      ...f.clients.filter((c) => {
        const a = this.kb.client(c)?.asServer;
        return a !== undefined && a !== picServer;
      }),
    ];
    if (f.providers.length > 0 && others.length > 0 && !f.move) {
      const says = f.providers
        .map((id) => kb.provider(id))
        .filter((p): p is Provider => !!p)
        .map((p) => kb.message('provider_offers', lang, { provider: p.name, capabilities: this.publicIm.capabilityNames(p, lang) }));
      const names = others.map((id) => kb.server(id)?.name ?? kb.client(id)?.name ?? id);
      return {
        answer: answer(
          'cannot-answer',
          lang,
          kb.message('decline_not_about', lang, { products: names.join(lang === 'fr' ? ' ni ' : ' or ') }),
          {
            reason: 'out-of-scope',
            details: says.map((x) => `${kb.message('decline_says', lang)} ${x}`),
            sources: [sourceOf(kb, kb.providers[0]?.source ?? '', lang)],
          },
        ),
        last: { ...emptyLast('decline', f) },
      };
    }
    // "AOL vs Yahoo! federation: any difference in features or licensing?": the two side by side.
    if (f.providers.length >= 2 && this.lexicon.shapes.compare.has(f.tokens, [lang])) {
      const r = this.publicIm.compareProviders(f, today);
      if (r) return r;
    }
    if (
      f.providers.length > 0 ||
      (f.features.length > 0 &&
        picContext &&
        f.clients.length === 0 &&
        f.servers.length === 0 &&
        // ("Fournisseurs qui ont la MI mais pas l'audio": providers named as what is asked, with no question word.)
        // ("Does any provider offer video?": whether, then which.)
        (f.shape === 'list' || f.shape === 'count' || ((f.shape === 'other' || f.shape === 'yesno') && f.asksAbout === 'providers')))
    ) {
      // ("Bon, et Lync avec les utilisateurs Skype ?" after whether Teams can federate: whether it federates, too.)
      const federationAsked =
        f.shape === 'yesno' &&
        !f.federation &&
        f.providers.length > 0 &&
        last?.shape === 'yesno' &&
        last.features.length + last.licences.length === 0 &&
        (last.subject === 'pic' || this.lexicon.shapes.federation.has(last.tokens ?? []));
      const r = this.publicIm.pic(federationAsked ? { ...f, federation: true } : f, today);
      if (r) return r;
      // "Et Skype, il fait quoi comme fonctionnalités ?" — what federation with it offers, when the classifier
      // took it for another subject's question (a PIC question it is sure of is its dialog's).
      if (!(u.intent.startsWith('pic.') && u.confidence >= CONFIDENT)) {
        const offers = this.publicIm.providerOffers(f);
        if (offers) return offers;
      }
    }
    // "PIC providers?", "quels fournisseurs ?": the list, when the question says nothing more of them.
    const lex = this.lexicon;
    const plainList =
      f.shape === 'list' &&
      f.licences.length === 0 &&
      !f.listRef &&
      // (Or which are covered, supported, available: "quels fournisseurs PIC sont couverts pour Lync 2013 ?".)
      f.contentWords.every(
        (w) =>
          lex.isFunctionWord(w) ||
          lex.providerNouns.has(w) ||
          lex.shapes.federation.has([w]) ||
          lex.shapes.list.has([w]) ||
          lex.shapes.enough.has([w]) ||
          lex.shapes.supported.has([w]) ||
          lex.shapes.through.has([w]),
      );
    if (
      f.asksAbout === 'providers' &&
      (f.federation || f.still || f.ending) &&
      (f.shape === 'count' || f.shape === 'list') &&
      f.providers.length === 0 &&
      f.features.length === 0 &&
      (f.shape === 'count' || f.still || f.ending || plainList)
    )
      return this.publicIm.countProviders(f, today);
    // "And if we stop at Lync Server 2010 first?" after a plan: the same clients, to that server.
    if (
      last?.subject === 'planner' &&
      f.servers.length === 1 &&
      f.clients.length === 0 &&
      f.providers.length === 0 &&
      !f.generic &&
      f.servers[0] !== last.target
    ) {
      f = { ...f, move: true, target: f.servers[0] as string, clients: last.clients, ...(last.source ? { source: last.source } : {}) };
    }
    // "On doit remplacer quoi ?" with clients, after a migration plan: the same move.
    if (
      last?.subject === 'planner' &&
      last.target &&
      f.servers.length === 0 &&
      f.clients.length > 0 &&
      (f.shape === 'replace' || f.need || f.how)
    ) {
      f = { ...f, move: true, target: last.target, servers: [last.target], ...(last.source ? { source: last.source } : {}) };
    }
    // (A move that sets the scene for a difference — "planning the move from LS2010: anything supported on 2010 but
    // not on 2013?" — asks the difference.)
    // "Migration group chat LS2010 vers pchat 2013, c quoi les étapes ?": a move of the product a topic the classifier
    // is sure of is about (its clients all named by its text) asks that topic — its procedure — not a plan of clients.
    const movedTopic = this.kb.topic(u.intent);
    if (
      (f.move || (f.source && f.target)) &&
      movedTopic &&
      u.confidence >= SURE_OF_TOPIC &&
      !['support', 'pic'].includes(movedTopic.intent.split('.')[0] as string) &&
      f.clients.length > 0 &&
      f.clients.every((c) => this.namedIn(c, `${movedTopic.answer.en} ${movedTopic.details.map((d) => d.en).join(' ')}`)) &&
      f.shape !== 'count' &&
      f.asksAbout !== 'clients'
    )
      return undefined;
    const asked = askedSpan(f, 'sentence');
    const askedTokens = asked ? f.tokens.slice(asked.from, asked.to) : [];
    // (A move told in another sentence than a yes/no question on a client and a server sets its scene: "is the
    // Lync 2013 client compatible with an OCS 2007 R2 pool? planning a phased rollout" asks that client there.)
    // (So does one before "which clients are supported on Lync Server 2013?": that list.)
    const inAsked = (kind: string): boolean => u.mentions.some((m) => m.kind === kind && within(m, asked));
    const movedElsewhere =
      asked !== undefined &&
      !this.lexicon.roles.move.has(askedTokens) &&
      inAsked('server') &&
      ((f.shape === 'yesno' && inAsked('client')) ||
        ((f.shape === 'list' || f.shape === 'count') && f.asksAbout === 'clients' && this.lexicon.shapes.supported.has(askedTokens)));
    // "On prévoit LS2010 -> LS2013 : on peut déployer le client Lync 2013 en premier ?": a client first, before the
    // move, runs against the server moved from.
    if (
      f.source &&
      f.target &&
      f.source !== f.target &&
      f.shape === 'yesno' &&
      f.clients.length > 0 &&
      !f.plan &&
      (this.stepOrder.endWord(f.tokens)?.n === 1 || this.lexicon.shapes.before.has(f.tokens, [f.lang]))
    ) {
      const { source: from, target: _t, ...rest } = f;
      f = { ...rest, move: false, servers: [from] } as Frame;
    }
    if ((f.move || (f.source && f.target)) && !(f.notOn && f.clients.length === 0) && !movedElsewhere) {
      const r = this.planner(f);
      if (r) return r;
    }
    // (Then the question is asked of the servers its own sentence names.)
    if (movedElsewhere && f.move) {
      const servers = f.servers.filter((sv) => u.mentions.some((m) => m.id === sv && within(m, asked)));
      const { source: _s, target: _t, ...rest } = f;
      f = { ...rest, move: false, servers } as Frame;
      // ("Which clients are supported on Lync Server 2013?": that server's column.)
      const server = servers.length === 1 ? this.kb.server(servers[0] as string) : undefined;
      if (server && f.shape === 'list' && f.clients.length === 0)
        return {
          answer: columnAnswer(this.kb, server, f.lang),
          last: { ...emptyLast('support', f), servers, list: { kind: 'client', ids: this.kb.clients.map((c) => c.id) } },
        };
    }
    // "A user on Lync 2010 can't see the new high-res photos. We're on LS2013 with Exchange 2013. Is that expected?":
    // products that only set the scene, in sentences before a question that names none and asks nothing of
    // support, leave the question to the topic the classifier is sure of.
    // (A topic the classifier is sure of, beyond the matrix and federation.)
    const topic = this.kb.topic(u.intent);
    const sure =
      topic && u.confidence >= SURE_OF_TOPIC && !['support', 'pic'].includes(topic.intent.split('.')[0] as string) ? topic : undefined;
    const fromSure = (t: Topic): Reasoned | undefined =>
      (f.shape === 'yesno' ? (this.claim(u, f) ?? this.claimByWords(u, f)) : undefined) ??
      this.fromTopic(u, f, this.passages.search(f.tokens), t, undefined);
    if (
      sure &&
      asked &&
      !u.mentions.some((m) => within(m, asked)) &&
      !this.lexicon.shapes.supported.has(askedTokens) &&
      !this.lexicon.shapes.breaks.has(askedTokens)
    )
      return fromSure(sure);
    // ("C'est quoi son statut dans la matrice ?" of one client on one server: its cell, whatever the classifier read.)
    const statusAsked =
      f.tokens.some((t) => this.lexicon.statusNouns.has(t)) &&
      (f.shape === 'list' || f.shape === 'other') &&
      f.clients.length === 1 &&
      f.servers.length === 1 &&
      // ("Le client group chat 2010": the client noun names the one client asked about.)
      (!f.asksAbout || f.asksAbout === 'clients');
    const computedSupport = this.support(statusAsked ? { ...f, shape: 'yesno' } : f, last);
    // "Not applicable" says the matrix does not apply; when the classifier is sure the question is about a
    // topic ("can Lync 2010 Group Chat clients connect to the new Persistent Chat pool?"), that topic answers.
    if (
      computedSupport &&
      sure &&
      // (Unless the matrix's status is what is asked: "le client group chat 2010 sur LS2013, son statut dans la matrice ?".)
      !f.tokens.some((t) => this.lexicon.statusNouns.has(t)) &&
      f.clients.length > 0 &&
      f.clients.every((c) => f.servers.every((sv) => this.statusOf(c, sv) === 'not_applicable'))
    )
      return fromSure(sure);
    // (A client named beside a topic's words: that topic first, when one clearly says them.)
    return (f.clients.length > 0 ? this.beyondTheMatrix(u, f) : undefined) ?? computedSupport ?? this.beyondTheMatrix(u, f);
  }

  /** A name the knowledge gives with versions, followed by a version it never gives ("Outlook 2010"), as written. */
  private unknownVersion(u: Understanding, f: Frame): string | undefined {
    const named = namedPositions(u);
    for (let i = 0; i + 1 < f.tokens.length; i++) {
      const [name, year] = [f.tokens[i] as string, f.tokens[i + 1] as string];
      if (named.has(i) || named.has(i + 1) || !/^\d{4}$/.test(year)) continue;
      // (A month is no product: "until June 2015".)
      if (this.versioned.names.has(name) && !this.lexicon.months.has(name) && !this.versioned.pairs.has(`${name} ${year}`))
        return asWritten(u, `${name} ${year}`, new Set());
    }
    return undefined;
  }

  /**
   * Which of the clients the bot offered a reply picks: by the words of their names ("the 2010 one", "r2"),
   * all of them ("both", "les deux", "all"), or by age ("the newer one", "le plus ancien": the version in the name).
   */
  private pickOffered(f: Frame, candidates: readonly string[]): string[] {
    const lex = this.lexicon;
    const short = f.tokens.length <= TOPIC_FOLLOW_UP_WORDS;
    if (short && (f.listRef === 'all' || lex.shapes.both.has(f.tokens, [f.lang]))) return [...candidates];
    const newest = lex.shapes.newest.has(f.tokens, [f.lang]);
    if (short && (newest || lex.shapes.oldest.has(f.tokens, [f.lang]))) {
      // (A name's year, an R2 a little later: "Office Communicator 2007 R2" is newer than "… 2007".)
      const age = (id: string): number => {
        const name = this.kb.client(id)?.name ?? '';
        return Number(/\b(\d{4})\b/.exec(name)?.[1] ?? 0) + (/\bR2\b/.test(name) ? 0.5 : 0);
      };
      const sorted = [...candidates].sort((a, b) => age(a) - age(b));
      const chosen = newest ? sorted[sorted.length - 1] : sorted[0];
      const ties = candidates.filter((c) => chosen !== undefined && age(c) === age(chosen));
      if (chosen && ties.length === 1) return [chosen];
    }
    return pickCandidates(this.kb, f.tokens, candidates, lex);
  }

  /**
   * "How do I get my old Group Chat clients talking to Persistent Chat?": a procedure. When the classifier's
   * topic gives none (no steps, no command), the topic of its subject that does and whose sentences say most of
   * the question answers; otherwise the classifier's topic does (undefined: its dialog).
   */
  private procedure(u: Understanding, f: Frame): Reasoned | undefined {
    const own = this.kb.topic(u.intent);
    if (!own || own.steps.length > 0 || own.code.length > 0) return undefined;
    const subject = own.intent.split('.')[0];
    const hits = this.passages.search(
      f.tokens,
      (p) => p.topic.intent.split('.')[0] === subject && (p.topic.steps.length > 0 || p.topic.code.length > 0),
    );
    const best = hits[0];
    if (!best || best.coverage < PROCEDURE_COVERAGE) return undefined;
    return this.fromTopic(u, { ...f, shape: 'other' }, hits, best.passage.topic, undefined);
  }

  /** A step of a topic's procedure as an answer says it: "Step 5: Delete the well-known user…". */
  private stepLine(topic: Topic, index: number, lang: Lang): string {
    return this.kb.message('step_line', lang, { n: index + 1, text: topic.steps[index]?.[lang] ?? '' });
  }

  /** A "when" question naming one step of a procedure: that step, after the one before it. */
  private whenStep(u: Understanding, f: Frame): Reasoned | undefined {
    if (f.shape !== 'when' || f.since || f.ending || f.providers.length + f.licences.length > 0) return undefined;
    const named = namedPositions(u);
    const found = this.stepOrder.findOne(f.tokens, named, STEP_NAMED_ALONE);
    if (!found) return undefined;
    const { topic, index } = found;
    const { lang } = f;
    const step = (i: number, l: Lang): string => this.stepLine(topic, i, l);
    const before = index > 0 ? [this.kb.message('step_after', lang, { step: step(index - 1, lang) })] : [];
    return {
      answer: answer('topic', lang, step(index, lang), { details: before, sources: [sourceOf(this.kb, topic.source, lang)] }),
      last: { ...emptyLast('topic', f), intent: topic.intent, reasons: both((l) => [topic.answer[l]]) },
    };
  }

  /**
   * A step asked by where it stands in its procedure: "step 3 of the GC migration?", "quelle est la dernière
   * étape ?", "what do I do once the data is migrated?" (the one after it), "what's next?" after a step, and
   * "do we start the Persistent Chat servers first?" (yes or no, from its position). Any topic with steps.
   */
  private stepAt(u: Understanding, f: Frame, last: LastFrame | undefined): Reasoned | undefined {
    if (f.providers.length + f.licences.length > 0 || f.how) return undefined;
    const { lang } = f;
    const lex = this.lexicon;
    // (Nothing here without a word about steps, their order or a part of a procedure, nor after a step.)
    if (last?.step === undefined && !this.stepOrder.mentionsSteps(f.tokens)) return undefined;
    const named = namedPositions(u);
    // (The question's words beside product names, and whether it says "step", read once.)
    const unnamed = f.tokens.filter((_, k) => !named.has(k));
    const stepWord = lex.steps.words.has(f.tokens);
    const reply = (topic: Topic, first: string, index: number, details: string[]): Reasoned => ({
      answer: answer('topic', lang, first, { details, sources: [sourceOf(this.kb, topic.source, lang)] }),
      last: {
        ...emptyLast('topic', f),
        intent: topic.intent,
        step: index,
        reasons: both((l) => [this.stepLine(topic, index, l), topic.answer[l]]),
      },
    });
    const line = (topic: Topic, i: number): string => this.stepLine(topic, i, lang);
    // One step from another: the one after it or before it, or that there is none.
    const from = (topic: Topic, a: number, asked: 'before' | 'after'): Reasoned => {
      const n = asked === 'after' ? a + 1 : a - 1;
      const text = topic.steps[n]?.[lang];
      const title = topic.title[lang];
      if (text === undefined)
        return reply(topic, this.kb.message(asked === 'after' ? 'step_none_after' : 'step_none_before', lang, { a: a + 1, title }), a, [
          line(topic, a),
        ]);
      return reply(topic, this.kb.message(asked === 'after' ? 'step_next' : 'step_previous', lang, { a: a + 1, n: n + 1, text }), n, [
        line(topic, a),
      ]);
    };
    // "What's next?", "et avant ça ?" after a step: every word asks only that.
    const lastTopic = last?.step !== undefined ? this.kb.topic(last.intent ?? '') : undefined;
    if (lastTopic && last?.step !== undefined) {
      // (An order word alone asks it too: "et après ?"; not "first", which asks for a position.)
      const next = lex.steps.next.has(f.tokens) || lex.shapes.after.has(f.tokens);
      const previous = lex.steps.previous.has(f.tokens) || (lex.shapes.before.has(f.tokens) && !this.stepOrder.endWord(f.tokens));
      const said = new Set(
        [lex.steps.next, lex.steps.previous, lex.steps.words, lex.shapes.after, lex.shapes.before, lex.shapes.list].flatMap((g) =>
          spanPositions(g.find(f.tokens)),
        ),
      );
      const only = f.tokens.every((t, i) => said.has(i) || lex.isFunctionWord(t));
      if (next !== previous && only) return from(lastTopic, last.step, next ? 'after' : 'before');
    }
    // "How many steps in the cutover?", "quand se fait la bascule ?": a part of a procedure, or the whole, as one.
    if (f.shape === 'count' || f.shape === 'when') {
      const topic = this.stepOrder.procedure(u.intent, last?.intent, unnamed);
      // (The part the conversation is on counts for a question on steps: "combien d'étapes dans cette fenêtre ?".)
      const phase = topic
        ? this.stepOrder.phase(topic, f.tokens, stepWord && last?.intent === topic.intent ? last.tokens : undefined)
        : undefined;
      if (topic && (phase || (stepWord && f.shape === 'count'))) {
        const title = topic.title[lang];
        const [a, b] = phase ? [phase.from, phase.to] : [1, topic.steps.length];
        const lines = Array.from({ length: b - a + 1 }, (_, k) => line(topic, a - 1 + k));
        const first = phase
          ? this.kb.message(f.shape === 'count' ? 'step_count_phase' : 'step_phase', lang, {
              count: b - a + 1,
              from: a,
              to: b,
              title,
              phase: phase.title[lang],
            })
          : this.kb.message('step_count', lang, { total: b, title });
        return {
          answer: answer('topic', lang, first, { details: lines, sources: [sourceOf(this.kb, topic.source, lang)] }),
          last: { ...emptyLast('topic', f), intent: topic.intent, reasons: both((l) => [topic.answer[l]]) },
        };
      }
    }
    // A position: "step 3?", "la 4e étape", "the last step"; "first" / "en premier" without a step word.
    const worded = this.stepOrder.position(f.tokens);
    const position = worded ?? this.stepOrder.endWord(f.tokens);
    if (position) {
      // "Do we start the Persistent Chat servers first?", "is deleting the well-known user the last step?":
      // whether the step the other words name stands there.
      // (Asked whether, with no question word: "pendant la bascule je démarre les serveurs PC en premier ?".)
      const whether = f.shape === 'yesno' || (!worded && !lex.shapes.list.has(f.tokens) && !lex.shapes.when.has(f.tokens));
      const found = whether
        ? this.stepOrder.findOne(
            f.tokens.map((t, i) => (i === position.at || lex.steps.words.has([t]) ? '' : t)),
            named,
            STEP_NAMED_ALONE,
          )
        : undefined;
      // (Without a step word, "first" asks of a step named, or of the procedure the conversation is on:
      // "and during the cutover, what comes first?"; never "do servers have to go first?".)
      const own = this.stepOrder.procedure(u.intent, last?.intent, worded ? unnamed : []);
      // (Nor, without a step word, of a procedure the question is not about: "on prévoit LS2010 -> LS2013, on peut
      // déployer le client Lync 2013 en premier ?" is no step of the Group Chat migration, whose last one says
      // "deployment".)
      if (
        found &&
        !worded &&
        found.topic !== own &&
        !this.stepOrder.namesTitle(found.topic, f.tokens, named) &&
        !this.stepOrder.phase(found.topic, f.tokens, undefined)
      )
        return undefined;
      const topic = found?.topic ?? (worded || f.shape !== 'yesno' ? own : undefined);
      if (!topic) return undefined;
      // (A position asked, not one set as the scene of another question: "at step 5, which SIP URI do we give
      // the endpoint?" asks for the URI.)
      const read = new Set([...named, position.at, position.suffix ?? -1, ...lex.steps.words.find(f.tokens).map((sp) => sp.start)]);
      // (Nor a yes/no question saying anything else: "is step 3 done with users offline?" asks whether.)
      if (!found && this.stepOrder.otherWords(topic, f.tokens, read).length > (f.shape === 'yesno' ? 0 : OTHER_WORDS)) return undefined;
      const total = topic.steps.length;
      const title = topic.title[lang];
      // Within the part of the procedure asked about ("the last step of the cutover"), else the whole.
      const phase = this.stepOrder.phase(topic, f.tokens, last?.intent === topic.intent ? last.tokens : undefined);
      const [from, to] = phase ? [phase.from, phase.to] : [position.ordinal && position.n === 1 ? topic.firstStep : 1, total];
      const m = position.n === -1 ? to : from + position.n - 1;
      const text = topic.steps[m - 1]?.[lang];
      if (text === undefined || m > to)
        return reply(
          topic,
          this.kb.message('step_out_of_range', lang, { title: phase?.title[lang] ?? title, total: to - from + 1, n: position.n }),
          to - 1,
          [],
        );
      if (found) {
        const n = found.index + 1;
        const yes = n === m;
        const end = position.ordinal && (position.n === 1 || position.n === -1) ? (position.n === 1 ? 'first' : 'last') : 'at';
        const keys: Record<typeof end, [MessageKey, MessageKey]> = {
          first: ['step_first_yes', 'step_first_no'],
          last: ['step_last_yes', 'step_last_no'],
          at: ['step_at_yes', 'step_at_no'],
        };
        const key = keys[end][yes ? 0 : 1];
        const first = this.kb.message(key, lang, { n, total, m, title: phase?.title[lang] ?? title });
        return reply(topic, first, found.index, yes ? [line(topic, found.index)] : [line(topic, found.index), line(topic, m - 1)]);
      }
      // (A position asked without a verdict asks which step it is, whatever its first word: "1ère étape ?".)
      f.shape = 'list';
      const first = phase
        ? this.kb.message('step_position_phase', lang, {
            k: m - from + 1,
            count: to - from + 1,
            phase: phase.title[lang],
            n: m,
            title,
            text,
          })
        : this.kb.message('step_position', lang, { n: m, total, title, text });
      return reply(topic, first, m - 1, m < total ? [line(topic, m)] : []);
    }
    // "What do I do once the data is migrated?": the step after the one named.
    // (Asking what: "after migrating the pool, can we add more pools later?" asks whether.)
    const asksWhat = f.shape === 'list' || lex.steps.next.has(f.tokens);
    // (Named by all its words, on the procedure the question or the conversation is on: "what happens if we
    // move our users before upgrading their clients?" is no step.)
    const rel = asksWhat ? this.stepOrder.relative(f.tokens, named, STEP_NAMED_ALONE) : undefined;
    const on = rel ? (this.stepOrder.procedure(u.intent, last?.intent, unnamed) ?? (stepWord ? rel.topic : undefined)) : undefined;
    if (rel && rel.topic === on) return from(rel.topic, rel.index, rel.asked);
    // "Which step starts the Persistent Chat servers?", "on supprime l'utilisateur connu à quelle étape ?": the
    // step the question's other words name, where it stands — asked by a question word on the step word
    // ("dans quel ordre on fait les choses ?" asks for them all).
    // (One step: "which steps are done over the weekend?" asks for a part of the procedure.)
    const whichStep = lex.steps.words.find(f.tokens).some((sp) => {
      if (sp.end - sp.start === 1 && /s$/.test(f.tokens[sp.start] as string)) return false;
      for (let k = sp.start - 1; k >= Math.max(0, sp.start - 3); k--) {
        const t = f.tokens[k] as string;
        if (lex.shapes.list.has([t])) return true;
        if (!lex.isFunctionWord(t)) return false;
      }
      return false;
    });
    if (whichStep && f.shape === 'list') {
      const found = this.stepOrder.findOne(
        f.tokens.map((t) => (lex.steps.words.has([t]) ? '' : t)),
        named,
        STEP_NAMED_ALONE,
      );
      if (found && !this.stepOrder.phase(found.topic, f.tokens, undefined)) {
        const { topic, index } = found;
        const total = topic.steps.length;
        f.shape = 'list';
        const first = this.kb.message('step_position', lang, {
          n: index + 1,
          total,
          title: topic.title[lang],
          text: topic.steps[index]?.[lang] ?? '',
        });
        // (Then the steps around it and what the procedure is, for where it stands.)
        const around = [index - 1, index + 1].filter((k) => k >= 0 && k < total).map((k) => line(topic, k));
        return reply(topic, first, index, [...around, topic.answer[lang]]);
      }
    }
    return undefined;
  }

  /**
   * The order of a step asked against the one the conversation is on: "before or after the data migration?"
   * after "what happens to the well-known user?" (its words, or the step the last answer gave, come first).
   */
  private orderAfter(f: Frame, named: ReadonlySet<number>, last: LastFrame | undefined): StepPair | undefined {
    const topic = last?.intent ? this.kb.topic(last.intent) : undefined;
    if (!topic || topic.steps.length < 2 || !last) return undefined;
    const lex = this.lexicon;
    const mark = this.stepOrder.orderMarks(f.tokens)[0];
    // (Nothing before the order word but words that ask: "and before or after …?".)
    if (!mark || !f.tokens.slice(0, mark.start).every((t) => lex.isFunctionWord(t) || lex.continuations.has(t))) return undefined;
    const before =
      last.step !== undefined ? tokenize(fold(topic.steps[last.step]?.[f.lang] ?? '')) : (last.tokens ?? []).slice(-QUESTION_WORDS);
    if (before.length === 0) return undefined;
    const pair = this.stepOrder.find(
      [...before, ...f.tokens.slice(mark.start)],
      new Set([...named].map((i) => i - mark.start + before.length)),
      topic,
    );
    return pair?.topic === topic ? pair : undefined;
  }

  /** The order of two steps a question names ("… before …?", "before or after …?"), from the topic's steps. */
  private orderOfSteps(u: Understanding, f: Frame, last: LastFrame | undefined): { reasoned: Reasoned; weak: boolean } | undefined {
    // ("How do I keep them working after moving?" asks for a procedure, not an order.)
    if ((f.shape !== 'yesno' && f.shape !== 'other' && f.shape !== 'list') || f.how) return undefined;
    const named = namedPositions(u);
    const pair =
      this.stepOrder.find(f.tokens, named, this.kb.topic(u.intent)) ??
      // "Before or after the data migration?" after a question on a step: that step is the one compared.
      this.orderAfter(f, named, last);
    if (!pair) return undefined;
    const { lang } = f;
    const { topic, first, second, asked } = pair;
    const firstComes = first < second;
    // "Which comes first: A or B?": the one that does, said with its step; the other after it.
    if (asked === 'first' || asked === 'last') {
      // (Of the procedure the question is about: "upgrade the servers or the clients first?" asks no step of the
      // Group Chat migration, whose steps name servers and clients too.)
      // (And asked which: "is the first step X or Y?" asks whether, of the first step.)
      if ((this.kb.topic(u.intent) !== topic && !this.stepOrder.namesTitle(topic, f.tokens, named)) || f.shape !== 'list') return undefined;
      const [a, b] = firstComes ? [first, second] : [second, first];
      const [won, other] = asked === 'first' ? [a, b] : [b, a];
      const text = topic.steps[won]?.[lang] ?? '';
      return {
        weak: false,
        reasoned: {
          answer: answer(
            'topic',
            lang,
            this.kb.message(asked === 'first' ? 'step_comes_first' : 'step_comes_last', lang, {
              n: won + 1,
              text,
              title: topic.title[lang],
            }),
            { details: [this.stepLine(topic, other, lang)], sources: [sourceOf(this.kb, topic.source, lang)] },
          ),
          last: {
            ...emptyLast('topic', f),
            intent: topic.intent,
            step: won,
            reasons: both((l) => [this.stepLine(topic, a, l), this.stepLine(topic, b, l), topic.answer[l]]),
          },
        },
      };
    }
    const key: MessageKey =
      asked === 'which'
        ? firstComes
          ? 'step_order_before'
          : 'step_order_after'
        : (asked === 'before') === firstComes
          ? 'step_order_yes'
          : 'step_order_no';
    const [a, b] = firstComes ? [first, second] : [second, first];
    const step = (i: number, l: Lang): string => this.stepLine(topic, i, l);
    // (Each side named by most of its step's words; "before or after" is never a claim's yes or no.)
    const weak = asked !== 'which' && pair.score < STEPS_NAMED;
    return {
      weak,
      reasoned: {
        answer: answer('topic', lang, this.kb.message(key, lang, { a: a + 1, b: b + 1, title: topic.title[lang] }), {
          details: [step(a, lang), step(b, lang)],
          sources: [sourceOf(this.kb, topic.source, lang)],
        }),
        last: {
          ...emptyLast('topic', f),
          intent: topic.intent,
          reasons: both((l) => [step(a, l), step(b, l), topic.answer[l]]),
        },
      },
    };
  }

  /**
   * A question naming a server or client that the matrix does not answer, whose other words are about a
   * topic ("which editions of Lync Server 2013 are there?", "voice mail for Lync Server 2013: what provides
   * it?"): that topic, when one of its sentences holds nearly all those words. Otherwise undefined (the
   * dialogs answer from the matrix).
   */
  private beyondTheMatrix(u: Understanding, f: Frame): Reasoned | undefined {
    // (Only what the matrix would answer otherwise: the classifier's support questions, not about clients.)
    // (A client's status, or a yes/no question, stays the matrix's: "can Lync 2010 still be used after the migration?".)
    const lex = this.lexicon;
    // ("La messagerie vocale Lync 2013 passe par quoi côté Exchange ?": a client named beside words about a topic,
    // with nothing asked of its support, is the topic's too.)
    // (Nor is "passe" a "works" there: "passe par quoi" asks what it goes through.)
    const scan = lex.scan(f.tokens);
    const through = scan.get('shapes.through', [f.lang]).filter((t) => scan.get('shapes.replace', [f.lang]).some((r) => r.start === t.end));
    const supportAsked = scan.get('shapes.supported', [f.lang]).some((sp) => !through.some((t) => sp.start >= t.start && sp.end <= t.end));
    const aboutClient =
      f.clients.length > 0 &&
      f.servers.length === 0 &&
      !f.status &&
      f.shape !== 'replace' &&
      f.shape !== 'why' &&
      !supportAsked &&
      !lex.shapes.breaks.has(f.tokens, [f.lang]);
    if ((!u.intent.startsWith('support.') && !aboutClient) || f.asksAbout || f.shape === 'yesno') return undefined;
    // (A move is to or from a server: "la messagerie vocale passe par quoi ?" names none, and moves nothing.)
    const moves = f.move && (f.target !== undefined || f.source !== undefined || !aboutClient);
    if ((f.clients.length > 0 && !aboutClient) || (f.servers.length === 0 && !aboutClient) || f.providers.length > 0 || moves || f.generic)
      return undefined;
    return this.fromTopicWords(u, f, aboutClient);
  }

  /** The words of a question beside product names and the words the matrix's questions use ("which", "supported", "clients"). */
  private beyondMatrixWords(u: Understanding, f: Frame): string[] {
    const lex = this.lexicon;
    const named = namedPositions(u);
    const matrixWord = (t: string): boolean =>
      lex.isFunctionWord(t) ||
      lex.clientNouns.has(t) ||
      lex.serverNouns.has(t) ||
      lex.peopleNouns.has(t) ||
      lex.deploymentNouns.has(t) ||
      lex.roleWords.has(t) ||
      lex.shapes.supported.has([t], [f.lang]) ||
      lex.shapes.list.has([t], [f.lang]) ||
      /^\d+$/.test(t) ||
      t.length < 2;
    // (The question's own words: "the helpdesk keeps getting asked about voicemail. who provides …?".)
    return f.tokens.filter((t, i) => !named.has(i) && !matrixWord(t) && i >= f.clauseFrom && i < f.askedTo);
  }

  /**
   * The topic one of whose sentences clearly says a question's words beyond the matrix's, answering it.
   * `strict`: words the knowledge never uses count against it ("pchat cutover steps" is not said by a sentence
   * that only says "steps").
   */
  private fromTopicWords(u: Understanding, f: Frame, strict = false): Reasoned | undefined {
    const words = this.beyondMatrixWords(u, f);
    if (words.length === 0) return undefined;
    const best = this.passages.search(words, (p) => p.topic.intent.split('.')[0] !== 'support', !strict)[0];
    if (!best || best.coverage < RETRIEVED_ALONE) return undefined;
    return this.fromTopic(u, { ...f, tokens: words }, this.passages.search(words), best.passage.topic, undefined);
  }

  /**
   * Makes the understanding agree with the frame's roles, so that the intent dialogs read "on Lync 2013"
   * as the server too when this layer leaves a question to them.
   */
  private applyRoles(u: Understanding, f: Frame): void {
    if (f.asServer.length === 0) return;
    for (const m of u.mentions) {
      const reread = f.asServer.find((r) => r.start === m.start);
      if (reread && m.kind === 'client') {
        m.kind = 'server';
        m.id = reread.server;
      }
    }
    // A bare version the frame read as a server ("on 2010") becomes a mention of it.
    for (const r of f.asServer) {
      if (u.mentions.some((m) => r.start >= m.start && r.start < m.end)) continue;
      u.mentions.push({ kind: 'server', id: r.server, start: r.start, end: r.start + 1, cost: 0 });
    }
    u.mentions.sort((a, b) => a.start - b.start);
    u.entities.clients = [...new Set(u.mentions.filter((m) => m.kind === 'client').map((m) => m.id))];
    u.entities.servers = [...new Set(u.mentions.filter((m) => m.kind === 'server').map((m) => m.id))];
  }

  /** Fills what an elliptic follow-up leaves out from the last question ("and on 2010?", "et AOL ?"). */
  private withContext(f: Frame, last: LastFrame | undefined): Frame {
    if (!last) return f;
    // "Which ones are on both?" after questions about LS2013, then LS2010: the two servers asked about last.
    if ((f.both || f.allServers) && f.servers.length < 2 && f.providers.length === 0) {
      const recent = [...(last.recentServers ?? last.servers)].filter((sv) => !f.servers.includes(sv));
      const want = f.both ? 2 : this.kb.servers.length;
      const servers = [...f.servers, ...recent.slice(-(want - f.servers.length))];
      if (servers.length === want) f = { ...f, servers };
    }
    const bareVersion = f.clients.length + f.servers.length + f.providers.length === 0 ? this.bareServer(f) : undefined;
    // "What about the R2 version?" after Office Communicator 2007: the client of that version, where it was asked.
    const otherVersion =
      bareVersion && (last.subject === 'support' || last.subject === 'planner') ? this.clientVersion(f, last) : undefined;
    if (otherVersion) {
      return {
        ...f,
        shape: last.shape === 'other' ? 'yesno' : last.shape,
        clients: [otherVersion],
        servers: last.target ? [last.target] : last.servers,
        providers: [],
        licences: [],
      } as Frame;
    }
    if (bareVersion && (last.subject === 'support' || last.subject === 'planner')) {
      return {
        ...f,
        shape: last.shape === 'other' ? 'yesno' : last.shape,
        clients: last.clients,
        servers: [bareVersion],
        providers: [],
        licences: [],
      } as Frame;
    }
    // "And if we go straight to 2013?", "et si on va directement sur lync server 2013 ?": a server alone, after
    // a question about clients — the same clients there.
    // "Et pour l'accueil, l'intendant Lync 2010 ferait l'affaire ?" after a plan (or an answer on one server): there.
    const onlyServer = last.target ?? (last.servers.length === 1 ? last.servers[0] : undefined);
    // "And the attendant?" after a plan or a status naming one attendant: that one.
    if (
      (last.subject === 'planner' || last.subject === 'support') &&
      f.generic &&
      !f.listRef &&
      f.clients.length + f.servers.length + f.providers.length === 0
    ) {
      const candidates = f.generic.candidates;
      const fromContext = last.clients.filter((c) => candidates.includes(c));
      if (fromContext.length === 1) f = { ...f, clients: fromContext, generic: undefined } as Frame;
    }
    // (Also after a decline of a product the sources do not hold, asked yes/no of one server: "is Lync Phone
    // Edition supported on LS2013?", then "ok, and the Lync 2010 desktop client?".)
    const declinedOnServer = last.subject === 'decline' && last.shape === 'yesno';
    if (
      (last.subject === 'planner' || last.subject === 'support' || declinedOnServer) &&
      onlyServer &&
      f.clients.length > 0 &&
      f.servers.length === 0 &&
      f.providers.length === 0 &&
      // (After a plan, the clients asked about are asked of the server moved to: "is Lync 2010 fine to keep?".)
      ((f.shape === 'yesno' &&
        (this.opensFollowUp(f) || this.lexicon.backReferences.has(f.tokens, [f.lang]) || last.subject === 'planner')) ||
        // "What about the 2010 attendant?": the same question of another client ("what" opens no list there).
        // ("What about the OC 2007 guys?": its users, likewise.)
        (f.shape === 'list' &&
          !f.asksAbout &&
          this.opensFollowUp(f) &&
          // ("On a few old laptops": who runs it, how many, how old.)
          f.contentWords.every(
            (w) =>
              this.namesClientWord(f, w) ||
              this.lexicon.peopleNouns.has(w) ||
              this.plainWords(f).has(w) ||
              this.lexicon.shapes.oldest.has([w], [f.lang]) ||
              this.lexicon.numberIn(w) !== undefined ||
              this.lexicon.shapes.some.has([w], [f.lang]),
          )))
    ) {
      return { ...f, servers: [onlyServer], shape: 'yesno' };
    }
    if (this.serverFollowUp(f, last)) {
      // The question asked again ("what if …" is no list), from the server left before when it is a move.
      // ("Et elle marche avec LS2010 ?" after "what does it replace?" asks whether, in its own words.)
      const ownYesNo =
        f.shape === 'yesno' && (this.lexicon.shapes.supported.has(f.tokens, [f.lang]) || this.lexicon.shapes.yesNo.has(f.tokens, [f.lang]));
      const shape = ['count', 'when', 'ago', 'why'].includes(f.shape) || ownYesNo ? f.shape : last.shape === 'other' ? 'yesno' : last.shape;
      // After a plan, the plan to that server.
      const plan = last.subject === 'planner' ? { move: true, target: f.target ?? (f.servers[0] as string) } : {};
      return {
        ...f,
        clients: last.clients,
        shape,
        ...plan,
        ...((f.move || plan.move) && !f.source && last.source ? { source: last.source } : {}),
        // ("And on LS2010?" after "which of those also work on LS2013?": among the same clients, there.)
        ...(last.among && shape === 'list' ? { listRef: 'those' } : {}),
      } as Frame;
    }
    // "How many must be replaced?", "combien ne sont pas du tout supportés ?" after a plan: among its clients,
    // on the server moved to ("how many is that?" counts what the plan listed last).
    const planTarget = this.planTarget(last);
    if (this.countsAmongPlan(f, last) && planTarget)
      return { ...f, clients: last.plan?.clients ?? last.clients, servers: [planTarget], listRef: 'those' };
    // "How many is that?" right after a list: those listed.
    if (
      !f.listRef &&
      f.shape === 'count' &&
      last.list?.kind === 'client' &&
      f.clients.length + f.servers.length + f.providers.length === 0 &&
      !f.generic &&
      !f.asksAbout &&
      !f.counted &&
      this.lexicon.backReferences.has(f.tokens, [f.lang])
    )
      f = { ...f, listRef: 'those' };
    const refersToList = f.listRef && last.list;
    if (refersToList && last.list) {
      const ids = f.listRef === 'first' ? last.list.ids.slice(0, 1) : f.listRef === 'last' ? last.list.ids.slice(-1) : last.list.ids;
      if (last.list.kind === 'client' && f.clients.length === 0 && !f.generic) f = { ...f, clients: ids, family: undefined } as Frame;
      if (last.list.kind === 'provider' && f.providers.length === 0) f = { ...f, providers: ids };
    }
    const backRef = this.refersBack(f, last);
    // "Does that one need a USL?" after an answer naming one provider or client: that one.
    const single = last.list?.ids.length === 1 ? last.list : undefined;
    // ("What does that licence come on top of?" refers to the licence, not the provider listed.)
    const aboutLicence = f.addition || f.buy || f.tokens.some((t) => this.lexicon.licenceNouns.has(t));
    // (Nor "fournisseurs qui ont la MI mais pas l'audio": providers asked about anew, by their features.)
    const providersByFeature = f.asksAbout === 'providers' && f.features.length > 0;
    if (
      backRef &&
      !refersToList &&
      single &&
      f.clients.length + f.servers.length + f.providers.length === 0 &&
      !f.generic &&
      !aboutLicence &&
      !providersByFeature
    ) {
      if (single.kind === 'provider') f = { ...f, providers: single.ids };
      else if (last.subject === 'support' || last.subject === 'planner') f = { ...f, clients: single.ids, family: undefined } as Frame;
    }
    // "and for IM and presence?": features alone, after a question about products.
    const featuresOnly = this.featuresOnly(f);
    // "Et la vidéo ?" after "lesquels font l'audio ?": the same question of another feature, among all.
    if (this.featureListFollowUp(f, last)) return { ...f, shape: last.shape, federation: true, listRef: undefined };
    // ("And video?" after "does AOL federation include audio?": the same yes/no of that provider.)
    if (featuresOnly && last.subject === 'pic' && last.providers.length > 0 && f.providers.length === 0)
      return { ...f, providers: last.providers, shape: 'yesno' } as Frame;
    if (featuresOnly && (last.subject === 'support' || last.subject === 'planner')) {
      return {
        ...f,
        clients: last.clients,
        servers: last.servers,
        shape: 'yesno',
        ...(last.target ? { target: last.target } : {}),
      } as Frame;
    }
    if (!f.elliptic && !backRef && !refersToList) return f;
    const merged: Frame = { ...f };
    if (last.subject === 'pic' || last.subject === 'licence') {
      // "Which provider has it?" after a feature question: the providers offering that feature.
      // ("Which one does, then?", "lequel la fait alors ?": a "which" question about nothing else.)
      const aboutProviders =
        f.asksAbout === 'providers' || (f.asksAbout === undefined && f.shape === 'list' && f.clients.length + f.servers.length === 0);
      if (backRef && aboutProviders && f.providers.length === 0 && f.features.length === 0 && last.features.length > 0) {
        return { ...merged, features: last.features, federation: true };
      }
      // "Lequel fait la vidéo alors ?", "which one has audio?": the providers are what is asked, not the one before.
      // (Nothing else asked: "quel port utilise la messagerie instantanée ?" is about a port.)
      const lex = this.lexicon;
      const onlyWhichFeature = f.contentWords.every(
        (w) =>
          this.isFeatureWord(f, w) ||
          lex.isFunctionWord(w) ||
          lex.followUpWords.has(w) ||
          lex.backReferences.has([w], [f.lang]) ||
          lex.shapes.list.has([w], [f.lang]),
      );
      if (backRef && aboutProviders && onlyWhichFeature && f.providers.length === 0 && f.features.length > 0 && !refersToList)
        return { ...merged, federation: true };
      if (merged.providers.length === 0 && merged.clients.length === 0 && merged.servers.length === 0) merged.providers = last.providers;
      // "And AOL?" after "is Yahoo federation still available?": still, again.
      if (f.elliptic) {
        merged.still ||= last.still === true;
        merged.since ||= last.since === true;
        merged.ending ||= last.ending === true;
        merged.enough ||= last.enough === true;
      }
      if (merged.licences.length === 0 && last.licences.length > 0 && (backRef || f.buy || f.addition)) merged.licences = last.licences;
      if (merged.features.length === 0 && f.elliptic) merged.features = last.features;
      if (merged.licences.length === 0 && f.elliptic) merged.licences = last.licences;
      if (f.elliptic) merged.shape = last.shape;
    }
    if (last.subject === 'support' || last.subject === 'planner') {
      if (merged.providers.length > 0) return merged;
      if (merged.clients.length === 0 && !f.generic && (f.elliptic || backRef || refersToList)) merged.clients = last.clients;
      // ("Lesquels non ?" after a verdict on one server: among the clients listed, there.)
      if (merged.servers.length === 0 && (f.elliptic || backRef || refersToList) && f.asksAbout !== 'servers')
        merged.servers = last.servers;
      if (f.elliptic) merged.shape = last.shape === 'other' ? 'yesno' : last.shape;
    }
    return merged;
  }

  /**
   * "How many must be replaced?", "how many need replacing?", "so how many of those are unsupported on 2013?"
   * after a migration plan: a count of a status among the plan's clients, on the server moved to.
   */
  private countsAmongPlan(f: Frame, last: LastFrame | undefined): boolean {
    const target = this.planTarget(last);
    if (!last || !target || f.shape !== 'count') return false;
    const nothingNamed =
      f.clients.length + f.providers.length === 0 && f.servers.every((sv) => sv === target) && !f.generic && f.asksAbout !== 'servers';
    const { lang } = f;
    const statusNamed =
      f.status || f.negated || this.lexicon.shapes.replace.has(f.tokens, [lang]) || this.lexicon.shapes.supported.has(f.tokens, [lang]);
    // ("How many clients does Lync Server 2013 support?" counts anew; "how many of those clients…" does not, nor
    // "how many clients need replacing in total?" while a plan is under way.)
    const replacing = last.plan !== undefined && this.lexicon.shapes.replace.has(f.tokens, [lang]);
    return nothingNamed && !!statusNamed && (!f.counted || !!f.listRef || !f.asksAbout || replacing);
  }

  /**
   * The server a plan moved to, or the one server an answer about several clients was about ("and those
   * that don't, what do we replace them with?" keeps the plan's clients): what "how many need replacing?"
   * counts on next.
   */
  private planTarget(last: LastFrame | undefined): string | undefined {
    if (last?.subject === 'planner') return last.target;
    if (last?.plan) return last.plan.target;
    if (last?.subject === 'support' && last.clients.length >= 2 && last.servers.length === 1) return last.servers[0];
    return undefined;
  }

  /**
   * Whether a message refers back to the last question: a pronoun ("it", "those"), "buying one" after a
   * licence, or a when / how long ago / still / why question that names nothing (about the last subject).
   */
  private refersBack(f: Frame, last: LastFrame): boolean {
    if (this.lexicon.backReferences.has(f.tokens, [f.lang])) return true;
    if (f.buy && last.subject === 'licence') return true;
    const nothingNamed = f.clients.length + f.servers.length + f.providers.length + f.licences.length === 0 && !f.generic;
    // "What should we use instead?" right after a client's status: what replaces that client (a short question
    // naming nothing; a longer one may ask about another subject's "instead").
    if (
      nothingNamed &&
      !f.asksAbout &&
      f.shape === 'replace' &&
      (last.subject === 'support' || last.subject === 'planner') &&
      last.clients.length > 0 &&
      f.tokens.length <= TOPIC_FOLLOW_UP_WORDS
    )
      return true;
    // ("Which PIC providers still work?" asks anew about the providers, not about the licence before.)
    return (
      nothingNamed &&
      !f.asksAbout &&
      (last.subject === 'pic' || last.subject === 'licence') &&
      (f.shape === 'when' || f.shape === 'ago' || f.still)
    );
  }

  /** The other clients of a client's kind: those sharing a generic name with it ("Attendant", "web app"). */
  private kinOf(id: string): string[] {
    return [...new Set(this.kb.support.genericNames.filter((g) => g.clients.includes(id)).flatMap((g) => g.clients))].filter(
      (c) => c !== id,
    );
  }

  /** The one client, of the same kind as the last answer's, that a follow-up's own words pick ("the OCS one"). */
  private siblingOf(f: Frame, last: LastFrame | undefined): string | undefined {
    if (!last || (last.subject !== 'support' && last.subject !== 'planner') || last.clients.length !== 1) return undefined;
    if (f.clients.length + f.servers.length + f.providers.length > 0 || f.generic || !this.lexicon.backReferences.has(f.tokens, [f.lang]))
      return undefined;
    const current = last.clients[0] as string;
    const kin = this.kinOf(current);
    if (kin.length === 0) return undefined;
    const words = f.tokens.filter((t) => t.length > 1 && !this.lexicon.isFunctionWord(t) && !this.lexicon.continuations.has(t));
    if (words.length === 0) return undefined;
    const picked = kin.filter((c) => words.every((w) => nameWords(this.kb, c).has(w)));
    return picked.length === 1 ? picked[0] : undefined;
  }

  /** A server alone, opening like a follow-up, after a question about clients ("and if we go straight to 2013?"). */
  private serverFollowUp(f: Frame, last: LastFrame | undefined): boolean {
    const serverOnly =
      f.servers.length > 0 && f.clients.length + f.providers.length === 0 && !f.generic && f.features.length === 0 && !f.asksAbout;
    return (
      serverOnly &&
      last !== undefined &&
      // (Also after a decline about another product: "does Skype for Business Server support Lync 2010?",
      // then "ok, what about LS2013 then?".)
      (last.subject === 'support' || last.subject === 'planner' || last.subject === 'decline') &&
      last.clients.length > 0 &&
      (f.elliptic || this.opensFollowUp(f))
    );
  }

  /** A claim's English statement as folded words between spaces, for phrase look-ups (computed once per claim). */
  private claimText(ci: number): string {
    let text = this.claimTextCache.get(ci);
    if (text === undefined) {
      text = ` ${tokenize(fold((this.claims[ci] as Reasoner['claims'][number]).claim.text.en)).join(' ')} `;
      this.claimTextCache.set(ci, text);
    }
    return text;
  }

  private readonly claimTextCache = new Map<number, string>();

  /** A claim's statement as stemmed words, in both languages (computed once per claim). */
  private claimWords(ci: number): Set<string> {
    let words = this.claimWordCache.get(ci);
    if (!words) {
      const { text } = (this.claims[ci] as Reasoner['claims'][number]).claim;
      words = new Set([...tokenize(fold(text.en)), ...tokenize(fold(text.fr))].map(stemish));
      this.claimWordCache.set(ci, words);
    }
    return words;
  }

  private readonly claimWordCache = new Map<number, Set<string>>();

  /** A topic's title, first sentence and details as folded words, spaced at both ends (computed once per topic). */
  private topicWords(t: Topic): string {
    let words = this.topicWordCache.get(t);
    if (words === undefined) {
      words = ` ${[t.title, t.answer, ...t.details].flatMap((x) => [...tokenize(fold(x.en)), ...tokenize(fold(x.fr))]).join(' ')} `;
      this.topicWordCache.set(t, words);
    }
    return words;
  }

  private readonly topicWordCache = new Map<Topic, string>();
  /** Things the knowledge names that a claim must name too to settle a question naming them (see Passages.namedThings). */
  private readonly namedThings: Map<string, Set<string>>;

  /**
   * The topics a question names by what their claims are about (each claim's first group of terms: "ucs",
   * "well-known user"), found through the claims' phrase index.
   */
  private termTopics(f: Frame): Set<string> {
    const out = new Set<string>();
    const t = f.tokens;
    for (let i = 0; i < t.length; i++) {
      if (!this.claimFirstWords.has(t[i] as string)) continue;
      let key = t[i] as string;
      for (let n = 1; n <= this.longestTerm && i + n <= t.length; n++) {
        if (n > 1) key = `${key} ${t[i + n - 1] as string}`;
        for (const e of this.claimIndex.get(key) ?? [])
          if (e.group === 0) out.add((this.claims[e.claim] as Reasoner['claims'][number]).topic.intent);
      }
    }
    return out;
  }

  /**
   * When the classifier is unsure and its guess is a topic the question's terms do not name ("what is UCS
   * exactly?" read as Skype connectivity for "exactly"), the topic the terms name: the best ranked of
   * them, its confidence taken among them alone (the classifier's belief given that the question names it).
   */
  private steerByTerms(u: Understanding, f: Frame): void {
    if (u.confidence >= CONFIDENT || u.mentions.length > 0 || !u.ranking) return;
    const named = this.termTopics(f);
    if (named.size === 0 || named.has(u.intent)) return;
    const among = u.ranking.filter((r) => named.has(r.intent));
    const total = among.reduce((sum, r) => sum + r.confidence, 0);
    const best = among[0];
    if (!best || total <= 0) return;
    u.intent = best.intent;
    u.confidence = best.confidence / total;
  }

  /** "And video?" after "which providers do audio?": features alone, after a question listing the providers that have one. */
  private featureListFollowUp(f: Frame, last: LastFrame | undefined): boolean {
    return (
      last !== undefined &&
      (last.subject === 'pic' || last.subject === 'licence') &&
      (last.shape === 'list' || last.shape === 'count') &&
      last.features.length > 0 &&
      this.featuresOnly(f)
    );
  }

  /** "And for IM and presence?", "and video?": features alone, naming no product. */
  /** The words of a question saying a name is meant as written ("OC 2007 (not R2)", "tout court"). */
  private plainWords(f: Frame): Set<string> {
    const spans = this.lexicon.scan(f.tokens).get('shapes.plain', [f.lang]);
    return new Set(spans.flatMap((sp) => f.tokens.slice(sp.start, sp.end)));
  }

  private featuresOnly(f: Frame): boolean {
    return (
      f.clients.length + f.servers.length + f.providers.length === 0 &&
      f.features.length > 0 &&
      f.contentWords.every((w) => this.isFeatureWord(f, w))
    );
  }

  /** Whether a word of the message is inside a client's name as the message writes it. */
  private namesClientWord(f: Frame, word: string): boolean {
    return f.clients.some((id) => nameWords(this.kb, id).has(word));
  }

  /** A message that opens like a follow-up: "and …", "ok …", "et si …", "what about …". */
  private opensFollowUp(f: Frame): boolean {
    return (
      this.lexicon.continuations.has(f.tokens[0] ?? '') || this.lexicon.shapes.followUpOpeners.find(f.tokens).some((sp) => sp.start === 0)
    );
  }

  private isFeatureWord(f: Frame, word: string): boolean {
    for (const g of this.lexicon.features.values())
      if (g.find(f.tokens).some((sp) => f.tokens.slice(sp.start, sp.end).includes(word))) return true;
    return false;
  }

  /** The server a bare answer names ("2010", "r2", "la 2013"), if it names exactly one. */
  bareServerOf(u: Understanding): string | undefined {
    // Read afresh, not remembered: the caller adds the server to the understanding when there is one.
    return this.bareServer(readFrame(u, this.kb, this.lexicon));
  }

  /**
   * A question about something a client's status leaves out (meetings under "IM and presence only"), for
   * a client that has a replacement: the replacement, with the footnote that names it.
   */
  private insteadFor(f: Frame, last: LastFrame | undefined): Reasoned | undefined {
    const aspects = f.features.filter((x) => !(x in this.kb.publicIm.capabilities));
    // A yes/no question ("is OC 2007 R2 fine for meetings?") gets its verdict per feature instead.
    if (aspects.length === 0 || f.providers.length > 0 || f.shape === 'yesno') return undefined;
    const server = f.target ?? f.servers[0] ?? last?.target ?? last?.servers[0];
    if (!server) return undefined;
    const { lang } = f;
    // (Naming no client, "what do we use instead for meetings?" asks of the clients just discussed.)
    const inContext = last && (last.subject === 'support' || last.subject === 'planner') ? last.clients : [];
    const client = (f.clients.length > 0 ? f.clients : inContext)
      .map((id) => this.kb.client(id))
      .find((c): c is Client => !!c && c.replacedBy.length > 0);
    if (!client) {
      // None of them has a successor: the one client the matrix names as a replacement that is supported there.
      // (For clients named, none of which has one — "what should those users use for meetings?" about Office
      // Communicator 2007 and Live Meeting 2007 —, one named for what is asked: its footnote speaks of it.)
      if (f.shape !== 'replace') return undefined;
      const found = this.successorOn(server, f.clients.length === 0 ? undefined : aspects);
      if (!found) return undefined;
      return {
        answer: answer('topic', lang, this.kb.message('instead_aspect', lang, this.insteadVars(aspects, server, found.client, lang)), {
          details: found.notes[lang],
          sources: [sourceOf(this.kb, this.matrixSource, lang)],
        }),
        last: { ...emptyLast('support', f), clients: [found.client], servers: [server], reasons: found.notes },
      };
    }
    const covers = this.kb.status(this.statusOf(client.id, server)).covers;
    if (!covers || aspects.every((a) => covers.includes(a))) return undefined;
    const r = client.replacedBy[0] as { client: string; footnote: number };
    const reason = this.kb.footnote(r.footnote)?.text[lang] ?? '';
    const headline = this.kb.message('instead_for', lang, {
      features: formatList(
        aspects.map((a) => this.aspectName(a, lang)),
        lang,
      ),
      server: this.names([server], lang),
      client: client.name,
      replacement: this.kb.client(r.client)?.name ?? r.client,
    });
    return {
      answer: answer('topic', lang, headline, { details: reason ? [reason] : [], sources: [sourceOf(this.kb, this.matrixSource, lang)] }),
      last: {
        ...emptyLast('support', f),
        clients: [client.id],
        servers: [server],
        reasons: both((l) => [this.kb.footnote(r.footnote)?.text[l] ?? '']),
      },
    };
  }

  /** A bare version answering for a server ("2010", "r2", "la 2013"). */
  /**
   * The client whose name is a client just discussed plus the question's bare version words ("Office
   * Communicator 2007" + "r2"), when exactly one is: the question asks about that version of it.
   */
  private clientVersion(f: Frame, last: LastFrame): string | undefined {
    const words = f.tokens.filter((t) => /^(\d{4}|r\d)$/.test(t));
    if (words.length === 0 || last.clients.length !== 1) return undefined;
    const base = this.kb.client(last.clients[0] as string);
    if (!base) return undefined;
    // ("And the 2010 version?" after Lync Web App 2013: another year of the same name, when the question speaks of a
    // version or a client, and not after a role word — "and on 2010?" names the server.)
    const year = words.find((w) => /^\d{4}$/.test(w));
    const ofVersion =
      year !== undefined &&
      f.tokens.some((t) => this.lexicon.vagueNouns.has(t) || this.lexicon.clientNouns.has(t)) &&
      !this.lexicon.roleWords.has(f.tokens[f.tokens.indexOf(year) - 1] ?? '');
    const own = tokenize(fold(base.name)).filter((t) => !(ofVersion && /^\d{4}$/.test(t)));
    const want = new Set([...own, ...words]);
    const found = this.kb.clients.filter((c) => {
      const own = new Set(tokenize(fold(c.name)));
      return c.id !== base.id && own.size === want.size && [...want].every((w) => own.has(w));
    });
    return found.length === 1 ? found[0]?.id : undefined;
  }

  private bareServer(f: Frame): string | undefined {
    // Feature words ("2013 for meetings") do not name the server.
    const featureWords = new Set(
      [...this.lexicon.features.values()].flatMap((g) => g.find(f.tokens).flatMap((sp) => f.tokens.slice(sp.start, sp.end))),
    );
    // (Nor its age: "et sur le nouveau 2013 ?".)
    const ageWords = new Set(
      [this.lexicon.shapes.newest, this.lexicon.shapes.oldest].flatMap((g) =>
        g.find(f.tokens).flatMap((sp) => f.tokens.slice(sp.start, sp.end)),
      ),
    );
    const words = f.tokens.filter((t) => !this.lexicon.followUpWords.has(t) && !featureWords.has(t) && !ageWords.has(t));
    if (words.length === 0 || words.length > 2) return undefined;
    const matches = this.kb.servers.filter((s) =>
      words.every((w) => s.name.toLowerCase().split(/\s+/).includes(w) || s.aliases.some((a) => a.toLowerCase().split(/\s+/).includes(w))),
    );
    return matches.length === 1 ? matches[0]?.id : undefined;
  }

  // ---------------------------------------------------------------- the sentence that says it

  /**
   * The topic and sentence of the knowledge that answer a topic question, found by its words (see
   * `Passages`): another topic than the classifier's when one of its sentences covers clearly more of the
   * question (or the classifier is unsure and one covers most of it), and that sentence first when it is
   * a detail that answers more exactly than the topic's first sentence ("what was the default well-known
   * user?" → "by default OCSChat@<domain>"). Undefined when the classifier's topic, as it is, is the answer.
   */
  /**
   * A follow-up on a topic's answer: short, opening like a follow-up or referring back, and not clearly a
   * new question about another subject. Read within the last answer's subject: the topic the message's own
   * words point to, else (they say too little) the one the two questions together point to.
   */
  private topicFollowUp(u: Understanding, f: Frame, last: LastFrame): Reasoned | undefined {
    const subject = last.intent?.split('.')[0];
    if (!subject) return undefined;
    const refers = this.opensFollowUp(f) || this.lexicon.backReferences.has(f.tokens, [f.lang]);
    const elsewhere = u.confidence >= CONFIDENT && u.intent.split('.')[0] !== subject;
    if (!refers && (f.tokens.length > TOPIC_FOLLOW_UP_WORDS || elsewhere)) return undefined;
    // "What about multiparty IM?" after "can two users IM each other if the IMMCU is down?": the same yes/no
    // question of it, verdict first.
    if (last.shape === 'yesno' && f.shape !== 'yesno' && (f.shape === 'list' || f.shape === 'other') && this.opensFollowUp(f) && !f.how) {
      const claimed = this.claim(u, { ...f, shape: 'yesno' }, last);
      if (claimed) return claimed;
    }
    const within = (p: Passage): boolean => p.topic.intent.split('.')[0] === subject;
    // The opener ("tell me more about", "et pour") says nothing of what is asked.
    const opener = this.lexicon.shapes.followUpOpeners.find(f.tokens);
    const words = f.tokens.filter((_, i) => !opener.some((sp) => i >= sp.start && i < sp.end));
    const own = this.passages.search(words, within, true);
    // (A question the classifier is sure is of another subject, whose words a sentence of that subject says
    // better than any of this one, has moved on, a pronoun in it or not: "la MI entre deux users, ça passe par
    // quel port sur le FE ?" after the endpoint's cmdlet.)
    // (Not one opening as a follow-up: "and for the persistent chat server?" asks the last question of it.)
    if (elsewhere && !this.opensFollowUp(f)) {
      const anywhere = this.passages.search(words, undefined, true)[0];
      if (anywhere && anywhere.passage.topic.intent.split('.')[0] === u.intent.split('.')[0] && anywhere.coverage > (own[0]?.coverage ?? 0))
        return undefined;
    }
    const together = this.passages.search([...words, ...(last.tokens ?? [])], within);
    // (A word the sentences do not use but the classifier reads as another topic of the subject names that
    // topic: "and what are the prerequisites?" after the overview.)
    const classified = this.kb.topic(u.intent);
    if (
      !(own[0] && own[0].coverage >= TOPIC_FOLLOW_UP_OWN) &&
      classified &&
      classified.intent !== last.intent &&
      classified.intent.split('.')[0] === subject &&
      u.confidence >= FOLLOW_UP_CLASSIFIED &&
      // (Not one referring back: "ça sert à quoi dans une conversation à deux ?" is still about the IMMCU.)
      !this.lexicon.backReferences.has(f.tokens, [f.lang])
    )
      return this.fromTopic(
        u,
        f,
        this.passages.search(words, (p) => p.topic === classified, true),
        classified,
        undefined,
      );
    let hits = own[0] && own[0].coverage >= TOPIC_FOLLOW_UP_OWN ? own : together;
    // The conversation stays on the last topic when one of its sentences says about as much ("elles sont
    // stockées où ?" after the photo sizes is still the photos, not the contact store).
    // (Only when the follow-up's own words decide: read with the last question, the last topic always wins.)
    // (And when none of the follow-up's own words is the knowledge's and it points back — "how big can they be?"
    // after where the photos are stored —, it is about the last topic, which read with the last question says about
    // as much.)
    const pointsBack = own.length === 0 && this.lexicon.backReferences.has(words, [f.lang]);
    const stay = hits === own || pointsBack ? hits.find((h) => h.passage.topic.intent === last.intent) : undefined;
    if (stay && hits[0] && stay.coverage >= hits[0].coverage - TOPIC_STAY_MARGIN) hits = [stay, ...hits.filter((h) => h !== stay)];
    const topic = hits[0]?.passage.topic;
    if (!topic) return undefined;
    return this.fromTopic(u, f, hits, topic, undefined);
  }

  private retrieved(u: Understanding, f: Frame, sure: boolean): Reasoned | undefined {
    const hits = this.passages.search(f.tokens);
    const best = hits[0];
    if (!best) return undefined;
    const own = sure ? this.kb.topic(u.intent) : undefined;
    const ownBest = own ? hits.find((h) => h.passage.topic === own) : undefined;
    let topic = own;
    if (!own) {
      if (best.coverage < RETRIEVED_ALONE) return undefined;
      topic = best.passage.topic;
    } else if (
      best.passage.topic !== own &&
      best.coverage >= RETRIEVED_ALONE &&
      best.coverage - (ownBest?.coverage ?? 0) >= RETRIEVED_MARGIN
    ) {
      topic = best.passage.topic;
    }
    if (!topic) return undefined;
    return this.fromTopic(u, f, hits, topic, own);
  }

  private fromTopic(u: Understanding, f: Frame, hits: readonly Hit[], topic: Topic, own: Topic | undefined): Reasoned | undefined {
    // A yes/no question: the claim of that topic, verdict first, or its answer without a verdict.
    if (f.shape === 'yesno' && topic !== own) {
      const claimed = this.claim(u, f, undefined, topic);
      if (claimed) return claimed;
    }
    const inTopic = hits.filter((h) => h.passage.topic === topic);
    const lead = inTopic[0];
    const answerCoverage = inTopic.find((h) => h.passage.kind === 'answer')?.coverage ?? 0;
    const leads =
      lead !== undefined &&
      lead.passage.kind !== 'answer' &&
      lead.coverage >= answerCoverage + LEAD_MARGIN &&
      !f.how &&
      f.shape !== 'yesno';
    if (topic === own && !leads) return undefined;
    const { lang } = f;
    const t = topic;
    const first = leads && lead ? lead.passage.text[lang] : t.answer[lang];
    const details = [t.answer[lang], ...t.details.map((d) => d[lang])].filter(
      (d) => d !== first && !(leads && lead?.passage.kind === 'detail' && d === t.details[lead.passage.index]?.[lang]),
    );
    return {
      answer: answer('topic', lang, first, { ...this.topicParts(t, lang), details }),
      // "Why?" next: the topic's other sentences, those closest to the question first (not the one just given).
      last: {
        ...emptyLast('topic', f),
        intent: t.intent,
        reasons: both((l) => {
          const given = leads && lead ? lead.passage.text[l] : t.answer[l];
          const ranked = inTopic.filter((h) => h.passage.kind === 'detail' || h.passage.kind === 'answer').map((h) => h.passage.text[l]);
          return [...new Set([...ranked, ...t.details.map((d) => d[l]), t.answer[l]])].filter((x) => x !== given);
        }),
      },
    };
  }

  // ---------------------------------------------------------------- declines and "why"

  /** Whether a product (client, server, provider or related product) is named in a text. */
  private namedIn(id: string, text: string): boolean {
    let patterns = this.namePatterns.get(id);
    if (!patterns) {
      const e = this.kb.client(id) ?? this.kb.server(id) ?? this.kb.provider(id) ?? this.kb.relatedProduct(id);
      patterns = e
        ? [
            e.name,
            ...('shortName' in e && e.shortName ? [e.shortName] : []),
            ...('frenchName' in e && e.frenchName ? [e.frenchName] : []),
            ...e.aliases,
          ].map((n) => new RegExp(`(^|[^a-z0-9])${n.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`))
        : [];
      this.namePatterns.set(id, patterns);
    }
    const lower = text.toLowerCase();
    return patterns.some((p) => p.test(lower));
  }

  /**
   * The words of a question (beyond function words, follow-up words and product names) that a topic's
   * vocabulary — its texts, claims and training phrases — never uses, when they are most of the question.
   */
  private uncoveredBy(intent: string, f: Frame, u: Understanding): string[] {
    let vocabulary = this.topicVocabulary.get(intent);
    if (!vocabulary) {
      const t = this.kb.topic(intent);
      const texts = t
        ? [
            t.title,
            t.answer,
            ...t.details,
            ...t.steps,
            ...t.facts.flatMap((x) => [x.label, x.value]),
            ...t.suggestions,
            ...t.claims.map((c) => c.text),
          ].flatMap((x) => [x.en, x.fr])
        : [];
      const terms = t ? t.claims.flatMap((c) => c.terms.flat()) : [];
      const training = this.kb.training.find((e) => e.intent === intent);
      const phrases = training ? [...training.utterances.en, ...training.utterances.fr] : [];
      vocabulary = new Set([...texts, ...terms, ...phrases].flatMap((x) => tokenize(x)).flatMap((w) => [w, stemish(w)]));
      this.topicVocabulary.set(intent, vocabulary);
    }
    const mentioned = new Set(u.mentions.flatMap((m) => f.tokens.slice(m.start, m.end)));
    const content = [
      ...new Set(
        f.tokens.filter(
          (t) => t.length > 2 && !this.functionWords.has(t) && !this.lexicon.followUpWords.has(t) && !mentioned.has(t) && !/^\d+$/.test(t),
        ),
      ),
    ];
    const unknown = content.filter((w) => !vocabulary?.has(w) && !vocabulary?.has(stemish(w)));
    return content.length >= 2 && unknown.length / content.length > TOPIC_UNCOVERED ? unknown : [];
  }

  /** Whether a topic states a number (a digit or a number word): what a "how many" question needs. */
  private hasFigure(t: Topic, lang: Lang): boolean {
    const text = [t.answer[lang], ...t.details.map((d) => d[lang]), ...t.facts.map((x) => `${x.label[lang]} ${x.value[lang]}`)].join(' ');
    return /\d/.test(text) || tokenize(text).some((w) => this.lexicon.numberIn(w) !== undefined);
  }

  private decline(
    f: Frame,
    what: string,
    kind: 'product' | 'subject' | 'figure' | 'words',
    u: Understanding,
    says: string[] = [],
  ): Reasoned {
    const { kb } = this;
    const { lang } = f;
    const headline =
      kind === 'product'
        ? kb.message('decline_product', lang, { name: asWritten(u, what, this.lexicon.qualifierJoiners) })
        : kind === 'figure'
          ? kb.message('decline_figure', lang)
          : kind === 'words'
            ? kb.message('decline_words', lang, { words: what })
            : kb.message('decline_subject', lang, { subject: asWritten(u, what, this.lexicon.qualifierJoiners) });
    const suggestions = [
      ...(f.clients[0] && kb.client(f.clients[0])
        ? [kb.message('suggest_row', lang, { client: (kb.client(f.clients[0]) as Client).name })]
        : []),
      ...(f.providers[0] && kb.provider(f.providers[0])
        ? [kb.message('suggest_end', lang, { provider: (kb.provider(f.providers[0]) as Provider).name })]
        : []),
      kb.message('suggest_matrix', lang),
      kb.message('suggest_providers', lang),
    ].slice(0, 3);
    return {
      answer: answer('cannot-answer', lang, headline, {
        reason: 'unknown-product',
        details: [...says.map((x) => `${kb.message('decline_says', lang)} ${x}`), kb.message('decline_try', lang)],
        suggestions,
      }),
      last: { ...emptyLast('decline', f) },
    };
  }

  private why(lang: Lang, last: LastFrame): Reasoned {
    const { kb } = this;
    // (Reasons left empty by a dialog that asked for the server first are those of the cells it answered.)
    const reasons =
      last.reasons[lang].length > 0 || last.subject !== 'support' ? last.reasons[lang] : this.reasonsOf(last.clients, last.servers)[lang];
    // No reason behind a status: what a topic of the sources says of that very client there, if one does
    // ("why?" after "Lync 2010 Group Chat: not applicable on Lync Server 2013" → the legacy endpoint).
    const related =
      last.subject === 'support' && last.clients.length === 1
        ? this.passages
            .search(last.tokens ?? [], (p) => [...last.clients, ...last.servers].every((id) => this.namedIn(id, p.text.en)))
            .filter((h) => h.coverage >= WHY_RELATED)[0]
        : undefined;
    if (reasons.length === 0 && related) {
      return {
        answer: answer('topic', lang, kb.message('why_related', lang, { text: related.passage.text[lang] }), {
          sources: [sourceOf(kb, related.passage.topic.source, lang)],
        }),
        last,
      };
    }
    const headline = reasons[0] ?? kb.message('why_none', lang);
    // (After the footnotes of its row that say what a client the matrix does not apply to is, what a topic says of
    // that client there.)
    const notApplicable =
      last.clients.length === 1 && last.servers.every((sv) => this.statusOf(last.clients[0] as string, sv) === 'not_applicable');
    const more = related && reasons.length > 0 && notApplicable ? [related.passage.text[lang]] : [];
    return {
      answer: answer('topic', lang, headline, {
        details: [...reasons.slice(1), ...more],
        sources: [sourceOf(kb, this.matrixSource, lang)],
      }),
      last,
    };
  }

  /**
   * Why federation with the providers in question ends (named, else those of the conversation: of the
   * last answer, or named in the last question), as the sources say it; undefined when none has a reason.
   */
  private endReasons(f: Frame, last: LastFrame): Reasoned | undefined {
    const { kb } = this;
    const lastText = (last.tokens ?? []).join(' ');
    const ps = (
      f.providers.length > 0
        ? f.providers
        : last.providers.length > 0
          ? last.providers
          : kb.providers.filter((p) => this.namedIn(p.id, lastText)).map((p) => p.id)
    )
      .map((id) => kb.provider(id))
      .filter((p): p is Provider => !!p?.endReason);
    const first = ps[0];
    if (!first?.endReason) return undefined;
    const { lang } = f;
    const texts = [...new Set(ps.flatMap((p) => [p.endReason?.text[lang] ?? '', ...p.notes.map((n) => n.text[lang])]).filter(Boolean))];
    return {
      answer: answer('provider', lang, texts[0] as string, {
        details: texts.slice(1),
        sources: [sourceOf(kb, first.endReason.source, lang)],
      }),
      last: { ...last, reasons: both((l) => ps.flatMap((p) => p.notes.map((n) => n.text[l]))) },
    };
  }

  /**
   * A short follow-up naming nothing, about the last PIC or licence answer, whose own words (beyond function
   * and follow-up words) the sentences behind that answer hold: the one holding most of them, all of them.
   */
  private fromReasons(f: Frame, last: LastFrame | undefined): Reasoned | undefined {
    if (!last || (last.subject !== 'pic' && last.subject !== 'licence')) return undefined;
    // (A date, a count or a reason is computed: "how long ago is that?" is not a sentence to find.)
    // (Nor is a list: "which providers has federation ended with?", "lesquels font l'audio ?".)
    if ((f.shape !== 'yesno' && f.shape !== 'other') || f.buy || f.still || f.features.length > 0 || f.asksAbout || f.listRef)
      return undefined;
    if (f.clients.length + f.servers.length + f.providers.length + f.licences.length > 0 || f.tokens.length > TOPIC_FOLLOW_UP_WORDS + 2)
      return undefined;
    const lex = this.lexicon;
    const own = f.tokens
      .filter((t) => t.length > 2 && !lex.isFunctionWord(t) && !lex.followUpWords.has(t) && !lex.backReferences.has([t], [f.lang]))
      .map(stemish);
    if (own.length === 0) return undefined;
    const { lang } = f;
    // (At least half of them: "how is the credit calculated?" — "calculated" is the question, "credit" what it is about.)
    const shares = last.reasons[lang].map((r) => {
      const said = new Set(tokenize(fold(r)).map(stemish));
      return { r, share: own.filter((w) => said.has(w)).length / own.length };
    });
    const holding = shares
      .filter((x) => x.share >= 0.5)
      .sort((a, b) => b.share - a.share)
      .map((x) => x.r);
    const sentence = holding[0];
    if (!sentence) return undefined;
    return {
      answer: answer('topic', lang, sentence, {
        details: holding.slice(1),
        sources: [sourceOf(this.kb, this.kb.providers[0]?.source ?? '', lang)],
      }),
      last,
    };
  }

  /** Why a client has its status on the server just discussed: the footnotes of its cell and of its replacement. */
  private whyClients(f: Frame, last: LastFrame): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    const server = last.target ?? last.servers[0];
    if (!server) return undefined;
    const reasonsIn = (l: Lang): string[] => {
      const ids = new Set<number>();
      for (const c of f.clients) {
        const cell = kb.cell(c, server);
        if (cell.footnote !== undefined) ids.add(cell.footnote);
        for (const r of kb.client(c)?.replacedBy ?? []) ids.add(r.footnote);
      }
      return [...ids]
        .sort()
        .map((id) => kb.footnote(id)?.text[l] ?? '')
        .filter(Boolean);
    };
    const reasons = reasonsIn(lang);
    if (reasons.length === 0) return undefined;
    const statuses = f.clients.map((c) =>
      kb
        .status(this.statusOf(c, server))
        .headline[lang].replace('{client}', kb.client(c)?.name ?? c)
        .replace('{server}', this.names([server], lang)),
    );
    return {
      answer: answer('topic', lang, reasons[0] as string, {
        details: [...reasons.slice(1), ...statuses],
        sources: [sourceOf(kb, this.matrixSource, lang)],
      }),
      last: { ...last, clients: f.clients, reasons: both(reasonsIn) },
    };
  }

  // ---------------------------------------------------------------- claims of the topics

  /**
   * A yes/no question no claim's terms match, settled by the claim whose statement says most of it, when
   * it is clearly that one: its sentence covers most of the question's weighted words, it belongs to the
   * topic the classifier is sure of, and no claim of the other verdict comes close. Else no verdict.
   */
  private claimByWords(u: Understanding, f: Frame): Reasoned | undefined {
    const topic = this.kb.topic(u.intent);
    // (A generic product name — "the web app" — is asked about as such, not settled by words.)
    if (!topic || u.confidence < CONFIDENT || f.generics.length > 0) return undefined;
    const hits = this.passages.search(f.tokens, (p) => p.kind === 'claim');
    const best = hits[0];
    if (!best || best.coverage < CLAIM_BY_WORDS || best.passage.topic !== topic) return undefined;
    const verdict = (h: Hit): string | undefined => h.passage.topic.claims[h.passage.index]?.verdict;
    if (hits.some((h) => verdict(h) !== verdict(best) && best.coverage - h.coverage < CLAIM_BY_WORDS_MARGIN)) return undefined;
    const claim = topic.claims[best.passage.index];
    if (!claim) return undefined;
    // Its verdict is its first clause's: a question another clause answers ("can a legacy client connect to two
    // pools?" of "Administrators can create several endpoints …, but a legacy client can … connect to only one
    // pool at a time") is not settled by it.
    const clauses = claim.text.en.split(this.lexicon.clauseBreak).filter((c) => c.trim() !== '');
    if (clauses.length > 1) {
      const score = this.passages.scorer(f.tokens);
      const covered = clauses.map((c) => score(c));
      if (covered.indexOf(Math.max(...covered)) > 0) return undefined;
    }
    // Anchored in what the claim is about: all its terms but one are in the question (words alone could
    // settle "does SharePoint show presence?" with a claim about SharePoint searching archives).
    const text = ` ${f.tokens.join(' ')} `;
    const entry = this.claims.find((c) => c.claim === claim);
    const found = (g: readonly { key: string }[]): boolean => g.some((p) => text.includes(` ${p.key} `));
    const termsFound = entry ? entry.groups.filter(found).length : 0;
    if (entry && entry.groups.length > 0 && termsFound < Math.max(1, entry.groups.length - 1)) return undefined;
    // (Nor without its first group, what it is about, when the question names what another claim of the topic is
    // about: "does Enterprise Edition support high availability?" is not settled by a claim about Standard Edition.)
    const subjectNamed = this.claims.some((c) => topic.claims.includes(c.claim) && c.groups[0] !== undefined && found(c.groups[0]));
    if (subjectNamed && entry?.groups[0] && !found(entry.groups[0])) return undefined;
    if (
      !yearsOutsideNames(u, f, this.lexicon).every(
        (y) => claim.text.en.includes(y) || claim.terms.some((g) => g.some((ph) => ph.includes(y))),
      )
    )
      return undefined;
    // The products the question names must be the claim's (a claim about Lync Server 2013 does not settle 2010),
    // and so must another kind of server it names (the Edge server, SQL Server).
    const named = [...f.clients, ...f.servers, ...f.providers];
    if (!named.every((p) => claim.products.includes(p) || this.namedIn(p, claim.text.en))) return undefined;
    if (!this.otherServersIn(f).every((o) => this.says(claim.text, o))) return undefined;
    return this.claimAnswer(f, claim, topic);
  }

  /**
   * The claim a yes/no question is about: among the claims of the question's topic (and, less preferred,
   * the other topics of its subject), those whose every term group and product the question contains; the
   * most specific wins. Its verdict opens the answer; the topic's answer follows.
   */
  private claim(u: Understanding, f: Frame, context?: LastFrame, found?: Topic): Reasoned | undefined {
    // ("Can we keep archiving in SQL Server, or is Exchange mandatory?": the first question settles both.)
    if (f.alternativeAt !== undefined && f.shape === 'yesno') {
      const first = this.firstAlternative(u, f.alternativeAt);
      const firstFrame = this.frame(first);
      // (A question with two alternatives is whole: not read with the one before.)
      const settled = this.claim(first, firstFrame, undefined, found) ?? this.claimByWords(first, firstFrame);
      if (settled) return settled;
    }
    let best = this.bestClaim(u, f, context, found);
    // "Does UCS work on Lync Server 2010 and 2013?": asked of several servers at once, a claim that says No of
    // one of them answers for all (no claim speaks of them together).
    if (!best && f.shape === 'yesno' && f.servers.length > 1)
      for (const sv of f.servers) {
        const one = this.bestClaim(u, { ...f, servers: [sv] }, context, found);
        if (one?.claim.verdict === 'no') {
          best = one;
          break;
        }
      }
    if (!best) return undefined;
    // "Do we lose any workload with Standard Edition?": asked as a loss, a claim not written for one answers the
    // other way round ("No. Both editions support all workloads").
    const breaks = this.lexicon.shapes.breaks;
    const claim = best.claim;
    const lossAsked = breaks.has(f.tokens, [f.lang]) && !claim.terms.flat().some((ph) => breaks.has(tokenize(ph)));
    return this.claimAnswer(f, lossAsked ? { ...claim, verdict: claim.verdict === 'yes' ? 'no' : 'yes' } : claim, best.topic);
  }

  /**
   * A claim that says what something is, for a question asking it ("what is", "which", "c'est quoi"): one whose
   * terms include such words, every term found in the question. Its text, without a verdict.
   */
  private whatClaim(u: Understanding, f: Frame): Reasoned | undefined {
    if (f.shape !== 'list' && f.shape !== 'other' && f.shape !== 'replace') return undefined;
    const found = this.bestClaim(u, { ...f, shape: 'yesno' });
    if (!found) return undefined;
    // (Or, asked what replaces something, one written to say that: "LS2010 group chat is replaced by what in 2013?".)
    const asks = f.shape === 'replace' ? this.lexicon.shapes.replace : this.lexicon.shapes.list;
    const asksWhat = found.claim.terms.some((group) => group.some((ph) => asks.has(tokenize(ph))));
    return asksWhat ? this.claimAnswer(f, found.claim, found.topic, false) : undefined;
  }

  /** The claim `claim` answers with, found as it says. */
  private bestClaim(
    u: Understanding,
    f: Frame,
    context?: LastFrame,
    found?: Topic,
    /** For "which edition for high availability?": the words of the question. A claim saying Yes that leaves one term
     * unmatched whose phrases hold one of them ("enterprise edition") is the one that names the answer. */
    open?: ReadonlySet<string>,
  ): { claim: Topic['claims'][number]; topic: Topic } | undefined {
    const { kb } = this;
    const contextTopic = found ?? (context?.subject === 'topic' && context.intent ? kb.topic(context.intent) : undefined);
    const topic = found ?? kb.topic(u.intent) ?? contextTopic;
    const confident = (topic !== undefined && u.confidence >= CONFIDENT) || contextTopic !== undefined;
    const subject = (contextTopic && !(u.confidence >= CONFIDENT && kb.topic(u.intent)) ? contextTopic.intent : u.intent).split('.')[0];
    const namesNothing = f.clients.length + f.servers.length + f.providers.length + u.entities.products.length === 0;
    // The products the question names must all be ones the claim is about; those of the question before
    // a follow-up only count toward the claim's own products. ("Lync 2010 clients" names Lync 2010, not
    // every client of that name.)
    const clientsNamed = f.family ? u.mentions.filter((m) => m.kind === 'client').map((m) => m.id) : f.clients;
    const named = new Set([...clientsNamed, ...f.servers, ...f.providers, ...u.entities.products]);
    const products = new Set([
      ...named,
      ...(context && namesNothing ? [...context.clients, ...context.servers, ...context.providers] : []),
    ]);
    // Every run of words of the question (and, for a follow-up, of the question before it) as long as the
    // longest term, for whole-phrase look-ups.
    const runs = new Set<string>();
    for (const tokens of [f.tokens, context?.tokens ?? []]) {
      // (Not from inside a name holding a feature's word: the "chat" of "persistent chat" is no IM.)
      const inside = new Set(
        this.lexicon
          .scan(tokens)
          .get('featureless', [f.lang])
          .flatMap((sp) => Array.from({ length: sp.end - sp.start - 1 }, (_, k) => sp.start + k + 1)),
      );
      for (let i = 0; i < tokens.length; i++) {
        // Only runs that start like some claim's phrase can match one.
        if (!this.claimFirstWords.has(tokens[i] as string) || inside.has(i)) continue;
        let key = tokens[i] as string;
        runs.add(key);
        for (let n = 2; n <= this.longestTerm && i + n <= tokens.length; n++) {
          key = `${key} ${tokens[i + n - 1] as string}`;
          runs.add(key);
        }
        // And with one word left out inside ("two pchat pools" says "two pools", "connect to both pools"
        // is "connect to pools"): a phrase of the sources is rarely typed word for word.
        for (let n = 3; n <= this.longestTerm + 1 && i + n <= tokens.length; n++) {
          const window = tokens.slice(i, i + n);
          for (let k = 1; k < n - 1; k++) runs.add([...window.slice(0, k), ...window.slice(k + 1)].join(' '));
        }
      }
    }
    // What the question is about: its words beside function words and product names.
    const mentioned = new Set(u.mentions.flatMap((m) => f.tokens.slice(m.start, m.end)));
    const years = yearsOutsideNames(u, f, this.lexicon);
    const otherServers = this.otherServersIn(f);
    // (Nor the words that only place it in time — "now that messenger moved to Skype" asks what to do.)
    const timing = (t: string): boolean => this.lexicon.shapes.still.has([t]) || this.lexicon.shapes.since.has([t]);
    // (Nor who — "users": the claim's products say that — nor an elided letter, "c'est", nor a number in words:
    // "two-person P2P" is P2P.)
    const setting = (t: string): boolean => this.lexicon.peopleNouns.has(t) || t.length < 2 || this.lexicon.numberIn(t) !== undefined;
    // (In a message of several sentences, what is asked is the question's own sentence; the others set the scene:
    // "on a migré le group chat la semaine dernière. … ils doivent reconfigurer quelque chose ?"; or the part of its
    // sentence after one that sets the scene: "on a Lync Server 2013 SE, is the IMMCU on the front end?".)
    const asked = askedSpan(f, 'clause');
    const inMention = (i: number): boolean => u.mentions.some((m) => i >= m.start && i < m.end);
    // (A word within two of a product's name, past words that only describe it: "LS2013 persistent chat pool".)
    const nextToProduct = (i: number): boolean => [i - 1, i - 2, i - 3].some(inMention) || inMention(i + 1);
    const content = new Set(
      f.tokens.filter(
        (t, i) =>
          !this.functionWords.has(t) &&
          !this.lexicon.followUpWords.has(t) &&
          !mentioned.has(t) &&
          !/^\d+$/.test(t) &&
          !timing(t) &&
          !setting(t) &&
          // (Nor a word that only places a product: "against the new LS2013 pool".)
          !this.lexicon.roleWords.has(t) &&
          !(this.lexicon.deploymentNouns.has(t) && nextToProduct(i)) &&
          !this.lexicon.shapes.newest.has([t]) &&
          (!asked || (i >= asked.from && i < asked.to)),
      ),
    );
    // The things the question names that the knowledge names elsewhere ("SharePoint"); a word that is only
    // ever the second of a name counts after the first ("Lync Online", not "online meetings").
    const namedInQuestion = f.tokens.filter((t, i) => {
      const before = this.namedThings.get(t);
      return content.has(t) && before !== undefined && (before.has('') || before.has(f.tokens[i - 1] ?? ''));
    });
    // The claims whose every term group the question contains (through the index of their phrases), and
    // the claims without terms.
    const hits = new Map<number, Map<number, string[][]>>();
    for (const run of runs) {
      const entries = this.claimIndex.get(run);
      if (!entries) continue;
      for (const { claim: ci, group: gi, words } of entries) {
        // Every phrase of a group found counts toward what the claim covers, not only the first.
        let groups = hits.get(ci);
        if (!groups) {
          groups = new Map();
          hits.set(ci, groups);
        }
        const found = groups.get(gi);
        if (found) found.push(words);
        else groups.set(gi, [words]);
      }
    }
    // A follow-up within a topic ("what about users still homed on Lync Server 2010?" after the unified
    // contact store) is about what that topic is about: its claims' first group (what each is about) holds.
    if (contextTopic && namesNothing === false) {
      this.claims.forEach((c, ci) => {
        if (c.topic !== contextTopic || c.groups.length === 0) return;
        const groups = hits.get(ci) ?? new Map<number, string[][]>();
        if (!groups.has(0)) groups.set(0, []);
        hits.set(ci, groups);
      });
    }
    const sureOfTopic = kb.topic(u.intent) !== undefined && u.confidence >= SURE_OF_TOPIC;
    // (Within a follow-up, the subject before it counts too: "can SharePoint search them?" after archiving.)
    const sureSubjects = new Set([u.intent.split('.')[0], contextTopic?.intent.split('.')[0]]);
    // In the order the knowledge lists them: on a tie, the claim listed first wins.
    const askedVersions = this.versionsIn(f.tokens);
    const candidates = [
      ...this.termlessClaims,
      ...[...hits]
        .filter(([ci, groups]) => {
          const c = this.claims[ci];
          if (!c) return false;
          if (!open) return groups.size === c.groups.length;
          const left = c.groups.filter((_, gi) => !groups.has(gi));
          return c.claim.verdict === 'yes' && left.length === 1 && left.every((g) => g.some((p) => p.words.some((w) => open.has(w))));
        })
        .map(([ci]) => ci),
    ].sort((a, b) => a - b);
    let best: { claim: Topic['claims'][number]; topic: Topic; score: number } | undefined;
    for (const ci of candidates) {
      const { claim: c, topic: t, subject: claimSubject } = this.claims[ci] as Reasoner['claims'][number];
      const own = t === topic;
      const sameSubject = claimSubject === subject;
      // A claim of another topic must name what it is about (a term), not only a product; one of another
      // subject, or any claim when the classifier is unsure, must match on two points at least.
      if (c.terms.length === 0 && (!own || !confident)) continue;
      if ((!sameSubject || !confident) && c.terms.length + c.products.length < 2) continue;
      // (Nor one of another subject when the classifier is sure of its topic: "do I need one per pool?" about
      // Persistent Chat endpoints is not settled by what the IMMCU needs.)
      if (sureOfTopic && !sureSubjects.has(claimSubject)) continue;
      if (!c.products.every((p) => products.has(p))) continue;
      const matched = [...(hits.get(ci)?.values() ?? [])].flat(2);
      // Every product the question names is one the claim is about (by id or by name in its statement):
      // a claim about Lync Server 2013 does not settle a question about Lync Server 2010. A product named
      // only by words the claim's terms hold ("a legacy group chat client" for a claim about group chat
      // clients) is what the claim is about.
      // (A product the question does not name but reaches through a generic name — "group chat client" —
      // has no mention: its generic names stand for it.)
      const inTerms = (p: string): boolean => {
        const spans = u.mentions.filter((m) => m.id === p).map((m) => f.tokens.slice(m.start, m.end));
        const names = spans.length > 0 ? spans : (this.genericWords.get(p) ?? []);
        const own = (ws: string[]): string[] => ws.filter((w) => !this.functionWords.has(w) && !this.lexicon.followUpWords.has(w));
        return names.some((ws) => own(ws).length > 0 && own(ws).every((w) => matched.includes(w)));
      };
      // (A product reached only through a generic name — "migrate group chat" — is named by a statement that says
      // that generic name: "… disable Lync Server 2010 Group Chat …".)
      const byGenericName = (p: string): boolean =>
        !u.mentions.some((m) => m.id === p) &&
        (this.genericWords.get(p) ?? []).some((ws) => this.claimText(ci).includes(` ${ws.join(' ')} `));
      // (The documented server is what a claim naming no server is about: "on a Lync Server 2013 Standard Edition,
      // is the IMMCU on the front end?" is settled by "the IMMCU is a Front End Server component".)
      const documented = (p: string): boolean =>
        p === this.kb.servers[0]?.id && c.products.length === 0 && this.claims[ci]?.namesServer === false;
      if (![...named].every((p) => c.products.includes(p) || this.namedIn(p, c.text.en) || inTerms(p) || byGenericName(p) || documented(p)))
        continue;
      // So must a thing the knowledge names elsewhere ("high-res photos stored in SharePoint" is not settled
      // by what Lync 2013 shows of photos stored in Exchange).
      if (!namedInQuestion.every((w) => this.claimWords(ci).has(stemish(w)))) continue;
      // A version the question gives outside product names ("SharePoint 2010") must be the claim's.
      // (Or the product of that version is what its topic is about: "photos stored in Exchange 2013".)
      const topicText = this.topicWords(t);
      if (
        !years.every(
          (y) =>
            c.text.en.includes(y) ||
            c.terms.some((g) => g.some((ph) => ph.includes(y))) ||
            topicText.includes(` ${f.tokens[f.tokens.indexOf(y) - 1] ?? ''} ${y} `),
        )
      )
        continue;
      // A product the question gives with one version is not settled by a claim naming it with others only:
      // "Exchange 2013 UM with the Lync 2010 client?" is not what "UM was already there with Exchange Server
      // 2010 and Lync Server 2010" says.
      // (A claim written for that version settles it: its terms say "exchange 2010".)
      // (Not a version within the name of a product the claim is about: "photos on Lync Server 2010?" is settled by a
      // claim about Lync Server 2010 whose statement names Lync Server 2013.)
      const ownNamed = u.mentions.filter((m) => c.products.includes(m.id));
      const saidVersions = this.claims[ci]?.versions ?? new Map();
      if (
        this.otherVersion(askedVersions, saidVersions) &&
        (ownNamed.length === 0 ||
          this.otherVersion(
            this.versionsIn(f.tokens.map((t, i) => (ownNamed.some((m) => i >= m.start && i < m.end) ? '' : t))),
            saidVersions,
          ))
      )
        continue;
      // So must another kind of server it names ("is the IMMCU part of the edge server?" is not settled
      // by "the IMMCU is a Front End Server component").
      if (!otherServers.every((o) => this.says(c.text, o))) continue;
      // The claim must cover what the question is about, not share a word with it ("connect to two pools
      // at once" is not settled by "legacy clients still connect").
      // (Its statement's own words cover too: "can Lync 2010 display the HD photos?" is what "Lync 2010
      // cannot show high-resolution photos" says, though only "HD" is one of its terms.)
      const said = this.claimWords(ci);
      const uncovered = [...content].filter((w) => !matched.includes(w) && !said.has(stemish(w))).length;
      if (content.size > 0 && uncovered / content.size > CLAIM_UNCOVERED) continue;
      const score = c.terms.length * 2 + c.products.length * 2 + (own ? 1 : 0) - uncovered;
      if (!best || score > best.score) best = { claim: c, topic: t, score };
    }
    return best;
  }

  /**
   * Whether the question gives a product a version (a name the knowledge writes with years: "exchange 2013")
   * that a statement names only with other versions ("Exchange Server 2010"); both read by `versionsIn`.
   */
  private otherVersion(asked: VersionsOf, said: VersionsOf): boolean {
    for (const [name, years] of asked) {
      const own = said.get(name);
      if (own && ![...years].some((y) => own.has(y))) return true;
    }
    return false;
  }

  /** The versions tokens give the names the knowledge writes with years ("exchange server 2010": exchange → 2010). */
  private versionsIn(tokens: readonly string[]): VersionsOf {
    const out = new Map<string, Set<string>>();
    tokens.forEach((t, i) => {
      if (!this.versioned.names.has(t) || this.lexicon.months.has(t)) return;
      const year = [tokens[i + 1], tokens[i + 2]].find((y) => y !== undefined && /^(19|20)\d\d$/.test(y));
      if (year) out.set(t, (out.get(t) ?? new Set()).add(year));
    });
    return out;
  }

  /**
   * A yes/no question no claim settles, asked plainly, whose every point one sentence of its topic says
   * ("can Lync Server 2013 still archive to SQL Server like 2010 did?" — "… can still be archived in SQL
   * Server as in Lync Server 2010 …"): its verdict, then that sentence. The sentence is read clause by
   * clause ("…, but it is not available to users homed on Lync Server 2010"): the clause that answers —
   * the one naming the products asked about, else the one holding most of the question's words — says
   * "No" when it is negative, "Yes" when not, and both languages' texts must agree. Only when the classifier
   * is sure of the topic, the sentence holds nearly all the question's own words (products aside, which
   * it must name), and the question has no negation: anything less keeps the topic's answer without a verdict.
   */
  private statementVerdict(u: Understanding, f: Frame): Reasoned | undefined {
    const topic = this.kb.topic(u.intent);
    if (!topic || u.confidence < CONFIDENT || f.generics.length > 0 || f.generic || f.how) return undefined;
    // (Not a follow-up — "and 2013 for meetings?" is read with the question before it — nor a question
    // of one or two words.)
    if (this.lexicon.continuations.has(f.tokens[0] ?? '') || this.lexicon.shapes.followUpOpeners.has(f.tokens)) return undefined;
    const negation = (tokens: readonly string[]): boolean => this.lexicon.shapes.negation.has(tokens);
    if (negation(f.tokens)) return undefined;
    const mentioned = new Set(u.mentions.flatMap((m) => f.tokens.slice(m.start, m.end)));
    const own = f.tokens.filter((t) => !mentioned.has(t));
    if (own.filter((t) => !this.lexicon.isFunctionWord(t)).length < 3) return undefined;
    // Its sentences, steps included ("later, decommission Lync Server 2010 Group Chat"), best first; on a tie, in order.
    const sentences = [topic.answer, ...topic.details, ...topic.steps];
    const score = this.passages.scorer(own);
    const scored = sentences
      .map((text, i) => ({ text, i, coverage: Math.max(score(text.en), score(text.fr)) }))
      .sort((a, b) => b.coverage - a.coverage || a.i - b.i);
    const best = scored[0];
    if (!best || best.coverage < STATEMENT_VERDICT) return undefined;
    const { text } = best;
    // (A sentence that opens with its own verdict — "Yes: when …" — is the topic's own answer.)
    if (this.check.verdict.test(text.en) || this.check.verdict.test(text.fr)) return undefined;
    const named = [...f.clients, ...f.servers, ...f.providers];
    if (!named.every((p) => this.namedIn(p, text.en))) return undefined;
    if (!this.otherServersIn(f).every((o) => this.says(text, o))) return undefined;
    if (!yearsOutsideNames(u, f, this.lexicon).every((y) => text.en.includes(y))) return undefined;
    if (this.otherVersion(this.versionsIn(f.tokens), this.versionsIn(tokenize(fold(`${text.en} ${text.fr}`))))) return undefined;
    const polarity = (sentence: string): 'yes' | 'no' | undefined => {
      const clauses = sentence.split(this.lexicon.clauseBreak).filter((c) => c.trim() !== '');
      const answering =
        named.length > 0
          ? clauses.filter((c) => named.every((p) => this.namedIn(p, c)))
          : (() => {
              const covered = clauses.map((c) => score(c));
              const top = Math.max(...covered);
              return clauses.filter((_, k) => covered[k] === top);
            })();
      const negative = answering.map((c) => negation(tokenize(fold(c))) || this.belowAsked(tokenize(fold(c)), f.tokens));
      if (answering.length === 0 || negative.some((n) => n !== negative[0])) return undefined;
      return negative[0] ? 'no' : 'yes';
    };
    const verdict = polarity(text.en);
    if (!verdict || polarity(text.fr) !== verdict) return undefined;
    const { lang } = f;
    const others = sentences.filter((x) => x !== text && !topic.steps.includes(x));
    return {
      answer: answer('topic', lang, `${this.kb.message(verdict === 'yes' ? 'verdict_yes' : 'verdict_no', lang)}. ${text[lang]}`, {
        ...this.topicParts(topic, lang),
        details: others.map((x) => x[lang]),
      }),
      last: {
        ...emptyLast('topic', f),
        intent: topic.intent,
        reasons: both((l) => others.map((x) => x[l])),
      },
    };
  }

  /**
   * Whether a clause allows only fewer than the question asks ("… connect to only one pool at a time" for "can a
   * legacy client connect to two pools?"): "only" (language.yaml's `plain`) beside a number smaller than one the
   * question gives.
   */
  private belowAsked(clause: readonly string[], question: readonly string[]): boolean {
    const asked = Math.max(0, ...question.map((t) => this.lexicon.numberIn(t) ?? 0));
    if (asked === 0) return false;
    // (Beside "only" an article is the figure: "only one pool", "qu'à un seul pool".)
    const number = (t: string): number | undefined => this.lexicon.numberIn(t) ?? this.lexicon.numbers.en[t] ?? this.lexicon.numbers.fr[t];
    return this.lexicon.shapes.plain.find(clause).some((sp) =>
      clause.slice(Math.max(0, sp.start - 2), sp.end + 2).some((t) => {
        const n = number(t);
        return n !== undefined && n < asked;
      }),
    );
  }

  /** The server roles a question names ("edge", "SQL", "serveur frontal": language.yaml's `serverRoles`), by id. */
  private otherServersIn(f: Frame): string[] {
    return this.rolesIn(f).map((r) => r.id);
  }

  /** The server roles a question names, each with the longest of its phrases the question uses. */
  private rolesIn(f: Frame): { id: string; written: string; phrases: string[] }[] {
    const text = ` ${f.tokens.join(' ')} `;
    return this.serverRoles.flatMap((r) => {
      const written = r.phrases.filter((p) => text.includes(` ${p} `)).sort((a, b) => b.length - a.length)[0];
      return written ? [{ ...r, written }] : [];
    });
  }

  /** Whether a statement names a server role (any of its phrases, folded, as whole words), in either language. */
  private says(text: Record<Lang, string>, role: string): boolean {
    const phrases = this.serverRoles.find((r) => r.id === role)?.phrases ?? [];
    return [text.en, text.fr].some((t) => {
      const words = ` ${tokenize(fold(t)).join(' ')} `;
      return phrases.some((p) => words.includes(` ${p} `));
    });
  }

  /** What an answer from a topic carries beside its first sentence and details: title, facts, steps, code, source, suggestions. */
  private topicParts(t: Topic, lang: Lang): Partial<Answer> {
    return {
      title: t.title[lang],
      facts: t.facts.map((x) => ({ label: x.label[lang], value: x.value[lang] })),
      steps: t.steps.map((x) => x[lang]),
      code: t.code.map((c) => ({ caption: c.caption[lang], text: c.text })),
      sources: [sourceOf(this.kb, t.source, lang)],
      suggestions: t.suggestions.map((x) => x[lang]),
    };
  }

  /** A claim as the answer: its verdict and statement first, then its topic. */
  private claimAnswer(f: Frame, claim: Topic['claims'][number], t: Topic, withVerdict = true): Reasoned {
    const { kb } = this;
    const { lang } = f;
    const verdict = kb.message(claim.verdict === 'yes' ? 'verdict_yes' : 'verdict_no', lang);
    // (Said once: not again as the topic's answer or a detail saying what the claim says, its verdict aside.)
    const saying = (text: string): string => {
      let said = this.sayings.get(text);
      if (said === undefined) {
        said = tokenize(fold(text.replace(this.check.verdict, ''))).join(' ');
        this.sayings.set(text, said);
      }
      return said;
    };
    const said = saying(claim.text[lang]);
    return {
      answer: answer('topic', lang, withVerdict ? `${verdict}. ${claim.text[lang]}` : claim.text[lang], {
        ...this.topicParts(t, lang),
        details: [t.answer[lang], ...t.details.map((d) => d[lang])].filter((x) => saying(x) !== said),
        sources: [sourceOf(kb, claim.source, lang)],
      }),
      // "Why?" next: what the topic says beyond its first sentence, then that sentence.
      last: { ...emptyLast('topic', f), intent: t.intent, reasons: both((l) => [...t.details.map((d) => d[l]), t.answer[l]]) },
    };
  }

  // ---------------------------------------------------------------- end-of-life entries

  private endOfLife(f: Frame, ids: readonly string[], today: Date): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    const entry = kb.endOfLife.find((e) => e.id === ids[0]);
    if (!entry) return undefined;
    const day = entry.date.slice(0, 10);
    const past = daysUntil(day, today) < 0;
    const vars = { name: entry.name, date: formatDate(day, lang), relative: formatRelative(day, today, lang) };
    const when = kb.message(past ? 'eol_past' : 'eol_future', lang, vars);
    const asksWhen = f.shape === 'when' || f.shape === 'ago' || f.still || f.shape === 'yesno';
    const headline = asksWhen
      ? f.still || f.shape === 'yesno'
        ? `${kb.message(past ? 'verdict_no' : 'verdict_yes', lang)}. ${when}`
        : when
      : entry.description[lang];
    return {
      answer: answer('topic', lang, headline, {
        title: entry.name,
        details: asksWhen ? [entry.description[lang]] : [when],
        sources: [sourceOf(kb, entry.source, lang)],
        suggestions: past ? [] : [kb.message('suggest_remind', lang, { name: entry.name })],
      }),
      last: { ...emptyLast('decline', f) },
    };
  }

  // ---------------------------------------------------------------- Public IM Connectivity

  /**
   * For a client the matrix names no successor for, what it names instead for what the client's own name says it
   * does ("Live Meeting": meetings): the one successor of another client, supported on that server, whose footnote
   * speaks of it.
   */
  private insteadByName(
    c: Client,
    server: string | undefined,
    lang: Lang,
  ): { line: string; notes: string[]; vars: Record<'features' | 'server' | 'replacement', string> } | undefined {
    if (!server) return undefined;
    const scan = this.lexicon.scan(tokenize(c.name));
    const aspects = Object.keys(this.kb.language.features).filter(
      (id) => !(id in this.kb.publicIm.capabilities) && scan.get(`features.${id}`).length > 0,
    );
    if (aspects.length === 0) return undefined;
    const found = this.successorOn(server, aspects, c.id);
    if (!found) return undefined;
    const vars = this.insteadVars(aspects, server, found.client, lang);
    return { vars, line: this.kb.message('instead_aspect', lang, vars), notes: found.notes[lang] };
  }

  /**
   * The one client the matrix names as another's successor that is supported on a server — of the successors whose
   * footnote speaks of every aspect asked, when aspects are given —, with those footnotes; undefined if none or several.
   */
  private successorOn(
    server: string,
    aspects: readonly string[] | undefined,
    exclude?: string,
  ): { client: string; notes: Reasons } | undefined {
    const note = (footnote: number, l: Lang): string => this.kb.footnote(footnote)?.text[l] ?? '';
    const successors = this.kb.clients
      .flatMap((c) => c.replacedBy)
      .filter((r) => r.client !== exclude && (!aspects || this.speaksOf(note(r.footnote, 'en'), aspects)));
    const there = [...new Set(successors.map((r) => r.client))].filter((id) => this.statusOf(id, server) === 'supported');
    const chosen = there.length === 1 ? (there[0] as string) : undefined;
    if (!chosen) return undefined;
    return {
      client: chosen,
      notes: both((l) => [...new Set(successors.filter((r) => r.client === chosen).map((r) => note(r.footnote, l)))].filter(Boolean)),
    };
  }

  /** What "for meetings on Lync Server 2013, use Lync Web App 2013" is filled with. */
  private insteadVars(
    aspects: readonly string[],
    server: string,
    replacement: string,
    lang: Lang,
  ): Record<'features' | 'server' | 'replacement', string> {
    return {
      features: formatList(
        aspects.map((a) => this.aspectName(a, lang)),
        lang,
      ),
      server: this.names([server], lang),
      replacement: this.kb.client(replacement)?.name ?? replacement,
    };
  }

  /** Whether a text speaks of every one of these features (language.yaml's `features`, by id). */
  private speaksOf(text: string, aspects: readonly string[]): boolean {
    const scan = this.lexicon.scan(tokenize(fold(text)));
    return aspects.length > 0 && aspects.every((a) => scan.get(`features.${a}`).length > 0);
  }

  /** A feature as the answer names it: a PIC capability's label, or the word for meetings. */
  private aspectName(id: string, lang: Lang): string {
    return this.kb.publicIm.capabilities[id]?.[lang] ?? this.kb.message('meetings_word', lang);
  }

  /** The clients supported (or interoperable) on a server, in the matrix's order. */
  supportedOn(server: string): string[] {
    return this.kb.clients.filter((c) => this.works(c.id, server)).map((c) => c.id);
  }

  /** The footnotes behind the cells of these clients on these servers (for "why?" after a dialog's answer). */
  reasonsOf(clients: readonly string[], servers: readonly string[]): Reasons {
    return both((l) => (clients.length > 0 && servers.length > 0 ? this.reasonsFor(clients, servers, l) : []));
  }

  // ---------------------------------------------------------------- licences

  // ---------------------------------------------------------------- support matrix

  /** Whether a client works on a server, fully or in part (supported, or interoperable for IM and presence). */
  private works(client: string, server: string): boolean {
    const status = this.statusOf(client, server);
    return status === 'supported' || status === 'interoperable';
  }

  private statusOf(client: string, server: string): StatusId {
    return this.kb.cell(client, server).status;
  }

  private statusLabel(status: StatusId, lang: Lang): string {
    return inSentence(this.kb.status(status).label[lang]);
  }

  /** Footnotes behind the cells of these clients on these servers, and those about the clients. */
  private reasonsFor(clients: readonly string[], servers: readonly string[], lang: Lang): string[] {
    const { kb } = this;
    const ids = new Set<number>();
    // A status that covers part of what a client does (interoperable: IM and presence only) is itself the
    // reason it is listed with a limit, when no footnote gives another.
    const partial: string[] = [];
    for (const c of clients)
      for (const s of servers) {
        const cell = kb.cell(c, s);
        if (cell.footnote !== undefined) ids.add(cell.footnote);
        else if (cell.status === 'not_applicable') {
          // (A client the matrix does not apply to on a server: the footnotes of its row say what it is — "Lync 2010
          // Group Chat" is a trusted third-party application of Lync Server 2010.)
          for (const other of kb.servers) {
            const note = kb.cell(c, other.id).footnote;
            if (note !== undefined) ids.add(note);
          }
        } else {
          const status = kb.status(cell.status);
          if (status.covers && status.covers.length > 0) {
            const line = fill(status.headline[lang], { client: kb.client(c)?.name ?? c, server: kb.server(s)?.name ?? s });
            partial.push(line.startsWith(`${status.verdict[lang]}. `) ? line.slice(status.verdict[lang].length + 2) : line);
          } else {
            // (No footnote: what the support topics say of that client and that server together — "unlike earlier
            // releases, Lync Server 2010 supports the new Lync 2013 client, so … clients can be deployed independently".)
            const said = this.supportSentences().find((x) => this.namedIn(c, x.en) && this.namedIn(s, x.en));
            if (said && !partial.includes(said[lang])) partial.push(said[lang]);
          }
        }
      }
    return [
      ...[...ids]
        .sort()
        .map((id) => kb.footnote(id)?.text[lang] ?? '')
        .filter((t) => t !== ''),
      ...partial,
    ];
  }

  /** The sentences of the support subject's topics (their answers, then their details), in both languages. */
  private supportSentences(): { en: string; fr: string }[] {
    this.supportSaid ??= this.kb
      .allTopics()
      .filter((t) => t.intent.startsWith('support.'))
      .flatMap((t) => [t.answer, ...t.details]);
    return this.supportSaid;
  }

  private supportSaid: { en: string; fr: string }[] | undefined;

  private clientsOf(f: Frame): Client[] {
    const { kb } = this;
    // "Lync 2010 clients": every client whose names carry those words (Lync Web App 2010 included).
    if (f.family) {
      const words = tokenize(f.family);
      return kb.clients.filter((c) => {
        const own = new Set([c.name, ...c.aliases].flatMap((n) => tokenize(n)));
        return words.every((w) => own.has(w));
      });
    }
    return f.clients.map((id) => kb.client(id)).filter((c): c is Client => !!c);
  }

  private names(ids: readonly string[], lang: Lang): string {
    return formatList(
      ids.map((id) => this.kb.client(id)?.name ?? this.kb.server(id)?.name ?? id),
      lang,
    );
  }

  /**
   * "Which clients are partly supported?", "how many clients are not applicable?": a status asked of no server,
   * read before the conversation fills what the question leaves out.
   */
  private statusEverywhere(f: Frame, last: LastFrame | undefined): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    const status = f.status;
    // (After an answer on one server too: each client's line says where — better than asking which server.)
    if (
      !status ||
      f.servers.length > 0 ||
      last?.target ||
      f.allServers ||
      f.both ||
      f.clients.length > 0 ||
      f.family ||
      f.listRef ||
      (f.shape !== 'list' && f.shape !== 'count') ||
      (f.asksAbout !== 'clients' && f.asksAbout !== undefined)
    )
      return undefined;
    // Every cell of the matrix with it, client by client, with the servers where.
    const rows = kb.clients
      .map((c) => ({ c, where: kb.servers.filter((sv) => this.statusOf(c.id, sv.id) === status).map((sv) => sv.id) }))
      .filter((r) => r.where.length > 0);
    const ids = rows.map((r) => r.c.id);
    const label = this.statusLabel(status, lang);
    const headline =
      rows.length === 0
        ? kb.message('status_nowhere', lang, { status: label })
        : kb.message('status_count', lang, { count: rows.length, status: label, clients: this.names(ids, lang) });
    const lines = rows.map((r) =>
      kb.message('status_where', lang, { client: r.c.name, status: label, servers: this.names(r.where, lang) }),
    );
    return {
      answer: answer('support-table', lang, headline, { details: lines, sources: [sourceOf(kb, this.matrixSource, lang)] }),
      last: {
        ...emptyLast('support', f),
        clients: ids,
        list: { kind: 'client', ids },
        reasons: this.reasonsOf(ids, [...new Set(rows.flatMap((r) => r.where))]),
      },
    };
  }

  private support(f: Frame, last?: LastFrame): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    const servers = f.allServers ? kb.servers.map((s) => s.id) : f.target && !f.both ? [f.target] : f.servers;
    if (f.generic && f.clients.length === 0) return this.generic(f, servers, last);
    // "Is every Lync 2010 client supported on …?": each member of the family, one verdict for them all.
    if (f.family && f.shape === 'yesno')
      return this.support({ ...f, clients: this.clientsOf(f).map((c) => c.id), family: undefined, every: true }, last);
    // "How many earlier client versions does LS2013 support?": among the clients whose version (the year in
    // their name) is before the server's.
    // ("Combien de versions antérieures de clients …": what is counted is versions, of clients.)
    const ofClients = f.asksAbout === 'clients' || (!f.asksAbout && f.tokens.some((t) => this.lexicon.clientNouns.has(t)));
    if (f.earlier && f.clients.length === 0 && servers.length === 1 && f.shape === 'count' && ofClients) {
      const year = (name: string): number => Number(/\b(?:19|20)\d\d\b/.exec(name)?.[0] ?? Number.NaN);
      const before = year(kb.server(servers[0] as string)?.name ?? '');
      const earlier = kb.clients.filter((c) => year(c.name) < before).map((c) => c.id);
      if (earlier.length >= 2) return this.support({ ...f, earlier: false, clients: earlier }, last);
    }
    const clients = this.clientsOf(f);
    const source = [sourceOf(kb, this.matrixSource, lang)];
    const base = (extra: Partial<LastFrame>): LastFrame => ({
      ...emptyLast('support', f),
      servers,
      clients: clients.map((c) => c.id),
      ...extra,
    });
    const supportedOn = (c: Client, on: readonly string[]): boolean => on.every((s) => this.statusOf(c.id, s) === 'supported');
    // Working everywhere named, somewhere only for IM and presence ("interoperable"): said beside the fully supported.
    const partlyOn = (pool: readonly Client[], on: readonly string[]): string => {
      const partial = pool.filter((c) => !supportedOn(c, on) && on.every((s) => this.works(c.id, s)));
      return partial
        .map((c) =>
          kb.message(on.length === 1 ? 'client_partly_there' : on.length === 2 ? 'client_partly_on_both' : 'client_partly_on', lang, {
            client: c.name,
            servers: this.names(
              on.filter((s) => this.statusOf(c.id, s) === 'interoperable'),
              lang,
            ),
          }),
        )
        .join(' ');
    };

    // "What should those users use instead?" after a client is not supported on a server: the clients of
    // its kind (under one generic name) that are supported there.
    if (
      f.shape === 'replace' &&
      clients.length === 1 &&
      servers.length === 1 &&
      !f.move &&
      this.statusOf((clients[0] as Client).id, servers[0] as string) !== 'supported'
    ) {
      const c = clients[0] as Client;
      const server = servers[0] as string;
      const kin = this.kinOf(c.id).filter((k) => this.statusOf(k, server) === 'supported');
      if (kin.length > 0) {
        const headline = kb.message('instead_on_server', lang, {
          server: this.names([server], lang),
          client: c.name,
          others: this.names(kin, lang),
        });
        return {
          answer: answer('support-cell', lang, headline, { tone: 'good', sources: source }),
          last: base({ clients: kin, list: { kind: 'client', ids: kin } }),
        };
      }
    }
    // What replaces a client — or, for a client that replaces others and has no successor itself ("Lync Web
    // App 2013 remplace quoi ?"), what it replaces.
    // ("And those that don't, what do we replace them with?" after a plan: each of those not supported there.)
    const server0 = servers[0];
    // (Those that work there need no replacement: "par quoi ?" after a plan asks of the others.)
    const notThere = server0 ? clients.filter((x) => this.statusOf(x.id, server0) !== 'supported') : [];
    const replaceable = clients.length > 1 && notThere.length > 0 ? notThere : clients;
    if (f.shape === 'replace' && replaceable.length > 1 && !f.move && replaceable.some((x) => x.replacedBy.length > 0)) {
      // (No successor named, but one of its kind works there: that one, as "what should we use instead?" says.)
      const kinThere = (x: Client): string[] => (server0 ? this.kinOf(x.id).filter((k) => this.statusOf(k, server0) === 'supported') : []);
      const line = (x: Client): string =>
        x.replacedBy[0]
          ? kb.message('replaced_by', lang, {
              replacement: kb.client(x.replacedBy[0].client)?.name ?? x.replacedBy[0].client,
              client: x.name,
            })
          : kinThere(x).length > 0 && server0
            ? kb.message('instead_on_server', lang, {
                server: this.names([server0], lang),
                client: x.name,
                others: this.names(kinThere(x), lang),
              })
            : kb.message('replaced_by_none', lang, { client: x.name });
      // (Those with an answer first.)
      const answered = (x: Client): boolean => x.replacedBy.length > 0 || kinThere(x).length > 0;
      const lines = [...replaceable.filter(answered), ...replaceable.filter((x) => !answered(x))].map(line);
      const notes = (l: Lang): string[] => [
        ...new Set(replaceable.flatMap((x) => x.replacedBy.map((r) => kb.footnote(r.footnote)?.text[l] ?? '')).filter(Boolean)),
      ];
      return {
        answer: answer('topic', lang, lines[0] as string, { details: [...lines.slice(1), ...notes(lang)], sources: source }),
        last: base({ clients: replaceable.map((x) => x.id), reasons: both(notes) }),
      };
    }
    if (f.shape === 'replace' && clients.length > 0 && !f.move) {
      const c = clients[0] as Client;
      const replaced = kb.clients.filter((x) => x.replacedBy.some((r) => r.client === c.id));
      if (c.replacedBy.length === 0 && replaced.length > 0) {
        const notes = (l: Lang): string[] =>
          replaced
            .flatMap((x) => x.replacedBy.filter((r) => r.client === c.id).map((r) => kb.footnote(r.footnote)?.text[l] ?? ''))
            .filter(Boolean);
        return {
          answer: answer(
            'topic',
            lang,
            kb.message('replaces_what', lang, {
              client: c.name,
              others: this.names(
                replaced.map((x) => x.id),
                lang,
              ),
            }),
            { details: [...new Set(notes(lang))], sources: source },
          ),
          last: base({
            clients: [c.id],
            list: { kind: 'client', ids: replaced.map((x) => x.id) },
            reasons: both((l) => [...new Set(notes(l))]),
          }),
        };
      }
      const lines = c.replacedBy.map((r) =>
        kb.message('replaced_by', lang, { replacement: kb.client(r.client)?.name ?? r.client, client: c.name }),
      );
      const reasons = c.replacedBy.map((r) => kb.footnote(r.footnote)?.text[lang] ?? '').filter(Boolean);
      // None named for it: what the matrix names instead for what its name says it does, on the server in question
      // ("with what?" about Office Live Meeting 2007: for meetings on Lync Server 2013, Lync Web App 2013).
      const instead = lines.length === 0 ? this.insteadByName(c, servers[0] ?? kb.servers[0]?.id, lang) : undefined;
      if (instead) lines.push(`${kb.message('replaced_by_none', lang, { client: c.name })} ${instead.line}`);
      if (instead) reasons.push(...instead.notes);
      // (Nor that: the successor of the product it is the client of, when that names it — "what replaces group chat
      // in 2013?": Persistent Chat, which Lync 2010 Group Chat clients reach through a legacy endpoint.)
      const of =
        lines.length === 0 ? kb.support.relatedProducts.find((p) => p.successor && this.namedIn(c.id, p.successor.text.en)) : undefined;
      if (of?.successor) lines.push(of.successor.text[lang]);
      const headline = lines[0] ?? kb.message('replaced_by_none', lang, { client: c.name });
      return {
        answer: answer('topic', lang, headline, {
          details: [...lines.slice(1), ...reasons],
          sources: of?.successor ? [...source, sourceOf(kb, of.successor.source, lang)] : source,
        }),
        last: base({ reasons: both((l) => c.replacedBy.map((r) => kb.footnote(r.footnote)?.text[l] ?? '').filter(Boolean)) }),
      };
    }

    // Supported on one server alone ("which clients only work on LS2010?", "combien ne marchent que sur LS2010 ?"):
    // supported there and on no other server of the matrix.
    if (f.onlyOn && clients.length === 0) {
      const only = f.onlyOn;
      const matching = kb.clients.filter(
        (c) =>
          this.statusOf(c.id, only) === 'supported' &&
          kb.servers.every((sv) => sv.id === only || this.statusOf(c.id, sv.id) !== 'supported'),
      );
      const vars = {
        server: this.names([only], lang),
        count: matching.length,
        clients: formatList(
          matching.map((c) => c.name),
          lang,
        ),
      };
      const text = kb.message(matching.length === 0 ? 'clients_only_on_none' : 'clients_only_on', lang, vars);
      return {
        answer: answer('support-table', lang, f.shape === 'yesno' ? withVerdict(kb, lang, matching.length > 0, text) : text, {
          sources: source,
        }),
        last: base({ list: { kind: 'client', ids: matching.map((c) => c.id) } }),
      };
    }

    // Supported on one server but not on the other ("… on LS2010 but not on LS2013", "not supported on LS2013
    // but on LS2010"), listed, counted or asked whether any.
    const notOn = f.notOn ?? (f.butNot && servers.length === 2 ? servers[1] : undefined);
    if (notOn && servers.length === 2 && clients.length === 0) {
      const a = servers.find((sv) => sv !== notOn) as string;
      // (Not on B is its status there as named — "not supported", else "partly supported", "not applicable" —
      // as counts of one server read it.)
      const status: StatusId = f.status ?? 'not_supported';
      const matching = kb.clients.filter((c) => this.statusOf(c.id, a) === 'supported' && this.statusOf(c.id, notOn) === status);
      const vars = {
        a: this.names([a], lang),
        b: this.names([notOn], lang),
        count: matching.length,
        clients: formatList(
          matching.map((c) => c.name),
          lang,
        ),
      };
      const key =
        matching.length === 0 ? 'clients_difference_none' : f.shape === 'count' ? 'clients_difference_count' : 'clients_difference';
      const text = kb.message(key, lang, vars);
      return {
        answer: answer('support-table', lang, f.shape === 'yesno' ? withVerdict(kb, lang, matching.length > 0, text) : text, {
          sources: source,
        }),
        last: base({ list: { kind: 'client', ids: matching.map((c) => c.id) } }),
      };
    }

    // How many.
    if (f.shape === 'count') {
      // A count of clients, named after it, and listed for "which of those…" next.
      const counted = (kind: AnswerKind, key: MessageKey, pool: readonly Client[], vars: Record<string, string> = {}): Reasoned => ({
        answer: answer(
          kind,
          lang,
          kb.message(key, lang, {
            count: pool.length,
            clients: formatList(
              pool.map((c) => c.name),
              lang,
            ),
            ...vars,
          }),
          { sources: source },
        ),
        last: base({ list: { kind: 'client', ids: pool.map((c) => c.id) } }),
      });
      if (servers.length === 1) {
        // ("How many of those must be replaced?": those not supported there.)
        const replaced = this.lexicon.shapes.replace.has(f.tokens, [lang]);
        const status: StatusId = f.status ?? (f.negated || replaced ? 'not_supported' : 'supported');
        const server = kb.server(servers[0] as string);
        // Among the clients of a name, or those just listed ("how many of those…").
        // (Or among those the question names: "we run OC 2007, Live Meeting 2007 and the OCS attendant: how many are
        // not supported on LS2013?".)
        const pool = f.family || (f.listRef && clients.length > 0) || clients.length >= 2 ? clients : kb.clients;
        const matching = pool.filter((c) => this.statusOf(c.id, server?.id ?? '') === status);
        // "How many is that?": the list itself, when the question names no status.
        // ("Support" naming the matrix — "the LS2013 client support matrix" — names no status.)
        const matrixAt = new Set(f.tokens.flatMap((t, i) => (this.lexicon.statusNouns.has(t) ? [i] : [])));
        const statusWords = this.lexicon.shapes.supported.find(f.tokens, [lang]).filter((sp) => !matrixAt.has(sp.end));
        const statusNamed = f.status || f.negated || replaced || statusWords.length > 0;
        if (f.listRef && clients.length > 0 && !statusNamed) return counted('support-table', 'count_listed', clients);
        // "How many clients are listed in the LS2013 support matrix?": every row, with each one's status there.
        if (!statusNamed && matrixAt.size > 0 && f.asksAbout === 'clients' && !f.family && clients.length === 0 && server) {
          const reply = counted('support-table', 'count_clients', kb.clients);
          // (In the order the knowledge lists the statuses.)
          const byStatus = (Object.keys(kb.support.statuses) as StatusId[]).flatMap((st) => {
            const of = kb.clients.filter((c) => this.statusOf(c.id, server.id) === st);
            return of.length === 0
              ? []
              : [
                  kb.message('count_status_line', lang, {
                    status: kb.status(st).label[lang],
                    server: server.name,
                    count: of.length,
                    clients: formatList(
                      of.map((c) => c.name),
                      lang,
                    ),
                  }),
                ];
          });
          return { ...reply, answer: { ...reply.answer, details: byStatus } };
        }
        // "… counting the ones that only do IM and presence?", "if we count OC 2007 R2 too": the supported ones and
        // those of the status named after "counting" (or of the clients named there).
        const including = this.lexicon.shapes.including.find(f.tokens, [lang])[0];
        if (including && server && !f.negated && !replaced) {
          // (The status named, else the one client named: "if we count OC 2007 R2 too".)
          const extra = new Set<StatusId>(
            f.status
              ? [f.status].filter((st) => st !== 'supported')
              : clients.length === 1
                ? clients.map((c) => this.statusOf(c.id, server.id)).filter((st) => st !== 'supported')
                : [],
          );
          if (extra.size > 0) {
            const all = kb.clients.filter(
              (c) => this.statusOf(c.id, server.id) === 'supported' || extra.has(this.statusOf(c.id, server.id)),
            );
            const added = all.filter((c) => this.statusOf(c.id, server.id) !== 'supported');
            return counted('support-table', 'count_clients_including', all, {
              server: server.name,
              supported: String(all.length - added.length),
              added: String(added.length),
              status: formatList(
                [...extra].map((st) => this.statusLabel(st, lang)),
                lang,
              ),
            });
          }
        }
        // (None: said as none, with those that work there in part.)
        if (matching.length === 0 && server) {
          const partly = status === 'supported' ? partlyOn(pool, [server.id]) : '';
          return {
            answer: answer(
              'support-table',
              lang,
              kb.message('count_clients_status_none', lang, { status: this.statusLabel(status, lang), server: server.name }),
              { details: partly ? [partly] : [], sources: source },
            ),
            last: base({ list: { kind: 'client', ids: [] } }),
          };
        }
        return counted('support-table', 'count_clients_status', matching, {
          status: this.statusLabel(status, lang),
          server: server?.name ?? '',
        });
      }
      // "Combien de clients sont compatibles avec les trois serveurs ?": those supported on every one.
      // ("Combien de clients marchent sur LS2010 et LS2013 ?" too: two servers named together, not as a choice.)
      // (Not one client's verdict there, a count only by the question before: "is Lync 2010 supported on both?".)
      if (servers.length >= 2 && (f.both || f.allServers || (clients.length !== 1 && !this.lexicon.shapes.or.has(f.tokens, [lang])))) {
        const pool = f.family ? clients : kb.clients;
        const matching = pool.filter((c) => supportedOn(c, servers));
        const partly = partlyOn(pool, servers);
        return {
          answer: answer(
            'support-table',
            lang,
            kb.message(matching.length > 0 ? 'count_clients_on_all' : 'count_clients_on_all_none', lang, {
              count: matching.length,
              servers: this.names(servers, lang),
              clients: formatList(
                matching.map((c) => c.name),
                lang,
              ),
            }),
            { details: partly ? [partly] : [], sources: source },
          ),
          last: base({ list: { kind: 'client', ids: matching.map((c) => c.id) } }),
        };
      }
      if (f.asksAbout === 'servers') {
        return {
          answer: answer(
            'topic',
            lang,
            kb.message('count_servers', lang, {
              count: kb.servers.length,
              servers: formatList(
                kb.servers.map((s) => s.name),
                lang,
              ),
            }),
            { sources: source },
          ),
          last: base({}),
        };
      }
      if (f.asksAbout === 'clients') return counted('topic', 'count_clients', f.family ? clients : kb.clients);
    }

    // On both / on all three: clients supported everywhere named, or one client's verdict across them.
    // ("Which of those also work on Lync Server 2013?": among the clients just listed, there.)
    const amongListed = f.listRef !== undefined && clients.length > 1 && f.shape === 'list' && servers.length >= 1;
    // ("Is there a client that works on LS2013 and OCS 2007 R2?": whether any, of clients as such, on both.)
    const anyOnAll = f.shape === 'yesno' && f.asksAbout === 'clients' && clients.length === 0 && !f.notOn && !f.butNot;
    if (((f.both || f.allServers || (servers.length >= 2 && (f.shape !== 'yesno' || anyOnAll))) && servers.length >= 2) || amongListed) {
      const on = this.names(servers, lang);
      if (clients.length === 1 && !f.family) {
        const c = clients[0] as Client;
        const statuses = servers.map((s) => this.statusOf(c.id, s));
        const detail = servers
          .map((s, i) => `${this.statusLabel(statuses[i] as StatusId, lang)} ${lang === 'fr' ? 'sur' : 'on'} ${this.names([s], lang)}`)
          .join(', ');
        const key = statuses.every((s) => s === 'supported')
          ? 'client_on_all_yes'
          : statuses.some((s) => s === 'not_supported' || s === 'not_applicable')
            ? 'client_on_all_no'
            : 'client_on_all_partly';
        const reasons = this.reasonsFor([c.id], servers, lang);
        return {
          answer: answer('support-cell', lang, kb.message(key, lang, { client: c.name, servers: on, detail }), {
            details: reasons,
            sources: source,
          }),
          last: base({ reasons: both((l) => this.reasonsFor([c.id], servers, l)) }),
        };
      }
      const pool = clients.length > 0 ? clients : kb.clients;
      // ("Which of those are not on 2013?": among those listed, the ones not fully supported there.)
      const notOn = amongListed && f.negated;
      const matching = pool.filter((c) => supportedOn(c, servers) !== notOn);
      // "Lequel ne l'est pas ?", "which ones don't?" after the clients that work there: the others of the matrix
      // (and those of the list working there only in part, said after).
      // (The others of the clients the question before named, when it named them: "we run A, B and C: which of those work?".)
      const working = (c: Client): boolean => servers.every((sv) => this.works(c.id, sv));
      const named =
        last && last.clients.length > pool.length ? last.clients.map((id) => kb.client(id)).filter((c): c is Client => !!c) : [];
      const others =
        notOn && pool.every(working)
          ? (named.length > 0 ? named : kb.clients).filter((c) => !pool.includes(c) && !supportedOn(c, servers))
          : [];
      if (others.length > 0) {
        const partly = partlyOn(named.length > 0 ? others : pool, servers);
        // (A client the matrix does not apply to there is not said to be unsupported: said apart.)
        const na = others.filter((c) => servers.every((sv) => this.statusOf(c.id, sv) === 'not_applicable'));
        const unsupported = others.filter((c) => !na.includes(c));
        const naLine =
          na.length > 0
            ? kb.message('clients_na_there', lang, {
                count: na.length,
                servers: on,
                clients: formatList(
                  na.map((c) => c.name),
                  lang,
                ),
              })
            : '';
        return {
          answer: answer(
            'support-table',
            lang,
            [
              unsupported.length > 0
                ? kb.message(named.length > 0 ? 'clients_among_not_on' : 'clients_others_not_on', lang, {
                    servers: on,
                    clients: formatList(
                      unsupported.map((c) => c.name),
                      lang,
                    ),
                  })
                : '',
              naLine,
              partly,
            ]
              .filter((x) => x !== '')
              .join(' '),
            { sources: source },
          ),
          last: base({ clients: others.map((c) => c.id), list: { kind: 'client', ids: others.map((c) => c.id) } }),
        };
      }
      const names = formatList(
        matching.map((c) => c.name),
        lang,
      );
      // "No." opens the answer to a yes/no question only; "which …" gets the fact.
      const key = amongListed
        ? matching.length === 0
          ? notOn
            ? 'clients_among_not_on_none'
            : 'clients_among_on_none'
          : notOn
            ? 'clients_among_not_on'
            : 'clients_among_on'
        : matching.length === 0
          ? f.shape === 'yesno'
            ? 'clients_on_all_no'
            : 'clients_on_all_none'
          : f.shape === 'yesno'
            ? 'clients_on_all_yes'
            : 'clients_on_all';
      const partly = partlyOn(pool, servers);
      // None fully, one partly: said right after ("… only for IM and presence on …").
      const headline = kb.message(key, lang, { servers: on, clients: names }) + (matching.length === 0 && partly ? ` ${partly}` : '');
      // "Why?" next: the footnotes of the cells behind the answer (those listed, and those working partly).
      const behind = pool.filter((c) => servers.every((s) => this.works(c.id, s))).map((c) => c.id);
      return {
        answer: answer('support-table', lang, headline, { details: matching.length > 0 && partly ? [partly] : [], sources: source }),
        last: base({
          list: { kind: 'client', ids: matching.map((c) => c.id) },
          reasons: this.reasonsOf(behind, servers),
          ...(amongListed ? { among: true } : {}),
        }),
      };
    }

    // "Which Lync 2010 clients are there?", "list the Lync 2010 clients": the family itself, on no server.
    // (Only when it asks nothing else of them: "the default well-known user Lync 2010 Group Chat clients
    // connect with" is about that user.)
    const onlyThem = f.contentWords.every((w) => this.lexicon.isFunctionWord(w) || this.lexicon.shapes.list.has([w], [lang]));
    if (f.family && servers.length === 0 && f.shape === 'list' && !f.move && clients.length > 0 && onlyThem) {
      return {
        answer: answer(
          'topic',
          lang,
          kb.message('family_members', lang, {
            family: f.family,
            clients: this.names(
              clients.map((c) => c.id),
              lang,
            ),
          }),
          {
            sources: source,
          },
        ),
        last: base({ list: { kind: 'client', ids: clients.map((c) => c.id) } }),
      };
    }

    // Which clients have a status on one server ("which clients are not supported on LS 2013").
    if (
      servers.length === 1 &&
      (f.shape === 'list' || f.family) &&
      (clients.length === 0 || f.family) &&
      (f.negated || f.family || f.status)
    ) {
      const server = kb.server(servers[0] as string);
      const status: StatusId = f.status ?? (f.negated ? 'not_supported' : 'supported');
      const pool = f.family ? clients : kb.clients;
      const matching =
        f.negated && !f.status
          ? pool.filter((c) => this.statusOf(c.id, server?.id ?? '') !== 'supported')
          : pool.filter((c) => this.statusOf(c.id, server?.id ?? '') === status);
      const rows = pool.map((c) => ({ label: c.name, value: kb.status(this.statusOf(c.id, server?.id ?? '')).label[lang] }));
      // ("Not supported" asked without a status: those not fully supported, each under its own status — Office
      // Communicator 2007 R2 is interoperable there, Lync 2010 Group Chat does not apply — never all as "not supported".)
      // (In the matrix's order of statuses.)
      const present = new Set(matching.map((c) => this.statusOf(c.id, server?.id ?? '')));
      const statuses = (Object.keys(kb.support.statuses) as StatusId[]).filter((st) => present.has(st));
      const grouped =
        f.negated && !f.status && statuses.length > 1
          ? kb.message('clients_not_fully', lang, {
              server: server?.name ?? '',
              groups: statuses
                .map(
                  (st) =>
                    `${this.statusLabel(st, lang)}${punctuation(':', lang)}${formatList(
                      matching.filter((c) => this.statusOf(c.id, server?.id ?? '') === st).map((c) => c.name),
                      lang,
                    )}`,
                )
                .join(punctuation(';', lang)),
            })
          : undefined;
      const headline =
        grouped ??
        (matching.length === 0
          ? kb.message('clients_with_status_none', lang, { status: this.statusLabel(status, lang), server: server?.name ?? '' })
          : kb.message('clients_with_status', lang, {
              status: kb.status(status).label[lang],
              server: server?.name ?? '',
              clients: formatList(
                matching.map((c) => c.name),
                lang,
              ),
            }));
      // ("The first one" next is the first said.)
      const said = grouped ? statuses.flatMap((st) => matching.filter((c) => this.statusOf(c.id, server?.id ?? '') === st)) : matching;
      return {
        answer: answer('support-table', lang, headline, { facts: rows, sources: source }),
        last: base({ list: { kind: 'client', ids: said.map((c) => c.id) } }),
      };
    }

    // One client on one server (in its role), asked yes/no or after a list reference.
    if (clients.length >= 1 && servers.length === 1 && !f.family && (f.shape === 'yesno' || f.shape === 'other')) {
      const server = servers[0] as string;
      const aspects = f.features.filter((x) => !(x in kb.publicIm.capabilities) || x === 'im' || x === 'presence');
      // "Do they lose presence?", "any problem with …?": asked the other way round.
      const troubled = f.trouble || this.lexicon.shapes.breaks.has(f.tokens, [lang]);
      const lines = clients.map((c) => {
        const status = this.statusOf(c.id, server);
        const covers = this.kb.status(status).covers;
        // "Is OC 2007 R2 fine for meetings?" under "IM and presence only": the features decide.
        if (covers && aspects.length > 0) {
          const vars = {
            client: c.name,
            server: this.names([server], lang),
            features: formatList(
              aspects.map((x) => this.aspectName(x, lang)),
              lang,
            ),
          };
          const works = aspects.every((x) => covers.includes(x));
          // "IM, presence and meetings?" under "IM and presence only": partly — what works, then what does not.
          const kept = aspects.filter((x) => covers.includes(x));
          if (kept.length > 0 && !works) {
            const names = (xs: string[]): string =>
              formatList(
                xs.map((x) => this.aspectName(x, lang)),
                lang,
              );
            return kb.message('cell_aspect_partly', lang, {
              ...vars,
              kept: names(kept),
              lost: names(aspects.filter((x) => !covers.includes(x))),
            });
          }
          return kb.message(
            troubled ? (works ? 'cell_aspect_kept' : 'cell_aspect_lost') : works ? 'cell_aspect_yes' : 'cell_aspect_no',
            lang,
            vars,
          );
        }
        return this.kb
          .status(status)
          .headline[lang].replace('{client}', c.name)
          .replace('{server}', this.names([server], lang));
      });
      const first = this.statusOf((clients[0] as Client).id, server);
      const reasons = this.reasonsFor(
        clients.map((c) => c.id),
        [server],
        lang,
      );
      // "Are X and Y both fine on S?": one verdict for the question — Partly when they differ — then each.
      const opener = (line: string): string => line.slice(0, line.indexOf('. ') + 1);
      const mixed = f.shape === 'yesno' && lines.length > 1 && new Set(lines.map(opener)).size > 1;
      // "Is every Lync 2010 client supported?" when one is not: No, not all — then each.
      const every = f.every === true;
      // "Is Lync 2013 OK on LS2010? And is LWA 2013?": two questions, each answered in turn, each with its verdict.
      const apart =
        mixed &&
        askedApart(
          f,
          clients.map((c) => c.id),
        );
      let headline = apart
        ? lines.join(' ')
        : mixed
          ? kb.message(every ? 'clients_not_all' : 'clients_mixed', lang, {
              lines: lines.map((l) => l.slice(opener(l).length).trim().replace(/\.$/, '')).join(punctuation(';', lang)),
            })
          : (lines[0] as string);
      // "Any problem running Lync 2013 against Lync Server 2010?": supported is "No problem", not "Yes".
      if (troubled && !mixed && f.shape === 'yesno' && (first === 'supported' || first === 'not_supported')) {
        headline = kb.message(first === 'supported' ? 'trouble_none' : 'trouble_yes', lang, {
          line: headline.slice(opener(headline).length).trim(),
        });
      }
      // "No" for a client that has a replacement, or one of its kind, working there: say which ("use Lync Web
      // App 2013 instead", as "what should we use instead?" would answer).
      const only = clients.length === 1 ? (clients[0] as Client) : undefined;
      const replacements =
        only && first === 'not_supported' && !mixed
          ? [...new Set([...only.replacedBy.map((r) => r.client), ...this.kinOf(only.id)])].filter(
              (id) => this.statusOf(id, server) === 'supported',
            )
          : [];
      const instead =
        only && replacements.length > 0
          ? [
              kb.message('instead_on_server', lang, {
                server: this.names([server], lang),
                others: formatList(
                  replacements.map((id) => kb.client(id)?.name ?? id),
                  lang,
                ),
                client: only.name,
              }),
            ]
          : [];
      return {
        answer: answer('support-cell', lang, headline, {
          tone: mixed ? 'warning' : kb.status(first).tone,
          // (Two questions, two verdicts: no one badge for both.)
          ...(apart ? {} : { badge: mixed ? kb.message(every ? 'verdict_no' : 'verdict_partly', lang) : kb.status(first).label[lang] }),
          details: mixed ? [] : [...lines.slice(1), ...instead],
          notes: reasons.map((text) => ({ text })),
          sources: source,
        }),
        last: base({
          reasons: both((l) =>
            this.reasonsFor(
              clients.map((c) => c.id),
              [server],
              l,
            ),
          ),
          // ("Lesquels non ?" after a verdict on several clients: among them.)
          ...(clients.length > 1 ? { list: { kind: 'client' as const, ids: clients.map((c) => c.id) } } : {}),
        }),
      };
    }
    return undefined;
  }

  /**
   * A generic name ("Communicator", "the attendant"): from the conversation when it names one of the
   * clients meant; answered for all of them when they share the answer; otherwise asked, offering only them.
   */
  private generic(f: Frame, servers: readonly string[], last?: LastFrame): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    const candidates = f.generic?.candidates ?? [];
    // "Which of those is an attendant console?": the list just shown, filtered.
    if (f.listRef && last?.list?.kind === 'client') {
      const inList = last.list.ids.filter((c) => candidates.includes(c));
      const names = formatList(
        inList.map((c) => kb.client(c)?.name ?? c),
        lang,
      );
      return {
        answer: answer('topic', lang, inList.length > 0 ? names : kb.message('why_none', lang), {
          sources: [sourceOf(kb, this.matrixSource, lang)],
        }),
        last: { ...last, clients: inList, list: { kind: 'client', ids: inList } },
      };
    }
    // "How many attendant consoles are in the matrix?", "combien d'intendants marchent sur LS2013 ?": those of
    // that kind (on every server named, those supported there), counted, each with its statuses.
    // (So does a list of them asked in the plural, of no server: "list the web apps", "which attendants are there?".)
    const plural = /s$/.test(f.generic?.name ?? '') || f.asksAbout === 'clients';
    // ("How many attendant consoles are listed, and how many of them work on LS2013?": "of them" is of those it names
    // itself, with no list before.)
    const ownRef = f.listRef === 'those' && !last?.list;
    if ((f.shape === 'count' || (f.shape === 'list' && servers.length === 0 && plural)) && (!f.listRef || ownRef)) {
      const counted =
        servers.length > 0 ? candidates.filter((c) => servers.every((sv) => this.statusOf(c, sv) === 'supported')) : candidates;
      const names = formatList(
        counted.map((c) => kb.client(c)?.name ?? c),
        lang,
      );
      const detail = candidates.map(
        (c) =>
          `${kb.client(c)?.name ?? c}: ${kb.servers.map((sv) => `${this.statusLabel(this.statusOf(c, sv.id), lang)} (${sv.name})`).join(', ')}`,
      );
      const headline =
        servers.length > 0
          ? kb.message('count_clients_status', lang, {
              count: counted.length,
              status: this.statusLabel('supported', lang),
              server: this.names(servers, lang),
              clients: names,
            })
          : kb.message('count_generic', lang, { count: counted.length, clients: names });
      // ("How many are listed, and how many of them work on LS2013?": both counts, the whole first.)
      const askedTwice = servers.length > 0 && this.lexicon.shapes.count.find(f.tokens, [lang]).length >= 2;
      const all = kb.message('count_generic', lang, {
        count: candidates.length,
        clients: formatList(
          candidates.map((c) => kb.client(c)?.name ?? c),
          lang,
        ),
      });
      return {
        answer: answer('support-table', lang, askedTwice ? `${all} ${headline}` : headline, {
          details: detail,
          sources: [sourceOf(kb, this.matrixSource, lang)],
        }),
        last: { ...emptyLast('support', f), servers: [...servers], clients: counted, list: { kind: 'client', ids: counted } },
      };
    }
    // (Asked of one server.)
    if (servers.length === 1) {
      const server = servers[0] as string;
      const statuses = new Set(candidates.map((c) => this.statusOf(c, server)));
      // "Which attendant is supported on LS2013?", "so which attendant do we run on 2013": those of that kind
      // that work there — a list, not a question back.
      // ("Which of those is an attendant console?" asks of a list, not of a server.)
      if (f.shape === 'list' && statuses.size > 1 && !f.listRef) {
        const working = candidates.filter((c) => this.statusOf(c, server) === 'supported');
        if (working.length > 0) {
          const names = working.map((c) => kb.client(c)?.name ?? c);
          return {
            answer: answer(
              'support-table',
              lang,
              kb.message('generic_which_on', lang, {
                server: this.names([server], lang),
                clients: formatList(names, lang),
                count: names.length,
              }),
              { details: this.reasonsFor(working, [server], lang), sources: [sourceOf(kb, this.matrixSource, lang)] },
            ),
            last: {
              ...emptyLast('support', f),
              clients: working,
              servers: [server],
              list: { kind: 'client', ids: working },
              reasons: both((l) => this.reasonsFor(working, [server], l)),
            },
          };
        }
      }
    }
    const fromContext = (last?.clients ?? []).filter((c) => candidates.includes(c));
    if (fromContext.length === 1) return this.support({ ...f, generic: undefined, clients: fromContext } as Frame, last);
    // "Is there a web app version that runs on both …?": any of them, on every server named.
    if (servers.length >= 2) {
      const matching = candidates.filter((c) => servers.every((sv) => this.statusOf(c, sv) === 'supported'));
      const detail = candidates.map(
        (c) =>
          `${kb.client(c)?.name ?? c}: ${servers.map((sv) => `${this.statusLabel(this.statusOf(c, sv), lang)} (${this.names([sv], lang)})`).join(', ')}`,
      );
      const vars = {
        servers: this.names(servers, lang),
        clients: formatList(
          matching.map((c) => kb.client(c)?.name ?? c),
          lang,
        ),
        candidates: formatList(
          candidates.map((c) => kb.client(c)?.name ?? c),
          lang,
        ),
      };
      return {
        answer: answer('support-table', lang, kb.message(matching.length > 0 ? 'clients_on_all_yes' : 'generic_on_all_none', lang, vars), {
          details: detail,
          sources: [sourceOf(kb, this.matrixSource, lang)],
        }),
        last: { ...emptyLast('support', f), servers: [...servers], clients: candidates, list: { kind: 'client', ids: matching } },
      };
    }
    const server = servers[0];
    if (server && servers.length === 1) {
      const statuses = new Set(candidates.map((c) => this.statusOf(c, server)));
      if (statuses.size === 1)
        return this.support(
          { ...f, generic: undefined, clients: candidates, shape: f.shape === 'list' ? 'yesno' : f.shape } as Frame,
          last,
        );
    }
    const names = candidates.map((c) => kb.client(c)?.name ?? c);
    return {
      answer: answer(
        'prompt',
        lang,
        kb.message('ask_which', lang, { options: formatList(names, lang).replace(/ and | et /, lang === 'fr' ? ' ou ' : ' or ') }),
        { suggestions: names },
      ),
      last: { ...emptyLast('support', f), servers: [...servers], clients: [], candidates, shape: f.shape === 'other' ? 'yesno' : f.shape },
    };
  }

  // ---------------------------------------------------------------- migration planner

  private planner(f: Frame): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    const target = f.target ?? (f.servers.length === 1 && !f.source ? f.servers[0] : undefined);
    if (!target || !kb.server(target)) return undefined;
    // A move stated with both servers ("on quitte OCS 2007 R2 pour Lync Server 2013 l'an prochain") asks for its plan too.
    const stated =
      f.source !== undefined && f.target !== undefined && f.source !== f.target && f.clients.length === 0 && f.shape === 'other';
    const asksPlan =
      stated ||
      f.shape === 'replace' ||
      f.plan ||
      f.need ||
      f.keep ||
      f.how ||
      f.clients.length >= 2 ||
      f.asksAbout === 'clients' ||
      f.shape === 'list';
    if (!asksPlan) return undefined;
    const source = f.source && f.source !== target ? f.source : undefined;
    let clients = this.clientsOf(f);
    // "The attendant" in a plan from OCS 2007 R2: the one in use there.
    // (Unless one it may stand for is named: "keep the lync 2010 attendant on the switchboard".)
    for (const g of source ? f.generics : []) {
      if (g.candidates.some((c) => clients.some((x) => x.id === c))) continue;
      const inUse = g.candidates.filter((c) => this.works(c, source as string) && !clients.some((x) => x.id === c));
      clients = [...clients, ...inUse.map((c) => kb.client(c)).filter((c): c is Client => c !== undefined)];
    }
    if (clients.length === 0) {
      // "Migrating to LS2013: is there anything we must replace?": which clients depends on the server moved from.
      const aboutClients =
        f.shape === 'replace' ||
        f.asksAbout === 'clients' ||
        this.lexicon.shapes.replace.has(f.tokens, [lang]) ||
        this.lexicon.shapes.breaks.has(f.tokens, [lang]);
      if (!source && aboutClients && !f.how) {
        const others = kb.servers.filter((sv) => sv.id !== target).map((sv) => sv.name);
        return {
          answer: answer('prompt', lang, kb.message('ask_move_source', lang, { target: this.names([target], lang) }), {
            suggestions: others,
          }),
          last: { ...emptyLast('planner', f), servers: [target], target, askedSource: true, shape: f.shape === 'other' ? 'list' : f.shape },
        };
      }
      if (!source) return undefined;
      clients = kb.clients.filter((c) => this.works(c.id, source));
    }
    // (One client asked about plainly is the matrix's — "will OC 2007 work after the move?" — unless a need is asked:
    // "do its users need a new client?" asks what must change.)
    if (clients.length === 1 && f.shape === 'yesno' && !f.how && !f.plan && !f.need) return undefined;
    const rows = clients.map((c) => {
      const status = this.statusOf(c.id, target);
      // (Its successor, else the one of its kind that works there: the OCS attendant gives way to Lync 2010 Attendant.)
      const kin = this.kinOf(c.id).filter((k) => this.statusOf(k, target) === 'supported');
      const replacement = c.replacedBy[0] ? kb.client(c.replacedBy[0].client)?.name : kin.length > 0 ? this.names(kin, lang) : undefined;
      const notes = c.planNotes.map((n) => n.text[lang]);
      const base =
        status === 'supported'
          ? kb.message('planner_keep', lang)
          : status === 'interoperable'
            ? replacement
              ? kb.message('planner_partial', lang, { replacement })
              : kb.message('planner_partial_plain', lang)
            : status === 'not_applicable'
              ? kb.message('planner_na', lang)
              : replacement
                ? kb.message('planner_replace_with', lang, { replacement })
                : (() => {
                    // (No successor named: what the matrix names instead for what its name says it does.)
                    const instead = this.insteadByName(c, target, lang);
                    return instead ? kb.message('planner_replace_instead', lang, instead.vars) : kb.message('planner_replace', lang);
                  })();
      const action = [base, ...notes].join(punctuation(';', lang));
      return { client: c, status, action };
    });
    const count = (s: StatusId): number => rows.filter((r) => r.status === s).length;
    const toReplace = rows.filter((r) => r.status === 'not_supported');
    // ("Clients in use: … what has to go?" lists, and asks about, those to replace.)
    const asksReplaced = f.negated || f.shape === 'replace' || this.lexicon.shapes.replace.has(f.tokens, [lang]);
    const summary = [
      count('supported') > 0 ? kb.message('planner_keep_count', lang, { count: count('supported') }) : '',
      count('interoperable') > 0 ? kb.message('planner_partial_count', lang, { count: count('interoperable') }) : '',
      count('not_supported') > 0 ? kb.message('planner_replace_count', lang, { count: count('not_supported') }) : '',
      count('not_applicable') > 0 ? kb.message('planner_na_count', lang, { count: count('not_applicable') }) : '',
    ].filter(Boolean);
    const vars = { target: this.names([target], lang), summary: summary.join(punctuation(';', lang)) };
    const plan = source
      ? kb.message('planner_headline', lang, { ...vars, source: this.names([source], lang) })
      : kb.message('planner_headline_to', lang, vars);
    // The question's own shape first: "how many must be replaced?" a count, "do we need to replace Live Meeting
    // 2007?" a verdict; the plan follows.
    // (What is asked about: those to replace, or those that keep working — "how many keep working?".)
    // ("We have Lync 2010 … do we need to upgrade them?" asks what must change: clients in use are not what keeps working.)
    const saysWorking = this.lexicon.shapes.supported.has(f.tokens, [lang]);
    const keepAsked = !asksReplaced && !f.plan && (saysWorking || (f.keep && !f.need));
    const asked = keepAsked ? rows.filter((r) => r.status === 'supported') : toReplace;
    const askedVars = {
      count: asked.length,
      total: rows.length,
      target: this.names([target], lang),
      clients: formatList(
        asked.map((r) => r.client.name),
        lang,
      ),
    };
    let headline = plan;
    // ("Par quoi on remplace Live Meeting 2007 quand on passe en LS2013 ?": that client's line of the plan first.)
    const only = rows.length === 1 ? rows[0] : undefined;
    if (only && f.shape !== 'yesno' && f.shape !== 'count') {
      headline = `${kb.message('planner_one', lang, { client: only.client.name, action: only.action })} ${plan}`;
    } else if ((f.shape === 'list' || f.shape === 'replace' || f.shape === 'other') && asksReplaced && !keepAsked && asked.length > 0) {
      // ("What breaks?", "which must go?": those, named first; the plan follows.)
      headline = `${kb.message('planner_list_replace', lang, askedVars)} ${plan}`;
    } else if (f.shape === 'list' && keepAsked && asked.length > 0 && asked.length < rows.length) {
      // ("Which of those still work after we move?": those, named first; the plan follows.)
      headline = `${kb.message('planner_list_keep', lang, askedVars)} ${plan}`;
    } else if (f.shape === 'count') {
      headline = kb.message(keepAsked ? 'planner_count_keep' : 'planner_count_replace', lang, askedVars);
    } else if (
      f.shape === 'yesno' &&
      (f.plan || f.need || asksReplaced || keepAsked) &&
      // ("Que deviennent nos clients ?", "plan?" ask for the plan, not whether.)
      !this.lexicon.shapes.plan.has(f.tokens, [lang])
    ) {
      const partly = rows.some((r) => r.status === 'interoperable');
      const key = keepAsked
        ? asked.length === rows.length
          ? 'planner_yes_keep'
          : asked.length > 0
            ? 'planner_partly_keep'
            : partly
              ? 'planner_partly_im'
              : 'planner_no_keep'
        : asked.length > 0
          ? 'planner_yes_replace'
          : partly
            ? 'planner_partly_replace'
            : 'planner_no_replace';
      headline = `${kb.message(key, lang, askedVars)} ${plan}`;
    }
    const footnotes = new Set<number>();
    for (const r of rows) {
      const cell = kb.cell(r.client.id, target);
      if (cell.footnote !== undefined) footnotes.add(cell.footnote);
      for (const x of r.client.replacedBy) footnotes.add(x.footnote);
    }
    const reasons = [...footnotes]
      .sort()
      .map((id) => kb.footnote(id)?.text[lang] ?? '')
      .filter(Boolean);
    return {
      answer: answer('support-table', lang, headline, {
        title: kb.message('planner_title', lang),
        // One row per client in the table (cards, Markdown, Slack's monospace block): no list repeating it.
        table: {
          columns: [kb.message('client_column', lang), this.names([target], lang), kb.message('planner_action_column', lang)],
          rows: rows.map((r) => [
            { text: r.client.name },
            { text: kb.status(r.status).label[lang], tone: kb.status(r.status).tone },
            { text: r.action },
          ]),
        },
        notes: reasons.map((text) => ({ text })),
        sources: [sourceOf(kb, this.matrixSource, lang)],
      }),
      last: {
        ...emptyLast('planner', f),
        clients: rows.map((r) => r.client.id),
        servers: [target],
        target,
        plan: { clients: rows.map((r) => r.client.id), target, ...(source ? { source } : {}) },
        ...(source ? { source } : {}),
        // "Which won't work", "which must be replaced": next, "how many is that?" counts those to replace.
        list: {
          kind: 'client',
          ids: ((asksReplaced || f.shape === 'count') && asked.length > 0 ? asked : rows).map((r) => r.client.id),
        },
        reasons: both((l) =>
          [...footnotes]
            .sort()
            .map((id) => kb.footnote(id)?.text[l] ?? '')
            .filter(Boolean),
        ),
      },
    };
  }
}

/**
 * Versions the question gives outside the products it names ("SharePoint 2010", "Exchange 2016"): a year
 * right after a name-like word — not a date ("in March 2014", "avant 2012").
 */
/** Per name the knowledge writes with years ("exchange"), the years given it. */
type VersionsOf = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Where the question itself stands among the message's tokens when sentences (or, `clause`, a part of its
 * sentence) around it set the scene (Frame.askedFrom / clauseFrom / askedTo); undefined when the whole message asks.
 */
function askedSpan(f: Frame, part: 'sentence' | 'clause'): { from: number; to: number } | undefined {
  const from = part === 'clause' ? f.clauseFrom : f.askedFrom;
  return from > 0 || f.askedTo < f.tokens.length ? { from, to: f.askedTo } : undefined;
}

/** Whether the products were each asked of in a question sentence of its own ("Is X OK on S? And Y?"). */
function askedApart(f: Frame, ids: readonly string[]): boolean {
  const at = ids.map((id) => f.askedIn[id]);
  return at.every((i) => i !== undefined) && new Set(at).size === ids.length;
}

/** Whether a product's mention is within that span. */
function within(m: { start: number; end: number }, span: { from: number; to: number } | undefined): boolean {
  return span !== undefined && m.start >= span.from && m.end <= span.to;
}

function yearsOutsideNames(u: Understanding, f: Frame, lex: Lexicon): string[] {
  return f.tokens.filter((t, i) => {
    const prev = f.tokens[i - 1];
    return (
      /^(19|20)\d\d$/.test(t) &&
      !u.mentions.some((m) => i >= m.start && i < m.end) &&
      prev !== undefined &&
      !lex.isFunctionWord(prev) &&
      !lex.months.has(prev) &&
      !/^\d+$/.test(prev)
    );
  });
}

/**
 * The product as the user wrote it, for the decline sentence: the qualifier with the known name just
 * before it ("Lync 2013 for Mac", "Skype for Business"), in the user's own spelling when it can be found.
 */
function asWritten(u: Understanding, qualifier: string, joiners: ReadonlySet<string>): string {
  const words = qualifier.split(' ');
  const at = u.tokens.findIndex((_, i) => words.every((w, k) => u.tokens[i + k] === w));
  // "Lync 2013 for Mac", "Lync 2010 Phone Edition": the known name with its qualifier; "… support Exchange 2016": the product alone.
  const before = at > 0 ? u.mentions.find((m) => m.end === at || (m.end === at - 1 && joiners.has(u.tokens[at - 1] ?? ''))) : undefined;
  const tokens = before ? u.tokens.slice(before.start, at + words.length) : words;
  const pattern = new RegExp(tokens.map((t) => t.replace(/[^a-z0-9]/g, '.')).join('[^a-z0-9]*'), 'i');
  // Matched without accents, returned as typed ("partage d'écran").
  const at0: number[] = [];
  let plain = '';
  for (const [i, ch] of [...u.text].entries()) {
    const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    for (let k = 0; k < bare.length; k++) at0.push(i);
    plain += bare;
  }
  const found = plain.match(pattern);
  if (!found || found.index === undefined) return tokens.join(' ');
  const chars = [...u.text];
  return chars.slice(at0[found.index], (at0[found.index + found[0].length - 1] ?? chars.length - 1) + 1).join('');
}
