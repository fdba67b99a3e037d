import { answer, type Answer, type AnswerKind } from '../answers/answer';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { tokenize } from '../nlu/normalize';
import type { Frame } from './frame';

/** Answers that state something about the question's subject (not help, reminders or declines). */
const VETTED: ReadonlySet<AnswerKind> = new Set(['support-cell', 'support-table', 'providers', 'provider', 'topic', 'prompt']);

/** A word and its plural or conjugated forms ("rooms" → "room", "editions" → "edition"). */
export function stemish(word: string): string {
  return word.replace(/(ing|ed|es|s|e|ent|ez|er)$/, '');
}

/** A phrase an answer may give, as words; `prefix`, its last word ends in * ("new cs*"). */
interface Evidence { words: string[]; prefix: boolean }

/**
 * The last check before an answer is sent: does it give what the question asks for? A question asking
 * for a port, a price, a cmdlet (language.yaml's `attributes`), or "how many X", answered by a text that
 * has no port, price, cmdlet or X in it, was answered nearby, not as asked: it gets an honest "the
 * documentation does not give …" instead, followed by what the documentation does say.
 */
export class AnswerCheck {
  private readonly gives = new Map<string, Record<Lang, Evidence[]>>();

  constructor(private readonly kb: KnowledgeBase) {
    for (const [id, a] of Object.entries(kb.language.attributes)) {
      const read = (phrases: readonly string[]): Evidence[] => phrases.map((p) => ({ words: tokenize(p), prefix: p.trim().endsWith('*') }));
      this.gives.set(id, { en: read(a.gives.en), fr: read(a.gives.fr) });
    }
  }

  vet(f: Frame, given: Answer): Answer {
    if (!VETTED.has(given.kind)) return given;
    const missing = f.asks.filter((id) => !this.gave(id, given));
    const countedMissing = f.shape === 'count' && f.counted !== undefined && f.asksAbout === undefined && !this.mentions(given, f.counted);
    if (missing.length === 0 && !countedMissing) return given;
    const { kb } = this;
    const lang = given.lang;
    const headline = missing.length > 0
      ? kb.message('decline_attribute', lang, { what: missing.map((id) => kb.language.attributes[id]?.name[lang] ?? id).join(lang === 'fr' ? ' ni ' : ' or ') })
      : kb.message('decline_figure', lang);
    // What the documentation does say, when the answer said something (a question back says nothing).
    const says = given.kind === 'prompt' ? [] : [`${kb.message('decline_says', lang)} ${given.headline}`];
    return answer('cannot-answer', lang, headline, { reason: 'out-of-scope', details: says, sources: given.kind === 'prompt' ? [] : given.sources, suggestions: given.suggestions });
  }

  private textOf(a: Answer): string[] {
    const parts = [a.headline, ...a.details, ...a.facts.flatMap((x) => [x.label, x.value]), ...a.steps, ...a.code.flatMap((c) => [c.caption, c.text]),
      ...a.notes.map((n) => n.text), ...(a.table ? [...a.table.columns, ...a.table.rows.flat().map((c) => c.text)] : [])];
    return tokenize(parts.join(' \n '));
  }

  private gave(id: string, a: Answer): boolean {
    const evidence = this.gives.get(id)?.[a.lang] ?? [];
    const words = this.textOf(a);
    return evidence.some(({ words: phrase, prefix }) => {
      for (let i = 0; i + phrase.length <= words.length; i++) {
        let k = 0;
        while (k < phrase.length && (words[i + k] === phrase[k] || (prefix && k === phrase.length - 1 && (words[i + k] as string).startsWith(phrase[k] as string)))) k++;
        if (k === phrase.length) return true;
      }
      return false;
    });
  }

  private mentions(a: Answer, word: string): boolean {
    const stem = stemish(word);
    return this.textOf(a).some((w) => w === word || stemish(w) === stem);
  }
}
