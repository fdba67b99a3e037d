import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Topic } from '../knowledge/schema';
import { fold, tokenize } from '../nlu/normalize';
import { type Lexicon, PhraseGroup, type Span, spanPositions } from './lexicon';
import { stemish } from './vet';

/** How much more of a "when" question one step must hold than any other. */
const STEP_MARGIN = 0.2;

/** How much the share of a step its side says counts beside how much of the side the step holds. */
const PRECISION_WEIGHT = 0.1;

/** Among steps naming a question as much, one must hold this many times more of its own words than the others. */
const SHARPER = 1.5;

/** Past this, a number beside a step word is no position (a year, a count of users). */
const MAX_POSITION = 50;

/**
 * What a question asks of the order of two steps: whether one is before or after the other, which ("before or
 * after?"), or which of two offered comes first or last ("which comes first: installing the pool or disabling
 * Group Chat?").
 */
export type OrderAsked = 'before' | 'after' | 'which' | 'first' | 'last';

/** A position a question names: 1-based, -1 the last; `ordinal` when said with an ordinal word; `at` its token. */
export interface StepPosition {
  n: number;
  ordinal: boolean;
  at: number;
  /** The token after digits that makes them an ordinal ("4 e"). */
  suffix?: number;
}

/** Two steps of one topic that a question names, by index in its steps, and what it asks of their order. */
export interface StepPair {
  topic: Topic;
  /** The step named first in the question, and the one named after the order word. */
  first: number;
  second: number;
  asked: OrderAsked;
  /** How much of each side the two steps hold (0–1 each), the lower of the two. */
  score: number;
}

/**
 * The order of a topic's steps: "faut-il supprimer l'utilisateur connu avant de créer le point de terminaison
 * hérité ?", "should we delete the well-known user before or after creating the legacy endpoint?". The
 * words on each side of "before" / "after" pick one step each (words shared by many steps count less); the
 * steps' order answers. Every topic with steps is searched, so a new procedure in the knowledge is answered
 * the same way.
 */
export class StepOrder {
  /** Per topic with steps: each step's stemmed words, in both languages, and its title's (the setting, not a step). */
  private readonly topics: {
    topic: Topic;
    steps: Set<string>[];
    raw: Set<string>[];
    weight: Map<string, number>;
    title: Set<string>;
    phases: { phase: Topic['phases'][number]; terms: PhraseGroup }[];
  }[] = [];

  constructor(
    kb: KnowledgeBase,
    private readonly lex: Lexicon,
  ) {
    const topics = kb.allTopics();
    for (const topic of topics) {
      if (topic.steps.length < 2) continue;
      const steps = topic.steps.map((st) => this.words(`${st.en} ${st.fr}`));
      // A word in every step tells nothing: log(steps / steps using it).
      const weight = new Map<string, number>();
      for (const w of new Set(steps.flatMap((st) => [...st])))
        weight.set(w, Math.log((steps.length + 1) / steps.filter((st) => st.has(w)).length));
      const raw = topic.steps.map((st) => this.words(`${st.en} ${st.fr}`, true));
      const phases = topic.phases.map((phase) => ({ phase, terms: new PhraseGroup({ en: phase.terms, fr: phase.terms }) }));
      this.topics.push({ topic, steps, raw, weight, title: this.words(`${topic.title.en} ${topic.title.fr}`), phases });
    }
  }

  /** A text's stemmed words; `all`: function words too ("migrate", "users" are the detector's). */
  private words(text: string, all = false): Set<string> {
    return this.stems(tokenize(fold(text)), all);
  }

  /** The stemmed words of tokens already read (a question's). */
  private stems(tokens: readonly string[], all = false): Set<string> {
    return new Set(tokens.filter((w) => w.length > 2 && (all || !this.lex.isFunctionWord(w)) && !/^\d+$/.test(w)).map(stemish));
  }

  /** Token positions naming a part of a procedure ("pendant la fenêtre de bascule"): the scene, no step. */
  private scene(tokens: readonly string[], named: ReadonlySet<number>): Set<number> {
    return new Set([...named, ...this.topics.flatMap(({ phases }) => phases.flatMap((p) => spanPositions(p.terms.find(tokens))))]);
  }

  /**
   * Whether a question says anything a step question needs: a step word, an ordinal, an order word, or a
   * part of a procedure.
   */
  mentionsSteps(tokens: readonly string[]): boolean {
    return (
      this.lex.steps.words.has(tokens) ||
      tokens.some((w) => this.lex.ordinalIn(w) !== undefined) ||
      this.orderMarks(tokens).length > 0 ||
      this.scene(tokens, new Set()).size > 0
    );
  }

  /** The order words of a question ("before", "après", "once"), in order. */
  orderMarks(tokens: readonly string[]): (Span & { kind: 'before' | 'after' })[] {
    return [
      ...this.lex.shapes.before.find(tokens).map((sp) => ({ ...sp, kind: 'before' as const })),
      ...this.lex.shapes.after.find(tokens).map((sp) => ({ ...sp, kind: 'after' as const })),
    ].sort((a, b) => a.start - b.start);
  }

  /**
   * The one step a "when" question names ("when do we delete the OCSChat user?", "quand décommissionner le
   * serveur Group Chat ?"): the step holding most of its words (product names and the procedure's title
   * aside), when it holds at least `least` of them and clearly more than any other step.
   */
  findOne(
    tokens: readonly string[],
    named: ReadonlySet<number>,
    least: number,
  ): { topic: Topic; index: number; score: number } | undefined {
    const skip = this.scene(tokens, named);
    const kept = tokens.filter((_, i) => !skip.has(i));
    const all = [...this.stems(kept)];
    // (The precision counts every word, the title's and the function words too: "once the data is migrated"
    // says most of "migrate the data".)
    const every = [...this.stems(kept, true)];
    // Per step: how much of the question it holds (score), and how much of the step the question says (precision).
    const scored: { topic: Topic; index: number; score: number; precision: number }[] = [];
    for (const { topic, steps, raw, weight, title } of this.topics) {
      const words = all.filter((w) => !title.has(w));
      const total = words.reduce((n, w) => n + (weight.get(w) ?? 1), 0);
      if (total === 0) continue;
      steps.forEach((st, index) => {
        const found = words.filter((w) => st.has(w)).reduce((n, w) => n + (weight.get(w) ?? 1), 0);
        const own = raw[index] ?? new Set<string>();
        scored.push({ topic, index, score: found / total, precision: every.filter((w) => own.has(w)).length / Math.max(own.size, 1) });
      });
    }
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (!best || best.score < least) return undefined;
    // Clearly the one most of the question names; or, among those naming it as much, the one it says most of
    // ("deleting the well-known user": step 5 is that, step 6 only mentions "the well-known user you just deleted").
    const close = scored.filter((x) => best.score - x.score < STEP_MARGIN);
    if (close.length === 1) return best;
    const sharpest = [...close].sort((a, b) => b.precision - a.precision);
    const [top, next] = sharpest;
    return top && next && top.score >= least && top.precision >= SHARPER * next.precision ? top : undefined;
  }

  /**
   * The position a question names beside a step word: "step 3", "la 4e étape", "the last step" (-1). `ordinal`:
   * said with an ordinal word ("the first step": where the work starts, which may not be step 1).
   */
  position(tokens: readonly string[]): StepPosition | undefined {
    for (const mark of this.lex.steps.words.find(tokens)) {
      // The nearest number or ordinal, right after the step word first ("step 3"), then before it ("4 eme etape").
      for (const at of [mark.end, mark.start - 1, mark.start - 2, mark.end + 1]) {
        const w = tokens[at];
        if (w === undefined) continue;
        const ordinal = this.lex.ordinalIn(w);
        if (ordinal !== undefined) return { n: ordinal, ordinal: true, at };
        const n = this.lex.numberIn(w);
        // (A year is no position: "the steps for 2010".) ("4e étape": an ordinal in digits.)
        const suffix = this.lex.steps.suffixes.has([tokens[at + 1] ?? '']);
        if (n !== undefined && n > 0 && n <= MAX_POSITION) return { n, ordinal: false, at, ...(suffix ? { suffix: at + 1 } : {}) };
      }
    }
    return undefined;
  }

  /** An ordinal word of the first or the last position, without a step word: "do we start the servers first?". */
  endWord(tokens: readonly string[]): StepPosition | undefined {
    const at = tokens.findIndex((w) => this.lex.ordinalIn(w) === 1 || this.lex.ordinalIn(w) === -1);
    return at < 0 ? undefined : { n: this.lex.ordinalIn(tokens[at] as string) as number, ordinal: true, at };
  }

  /**
   * The part of a procedure a question is about ("the first step of the cutover"), named in it or, when it
   * names none, in the conversation's last questions on that procedure.
   */
  phase(topic: Topic, tokens: readonly string[], thread: readonly string[] | undefined): Topic['phases'][number] | undefined {
    const entry = this.topics.find((t) => t.topic === topic);
    const phases = entry?.phases ?? [];
    const named = (ts: readonly string[]) => phases.find((p) => p.terms.has(ts))?.phase;
    // (A question naming the whole procedure by its title is about the whole: "how many steps in the Group
    // Chat migration?" after the cutover.)
    const whole = [...this.stems(tokens, true)].some((w) => entry?.title.has(w));
    return named(tokens) ?? (thread && !whole ? named(thread) : undefined);
  }

  /**
   * The words of a question that are neither the procedure's title, nor a part of it, nor function words
   * (`skip`: token positions already read, such as product names and the position): what else it asks.
   */
  otherWords(topic: Topic, tokens: readonly string[], skip: ReadonlySet<number>): string[] {
    const entry = this.topics.find((t) => t.topic === topic);
    if (!entry) return [];
    const read = this.scene(tokens, skip);
    const words = this.stems(tokens.filter((_, i) => !read.has(i)));
    return [...words].filter((w) => !entry.title.has(w));
  }

  /**
   * The procedure a question about steps is on: the classifier's topic when it has steps, else the last
   * answer's, else the one whose title the question names most.
   */
  procedure(intent: string, lastIntent: string | undefined, tokens: readonly string[]): Topic | undefined {
    const own = this.topics.find((t) => t.topic.intent === intent) ?? this.topics.find((t) => t.topic.intent === lastIntent);
    if (own) return own.topic;
    const words = this.stems(tokens);
    let best: { topic: Topic; n: number } | undefined;
    for (const { topic, title } of this.topics) {
      const n = [...words].filter((w) => title.has(w)).length;
      if (n > 0 && (!best || n > best.n)) best = { topic, n };
    }
    return best?.topic;
  }

  /**
   * A step a question places itself after or before: "what do I do once the data is migrated?", "what comes
   * before deleting the well-known user?". The words after the order word name one step; the words before
   * it name none (otherwise two steps are named: `find`).
   */
  relative(
    tokens: readonly string[],
    named: ReadonlySet<number>,
    least: number,
  ): { topic: Topic; index: number; asked: 'before' | 'after' } | undefined {
    const marks = this.orderMarks(tokens);
    const mark = marks[0];
    // (One order word, not an ordinal: "first" asks whether, `endWord`.)
    if (!mark || marks.length > 1 || this.lex.ordinalIn(tokens[mark.start] as string) !== undefined) return undefined;
    const shift = (from: number): Set<number> => new Set([...named].filter((i) => i >= from).map((i) => i - from));
    const left = tokens.slice(0, mark.start);
    if (left.length > 0 && this.findOne(left, named, least)) return undefined;
    const right = this.findOne(tokens.slice(mark.end), shift(mark.end), least);
    return right ? { topic: right.topic, index: right.index, asked: mark.kind } : undefined;
  }

  /**
   * Whether a question names a procedure by the words of its title beside product names ("the Group Chat
   * migration", "migrer le GC"): `named`, the token positions of product names.
   */
  namesTitle(topic: Topic, tokens: readonly string[], named: ReadonlySet<number>): boolean {
    const entry = this.topics.find((t) => t.topic === topic);
    return entry !== undefined && [...this.stems(tokens.filter((_, i) => !named.has(i)))].some((w) => entry.title.has(w));
  }

  /** The two sides of an order word ("A before B?", "before or after B?"), and what is asked of them. */
  private aroundOrder(tokens: readonly string[]): { left: [number, number]; right: [number, number]; asked: OrderAsked } | undefined {
    const marks = this.orderMarks(tokens);
    const mark = marks[0];
    if (!mark) return undefined;
    const last = marks[marks.length - 1] ?? mark;
    // "Before or after": both words asked, which comes first.
    const asked: OrderAsked = marks.some((m) => m.kind !== mark.kind) ? 'which' : mark.kind;
    return { left: [0, mark.start], right: [last.end, tokens.length], asked };
  }

  /**
   * Two steps offered as a choice, and which comes first or last: "which comes first: installing the pool or
   * disabling Group Chat?", "on fait quoi en dernier : démarrer les serveurs PC ou désactiver le GC ?", "A or B
   * first?". The sides are the two parts around "or", the word of the first or last place outside both.
   */
  private choice(
    tokens: readonly string[],
    named: ReadonlySet<number>,
  ): { left: [number, number]; right: [number, number]; asked: OrderAsked } | undefined {
    const or = this.lex.shapes.or.find(tokens);
    if (or.length !== 1) return undefined;
    const at = or[0] as Span;
    // The word of the place: an ordinal of the first or last ("first", "en dernier"), one only.
    const places = tokens.flatMap((w, i) => {
      const n = this.lex.ordinalIn(w);
      return n === 1 || n === -1 ? [{ i, asked: (n === 1 ? 'first' : 'last') as OrderAsked }] : [];
    });
    const place = places.length === 1 ? places[0] : undefined;
    // (No other order word: "can we deploy the client before we upgrade, or do servers have to go first?" asks whether.)
    if (place && this.orderMarks(tokens).some((m) => place.i < m.start || place.i >= m.end)) return undefined;
    if (!place) return undefined;
    // Before both ("which comes first: A or B"): A from the place word on; after both ("A or B: which first?").
    if (place.i < at.start) {
      const from = place.i + 1;
      if (at.start - from < 1 || tokens.length - at.end < 1) return undefined;
      return { left: [from, at.start], right: [at.end, tokens.length], asked: place.asked };
    }
    if (place.i >= at.end) {
      // (The right side ends where the words asking the place begin: "… or disabling GC, which comes first?".)
      let to = place.i;
      while (to > at.end && (this.lex.isFunctionWord(tokens[to - 1] as string) || named.has(to - 1))) to--;
      return { left: [0, at.start], right: [at.end, to], asked: place.asked };
    }
    return undefined;
  }

  /**
   * The two steps a question names around its order word, when each side clearly names one. Product names
   * (`named`, token positions) and the words of the procedure's title only set the scene: "après la
   * migration" names no step.
   */
  find(tokens: readonly string[], spoken: ReadonlySet<number>, preferred?: Topic): StepPair | undefined {
    const named = this.scene(tokens, spoken);
    const sides = this.choice(tokens, named) ?? this.aroundOrder(tokens);
    if (!sides) return undefined;
    const { asked } = sides;
    const [leftFrom, leftTo] = sides.left;
    const [rightFrom, rightTo] = sides.right;
    const side = (from: number, to: number): string[] => [...this.stems(tokens.slice(from, to).filter((_, k) => !named.has(from + k)))];
    const leftAll = side(leftFrom, leftTo);
    const rightAll = side(rightFrom, rightTo);
    let best: (StepPair & { total: number }) | undefined;
    const precision = (all: readonly string[], own: ReadonlySet<string> | undefined): number =>
      own ? all.filter((w) => own.has(w)).length / Math.max(own.size, 1) : 0;
    const leftEvery = [
      ...this.stems(
        tokens.slice(leftFrom, leftTo).filter((_, k) => !named.has(leftFrom + k)),
        true,
      ),
    ];
    const rightEvery = [
      ...this.stems(
        tokens.slice(rightFrom, rightTo).filter((_, k) => !named.has(rightFrom + k)),
        true,
      ),
    ];
    for (const { topic, steps, raw, weight, title } of this.topics) {
      const left = leftAll.filter((w) => !title.has(w));
      const right = rightAll.filter((w) => !title.has(w));
      if (left.length === 0 || right.length === 0) continue;
      const score = (part: readonly string[], i: number): number => {
        const total = part.reduce((n, w) => n + (weight.get(w) ?? 1), 0);
        const found = part.filter((w) => steps[i]?.has(w)).reduce((n, w) => n + (weight.get(w) ?? 1), 0);
        return total > 0 ? found / total : 0;
      };
      for (let i = 0; i < steps.length; i++)
        for (let j = 0; j < steps.length; j++) {
          if (i === j) continue;
          const a = score(left, i);
          const b = score(right, j);
          // Each side must be mostly that step's words.
          if (a < 0.5 || b < 0.5) continue;
          // (On a tie, the steps the sides say most of: "the well-known user" is step 5's, not step 1's setting.)
          const s =
            a + b + PRECISION_WEIGHT * (precision(leftEvery, raw[i]) + precision(rightEvery, raw[j])) + (topic === preferred ? 0.01 : 0);
          if (!best || s > best.total) best = { topic, first: i, second: j, asked, score: Math.min(a, b), total: s };
        }
    }
    if (!best) return undefined;
    const { total: _, ...pair } = best;
    return pair;
  }
}
