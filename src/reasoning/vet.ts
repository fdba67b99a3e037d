import { answer, type Answer, type AnswerKind } from '../answers/answer';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { tokenize } from '../nlu/normalize';
import type { Frame } from './frame';

/** Answers that state something about the question's subject (not help, reminders or declines). */
const VETTED: ReadonlySet<AnswerKind> = new Set(['support-cell', 'support-table', 'providers', 'provider', 'topic', 'prompt']);

/** Question shapes a verdict does not answer. */
const ASKS_NO_VERDICT: ReadonlySet<Frame['shape']> = new Set(['when', 'ago', 'count', 'why']);

/** A word and its plural or conjugated forms ("rooms" → "room", "editions" → "edition"). */
export function stemish(word: string): string {
  // (A doubled last consonant is one: "décommissionne" is "decommission", "matérielle" is "materiel"; not in a
  // short word: "add" is no "AD".)
  const stem = word.replace(/(ing|ed|es|s|e|ent|ez|er)$/, '');
  return stem.length > 4 ? stem.replace(/([bcdfglmnprt])\1$/, '$1') : stem;
}

/** A phrase an answer may give, as words; `prefix`, its last word ends in * ("new cs*"). */
interface Evidence {
  words: string[];
  prefix: boolean;
}

/**
 * The last check before an answer is sent: does it give what the question asks for? A question asking
 * for a port, a price, a cmdlet (language.yaml's `attributes`), or "how many X", answered by a text that
 * has no port, price, cmdlet or X in it, was answered nearby, not as asked: it gets an honest "the
 * documentation does not give …" instead, followed by what the documentation does say.
 */
export class AnswerCheck {
  private readonly gives = new Map<string, Record<Lang, Evidence[]>>();
  /** A first sentence that opens with a verdict: the statuses' verdicts and the bot's own, in both languages. */
  readonly verdict: RegExp;

  /**
   * The server the documentation is about (the matrix's first), and its name without a version: "Lync Server
   * instant messaging supports multiparty sessions" says it of Lync Server 2013.
   */
  private readonly documented: { id: string; unversioned: RegExp | undefined } | undefined;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly namedIn: (id: string, text: string) => boolean,
  ) {
    const first = kb.servers[0];
    const unversioned = first?.name.replace(/\s*\d{4}.*$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.documented = first && {
      id: first.id,
      unversioned: unversioned ? new RegExp(`\\b${unversioned}\\b(?!\\s*(\\d|R2))`, 'i') : undefined,
    };
    const words = [
      ...Object.values(kb.support.statuses).flatMap((st) => [st.verdict.en, st.verdict.fr]),
      ...(['verdict_yes', 'verdict_no', 'verdict_partly'] as const).flatMap((k) => [kb.message(k, 'en'), kb.message(k, 'fr')]),
    ].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // Longest first, so that "Non applicable" is read whole.
    this.verdict = new RegExp(`^(${[...new Set(words)].sort((a, b) => b.length - a.length).join('|')})\\b`, 'i');
    for (const [id, a] of Object.entries(kb.language.attributes)) {
      const read = (phrases: readonly string[]): Evidence[] => phrases.map((p) => ({ words: tokenize(p), prefix: p.trim().endsWith('*') }));
      this.gives.set(id, { en: read(a.gives.en), fr: read(a.gives.fr) });
    }
  }

  vet(f: Frame, given: Answer): Answer {
    if (!VETTED.has(given.kind)) return given;
    // A topic's verdict ("Yes, …") about products other than the ones asked about ("does OCS 2007 R2
    // support Persistent Chat?" → "Yes, Lync 2010 Group Chat clients can still connect…") is not an answer
    // to the question: said as what the documentation says, never as a verdict on them.
    // (Products named by the question itself: not one a generic word stands for — "un troisième participant".)
    const fromGenerics = new Set(f.generics.flatMap((g) => g.candidates));
    // (Nor a topic's sentence without a verdict, to a yes/no question about them.)
    const unnamed =
      given.kind === 'topic' && (this.verdict.test(given.headline) || f.shape === 'yesno')
        ? [...f.servers, ...f.clients.filter((c) => !fromGenerics.has(c))].filter(
            (id) =>
              !this.names(given, id) &&
              // (Naming no server, "Lync 2013" may be the product as a whole: "intégration OWA et Lync 2013" is said of
              // Lync Server 2013 too.)
              !(
                f.servers.length === 0 &&
                this.kb.client(id)?.asServer !== undefined &&
                this.names(given, this.kb.client(id)?.asServer as string)
              ),
          )
        : [];
    if (unnamed.length > 0) {
      const lang = given.lang;
      const products = unnamed.map((id) => this.kb.server(id)?.name ?? this.kb.client(id)?.name ?? id);
      return answer(
        'cannot-answer',
        lang,
        this.kb.message('decline_not_about', lang, { products: products.join(lang === 'fr' ? ' ni ' : ' or ') }),
        {
          reason: 'out-of-scope',
          details: [this.saying(given)],
          sources: given.sources,
          suggestions: given.suggestions,
        },
      );
    }
    const missing = f.asks.filter((id) => !this.gave(id, given));
    // (A kind of client counted is answered by the names of its clients: "how many attendant consoles …?".)
    const countedMissing =
      f.shape === 'count' &&
      f.counted !== undefined &&
      f.asksAbout === undefined &&
      f.generic === undefined &&
      !this.mentions(given, f.counted);
    if (missing.length === 0 && !countedMissing) return this.withoutForeignVerdict(f, given);
    return this.notGiven(given, missing);
  }

  /**
   * "The documentation does not give {what}", then what the answer found does say: for the things asked
   * (attribute ids) it does not give; with none, for a figure it does not give.
   */
  notGiven(given: Answer, missing: readonly string[]): Answer {
    const { kb } = this;
    const lang = given.lang;
    const headline =
      missing.length > 0
        ? kb.message('decline_attribute', lang, {
            what: missing.map((id) => kb.language.attributes[id]?.name[lang] ?? id).join(lang === 'fr' ? ' ni ' : ' or '),
          })
        : kb.message('decline_figure', lang);
    // What the documentation does say, when the answer said something (a question back says nothing).
    const says = given.kind === 'prompt' ? [] : [this.saying(given)];
    return answer('cannot-answer', lang, headline, {
      reason: 'out-of-scope',
      details: says,
      sources: given.kind === 'prompt' ? [] : given.sources,
      suggestions: given.suggestions,
    });
  }

  /**
   * A topic's first sentence that opens with a verdict ("No: Lync 2013 clients are not compatible…")
   * answers a yes/no question; to a question of another shape ("when can we decommission…", "which…",
   * "why…") that verdict answers nothing asked, and reads as if it did: the sentence is given without it.
   */
  private withoutForeignVerdict(f: Frame, given: Answer): Answer {
    // ("How does the IMMCU work?" asks how, whatever its words: no verdict either.)
    if (given.kind !== 'topic' || !(ASKS_NO_VERDICT.has(f.shape) || (f.how && f.shape !== 'yesno'))) return given;
    const rest = this.withoutVerdict(given.headline);
    return rest === given.headline ? given : { ...given, headline: rest };
  }

  /** A sentence without the verdict it opens with ("No: Lync 2013…" → "Lync 2013…"); as it is when it has none or only that. */
  private withoutVerdict(sentence: string): string {
    const match = this.verdict.exec(sentence);
    const rest = match ? sentence.slice(match[0].length).replace(/^[\s.,:;!—–-]+/, '') : '';
    return rest === '' ? sentence : `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
  }

  /**
   * "What it does say: …" with the answer's first sentence, its verdict left out: a "Yes." that answered
   * another question would read as the answer to this one.
   */
  private saying(given: Answer): string {
    return `${this.kb.message('decline_says', given.lang)} ${this.withoutVerdict(given.headline)}`;
  }

  /**
   * A topic's answer that does not name a server role the question names ("which ports for the edge
   * external interface?" answered with the Front End's port 5061) says nothing of it: an honest "the
   * documentation does not say it of …", then what it does say. `roles`: each role the question names,
   * as written there, and the ways of writing it (folded words).
   */
  rolesUnsaid(given: Answer, roles: readonly { written: string; phrases: readonly string[] }[]): Answer {
    if (!['topic', 'support-cell', 'support-table'].includes(given.kind) || roles.length === 0) return given;
    const words = ` ${this.textOf(given).join(' ')} `;
    const unsaid = roles.filter((r) => !r.phrases.some((p) => words.includes(` ${p} `)));
    if (unsaid.length === 0) return given;
    const lang = given.lang;
    return answer(
      'cannot-answer',
      lang,
      this.kb.message('decline_not_about', lang, { products: unsaid.map((r) => r.written).join(lang === 'fr' ? ' ni ' : ' or ') }),
      { reason: 'out-of-scope', details: [this.saying(given)], sources: given.sources, suggestions: given.suggestions },
    );
  }

  private textOf(a: Answer): string[] {
    return tokenize(this.rawText(a));
  }

  /** Everything an answer says, as one text. */
  private rawText(a: Answer): string {
    const parts = [
      a.headline,
      ...a.details,
      ...a.facts.flatMap((x) => [x.label, x.value]),
      ...a.steps,
      ...a.code.flatMap((c) => [c.caption, c.text]),
      ...a.notes.map((n) => n.text),
      ...(a.table ? [...a.table.columns, ...a.table.rows.flat().map((c) => c.text)] : []),
    ];
    return parts.join(' \n ');
  }

  /** Whether an answer gives what a question asks for (a port, a cmdlet, a SIP address: language.yaml's `attributes`). */
  gave(id: string, a: Answer): boolean {
    return this.gives_(id, a.lang, this.textOf(a));
  }

  /** The sentences of an answer (its headline, each detail, fact, step, code sample, note and table row) that give a thing asked for. */
  sentencesGiving(id: string, a: Answer): string[] {
    const sentences = [
      a.headline,
      ...a.details,
      ...a.facts.map((x) => `${x.label} ${x.value}`),
      ...a.steps,
      ...a.code.map((c) => `${c.caption} ${c.text}`),
      ...a.notes.map((n) => n.text),
      ...(a.table?.rows.map((r) => r.map((c) => c.text).join(' ')) ?? []),
    ];
    return sentences.filter((s) => this.gives_(id, a.lang, tokenize(s)));
  }

  private gives_(id: string, lang: Lang, words: readonly string[]): boolean {
    const evidence = this.gives.get(id)?.[lang] ?? [];
    return evidence.some(({ words: phrase, prefix }) => {
      for (let i = 0; i + phrase.length <= words.length; i++) {
        let k = 0;
        while (
          k < phrase.length &&
          (words[i + k] === phrase[k] || (prefix && k === phrase.length - 1 && (words[i + k] as string).startsWith(phrase[k] as string)))
        )
          k++;
        if (k === phrase.length) return true;
      }
      return false;
    });
  }

  /** Whether an answer's text names a server or client (the reasoner's `namedIn`), or the client of a server's name. */
  private names(a: Answer, id: string): boolean {
    if (!this.kb.server(id) && !this.kb.client(id)) return true;
    const text = this.rawText(a);
    // The server the documentation is about (the matrix's first) is also named by that name without a version:
    // "Lync Server instant messaging supports multiparty sessions" says it of Lync Server 2013.
    if (this.documented?.id === id && this.documented.unversioned?.test(text)) return true;
    // A server is also named by the client of the same name ("Lync 2010" read as Lync Server 2010).
    return [id, ...this.kb.clients.filter((c) => c.asServer === id).map((c) => c.id)].some((x) => this.namedIn(x, text));
  }

  private mentions(a: Answer, word: string): boolean {
    const stem = stemish(word);
    // (The words of a procedure's steps are one: "how many tasks in the cutover?" is answered in steps.)
    const steps = this.stepWords.has(word) ? this.stepWords : undefined;
    return this.textOf(a).some((w) => w === word || stemish(w) === stem || steps?.has(w) === true);
  }

  /** The words naming a procedure's steps, either language (language.yaml's `steps.words`), single words. */
  private get stepWords(): Set<string> {
    this.steps ??= new Set([...this.kb.language.steps.words.en, ...this.kb.language.steps.words.fr].filter((w) => !w.includes(' ')));
    return this.steps;
  }

  private steps: Set<string> | undefined;
}
