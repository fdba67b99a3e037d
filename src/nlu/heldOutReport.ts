import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { LANGS, type Lang } from '../knowledge/schema';
import { Nlu } from './nlu';

/**
 * Fewer training phrases than this in a language and an intent is flagged. Naive Bayes learns an intent
 * from the words of its phrases and weighs it by its share of all phrases: with only a handful, the words
 * users actually pick are mostly unseen and the prior is small, so its questions go to larger intents. 20
 * per language is what most intents of this corpus have; the report prints the held-out accuracy of the
 * flagged intents beside the others', so the threshold can be judged on the data.
 */
export const MIN_PHRASES_PER_LANGUAGE = 20;

/** An intent receiving at least this many held-out tests of other intents is flagged as capturing them. */
export const MIN_CAPTURED = 2;

/** How one intent fares on its held-out tests, and what it takes from other intents. */
export interface IntentScore {
  intent: string;
  /** Training phrases per language. */
  phrases: Record<Lang, number>;
  /** Its held-out tests (both languages) and how many were classified as this intent. */
  tests: number;
  correct: number;
  /** Where its missed tests went: intent → count. */
  lostTo: Map<string, number>;
  /** Held-out tests of other intents classified as this one: their intent → count. */
  capturedFrom: Map<string, number>;
  /** Languages with fewer than the minimum of training phrases. */
  fewPhrases: Lang[];
  /** Languages without held-out tests: the intent is not measured there. */
  untested: Lang[];
}

/** The classifier, trained on `utterances` only, scored on every intent's `tests`. */
export interface HeldOutReport {
  intents: IntentScore[];
  tests: number;
  correct: number;
  /** correct / tests, or undefined without held-out tests. */
  accuracy: number | undefined;
  minPhrases: number;
  minCaptured: number;
  /** Intents with too few training phrases in a language. */
  fewPhrases: IntentScore[];
  /** Intents receiving at least `minCaptured` tests of other intents, most first. */
  capturing: IntentScore[];
  /** Intents without held-out tests in a language. */
  untested: IntentScore[];
  /** Held-out accuracy of the intents with too few phrases, and of the others. */
  fewPhrasesAccuracy: number | undefined;
  enoughPhrasesAccuracy: number | undefined;
}

export interface HeldOutOptions {
  minPhrases?: number;
  minCaptured?: number;
  /** An NLU already trained on `kb` (it never sees the held-out tests). */
  nlu?: Nlu;
}

const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

/** Share of the held-out tests of `scores` classified right, or undefined without tests. */
function accuracyOf(scores: readonly IntentScore[]): number | undefined {
  const tests = scores.reduce((n, s) => n + s.tests, 0);
  return tests > 0 ? scores.reduce((n, s) => n + s.correct, 0) / tests : undefined;
}

/** Classifies every held-out test phrase of `kb` with an NLU trained on its training phrases only. */
export function heldOutReport(kb: KnowledgeBase, options: HeldOutOptions = {}): HeldOutReport {
  const minPhrases = options.minPhrases ?? MIN_PHRASES_PER_LANGUAGE;
  const minCaptured = options.minCaptured ?? MIN_CAPTURED;
  const nlu = options.nlu ?? new Nlu(kb);
  const scores = new Map<string, IntentScore>(
    kb.training.map((e) => [
      e.intent,
      {
        intent: e.intent,
        phrases: { en: e.utterances.en.length, fr: e.utterances.fr.length },
        tests: 0,
        correct: 0,
        lostTo: new Map(),
        capturedFrom: new Map(),
        fewPhrases: LANGS.filter((l) => e.utterances[l].length < minPhrases),
        untested: LANGS.filter((l) => e.tests[l].length === 0),
      },
    ]),
  );
  for (const entry of kb.training)
    for (const lang of LANGS)
      for (const text of entry.tests[lang]) {
        const own = scores.get(entry.intent) as IntentScore;
        const got = nlu.understand(text, lang).intent;
        own.tests++;
        if (got === entry.intent) {
          own.correct++;
          continue;
        }
        own.lostTo.set(got, (own.lostTo.get(got) ?? 0) + 1);
        const taker = scores.get(got);
        if (taker) taker.capturedFrom.set(entry.intent, (taker.capturedFrom.get(entry.intent) ?? 0) + 1);
      }
  const intents = [...scores.values()];
  const few = intents.filter((s) => s.fewPhrases.length > 0);
  const tests = intents.reduce((n, s) => n + s.tests, 0);
  const correct = intents.reduce((n, s) => n + s.correct, 0);
  return {
    intents,
    tests,
    correct,
    accuracy: accuracyOf(intents),
    minPhrases,
    minCaptured,
    fewPhrases: few,
    untested: intents.filter((s) => s.untested.length > 0),
    fewPhrasesAccuracy: accuracyOf(few),
    enoughPhrasesAccuracy: accuracyOf(intents.filter((s) => s.fewPhrases.length === 0)),
    capturing: intents.filter((s) => total(s.capturedFrom) >= minCaptured).sort((a, b) => total(b.capturedFrom) - total(a.capturedFrom)),
  };
}

const percent = (n: number | undefined): string => (n === undefined ? '-' : `${(n * 100).toFixed(1)} %`);

/** "support.client 3, none 1": a count map, largest first. */
function counts(m: Map<string, number>): string {
  return [...m]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/** The report as lines: a table (one row per intent), then the overall figure and the flags. */
export function formatHeldOutReport(r: HeldOutReport): string[] {
  const width = Math.max(6, ...r.intents.map((s) => s.intent.length));
  const row = (cells: string[]): string =>
    [
      (cells[0] ?? '').padEnd(width),
      (cells[1] ?? '').padStart(3),
      (cells[2] ?? '').padStart(3),
      (cells[3] ?? '').padStart(5),
      (cells[4] ?? '').padStart(5),
      (cells[5] ?? '').padStart(8),
      cells[6] ?? '',
    ]
      .join(' ')
      .trimEnd();
  const lines = [row(['intent', 'en', 'fr', 'tests', 'right', 'accuracy', 'flags'])];
  for (const s of r.intents) {
    const flags = [
      ...(s.fewPhrases.length > 0 ? [`few phrases (${s.fewPhrases.join(', ')})`] : []),
      ...(total(s.capturedFrom) >= r.minCaptured ? [`captures ${total(s.capturedFrom)}`] : []),
      ...(s.untested.length > 0 ? [`no tests (${s.untested.join(', ')})`] : []),
    ];
    lines.push(
      row([
        s.intent,
        String(s.phrases.en),
        String(s.phrases.fr),
        String(s.tests),
        String(s.correct),
        percent(accuracyOf([s])),
        flags.join('; '),
      ]),
    );
  }
  lines.push('', `Held-out accuracy: ${percent(r.accuracy)} (${r.correct}/${r.tests}), classifier trained on the utterances only.`);
  if (r.fewPhrases.length === 0) lines.push(`No intent has fewer than ${r.minPhrases} training phrases in a language.`);
  else {
    lines.push(
      `Fewer than ${r.minPhrases} training phrases in a language (their held-out accuracy ${percent(r.fewPhrasesAccuracy)}, the other intents' ${percent(r.enoughPhrasesAccuracy)}):`,
    );
    for (const s of r.fewPhrases) lines.push(`  ${s.intent}: ${s.fewPhrases.map((l) => `${l} ${s.phrases[l]}`).join(', ')}`);
  }
  if (r.capturing.length === 0) lines.push(`No intent receives ${r.minCaptured} or more held-out tests of other intents.`);
  else {
    lines.push(`Receiving ${r.minCaptured} or more held-out tests of other intents:`);
    for (const s of r.capturing) lines.push(`  ${s.intent} takes ${total(s.capturedFrom)}: ${counts(s.capturedFrom)}`);
  }
  if (r.untested.length > 0)
    lines.push(
      `No held-out tests (add some under \`tests:\` to measure them): ${r.untested.map((s) => `${s.intent} (${s.untested.join(', ')})`).join(', ')}.`,
    );
  return lines;
}
