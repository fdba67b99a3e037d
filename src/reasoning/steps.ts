import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Topic } from '../knowledge/schema';
import { fold, tokenize } from '../nlu/normalize';
import type { Lexicon } from './lexicon';
import { stemish } from './vet';

/** How much more of a "when" question one step must hold than any other. */
const STEP_MARGIN = 0.2;

/** What a question asks of the order of two steps. */
export type OrderAsked = 'before' | 'after' | 'which';

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
  private readonly topics: { topic: Topic; steps: Set<string>[]; weight: Map<string, number>; title: Set<string> }[] = [];

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
      this.topics.push({ topic, steps, weight, title: this.words(`${topic.title.en} ${topic.title.fr}`) });
    }
  }

  private words(text: string): Set<string> {
    return new Set(
      tokenize(fold(text))
        .filter((w) => w.length > 2 && !this.lex.isFunctionWord(w) && !/^\d+$/.test(w))
        .map(stemish),
    );
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
    const all = [...this.words(tokens.filter((_, i) => !named.has(i)).join(' '))];
    let best: { topic: Topic; index: number; score: number } | undefined;
    let second = 0;
    for (const { topic, steps, weight, title } of this.topics) {
      const words = all.filter((w) => !title.has(w));
      const total = words.reduce((n, w) => n + (weight.get(w) ?? 1), 0);
      if (total === 0) continue;
      steps.forEach((st, index) => {
        const score = words.filter((w) => st.has(w)).reduce((n, w) => n + (weight.get(w) ?? 1), 0) / total;
        if (!best || score > best.score) {
          second = best?.score ?? 0;
          best = { topic, index, score };
        } else if (score > second) second = score;
      });
    }
    return best && best.score >= least && best.score - second >= STEP_MARGIN ? best : undefined;
  }

  /**
   * The two steps a question names around its order word, when each side clearly names one. Product names
   * (`named`, token positions) and the words of the procedure's title only set the scene: "après la
   * migration" names no step.
   */
  find(tokens: readonly string[], named: ReadonlySet<number>, preferred?: Topic): StepPair | undefined {
    const marks = [
      ...this.lex.shapes.before.find(tokens).map((sp) => ({ ...sp, kind: 'before' as const })),
      ...this.lex.shapes.after.find(tokens).map((sp) => ({ ...sp, kind: 'after' as const })),
    ].sort((a, b) => a.start - b.start);
    const mark = marks[0];
    if (!mark) return undefined;
    const last = marks[marks.length - 1] ?? mark;
    // "Before or after": both words asked, which comes first.
    const asked: OrderAsked = marks.some((m) => m.kind !== mark.kind) ? 'which' : mark.kind;
    const side = (from: number, to: number): string[] => [
      ...this.words(
        tokens
          .slice(from, to)
          .filter((_, k) => !named.has(from + k))
          .join(' '),
      ),
    ];
    const leftAll = side(0, mark.start);
    const rightAll = side(last.end, tokens.length);
    let best: (StepPair & { total: number }) | undefined;
    for (const { topic, steps, weight, title } of this.topics) {
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
          const s = a + b + (topic === preferred ? 0.01 : 0);
          if (!best || s > best.total) best = { topic, first: i, second: j, asked, score: Math.min(a, b), total: s };
        }
    }
    if (!best) return undefined;
    const { total: _, ...pair } = best;
    return pair;
  }
}
