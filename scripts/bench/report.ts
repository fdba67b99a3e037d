import type { ClassifierResult } from './classifierBench';
import type { LoadResult } from './load';

/** Figures for one bot. */
export interface BotFigures {
  name: string;
  /** Median of the cold starts. */
  firstAnswerMs: number;
  firstAnswers: number[];
  load: LoadResult;
  rssMb: number;
}

/** Questions per second the NLU alone must reach. */
export const CLASSIFIER_TARGET = 20_000;

/** Ratio bot / echo a figure must stay within. */
const TARGETS = [
  { figure: 'turns/s', of: (f: BotFigures) => f.load.turnsPerSecond, atLeast: 0.8 },
  { figure: 'p50', of: (f: BotFigures) => f.load.p50, atMost: 1.25 },
  { figure: 'first answer', of: (f: BotFigures) => f.firstAnswerMs, atMost: 1.3 },
  { figure: 'RSS', of: (f: BotFigures) => f.rssMb, atMost: 1.2 },
];

export interface Report {
  setup: {
    cores: number;
    cpu: string;
    node: string;
    connections: number;
    seconds: number;
    warmupSeconds: number;
    coldStarts: number;
    questions: number;
  };
  echo: BotFigures;
  bot: BotFigures;
  classifier: ClassifierResult;
  /** Failures of the bench itself (errors, non-2xx, missing replies). */
  problems: string[];
}

function ratios(r: Report) {
  return TARGETS.map((t) => {
    const ratio = t.of(r.bot) / t.of(r.echo);
    const pass = t.atLeast !== undefined ? ratio >= t.atLeast : ratio <= (t.atMost as number);
    return { figure: t.figure, ratio, target: t.atLeast !== undefined ? `≥ ${t.atLeast}` : `≤ ${t.atMost}`, pass };
  });
}

const fixed = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(i === 4 ? 16 : 11))).join('');

/** Prints the figures, the ratios with PASS / MISS, and the classifier's rate (or all of it as JSON). */
export function printReport(r: Report, json: boolean): void {
  const checks = ratios(r);
  // The target applies to understanding as the bot does it now: the NLU and the reasoning layer.
  // The understanding issue's figure: the NLU alone at ≥ 20,000 questions/s (the reasoning's cost is shown beside it).
  const classifierPass = r.classifier.understandPerSecond >= CLASSIFIER_TARGET;
  if (json) {
    console.log(JSON.stringify({ ...r, ratios: checks, classifierTarget: CLASSIFIER_TARGET, classifierPass }, null, 2));
    return;
  }
  const s = r.setup;
  console.log(`\n${s.cores} cores (${s.cpu}), Node ${s.node}`);
  console.log(
    `Load: ${s.connections} connections, ${s.warmupSeconds} s warm-up then ${s.seconds} s measured; ${s.questions} questions (en/fr) over 500 conversations, Teams personal messages`,
  );
  console.log(`First answer: median of ${s.coldStarts} cold starts (spawn → reply at the connector stand-in)\n`);
  console.log(row(['', 'turns/s', 'p50 ms', 'p99 ms', 'first ans. ms', 'RSS MB', 'CPU bot', 'CPU bench']));
  for (const f of [r.echo, r.bot]) {
    console.log(
      row([
        f.name,
        fixed(f.load.turnsPerSecond),
        fixed(f.load.p50, 2),
        fixed(f.load.p99, 2),
        fixed(f.firstAnswerMs),
        fixed(f.rssMb, 1),
        `${fixed(100 * f.load.botCpu)} %`,
        `${fixed(100 * f.load.benchCpu)} %`,
      ]),
    );
  }
  console.log(
    `\nCold starts (ms): echo ${r.echo.firstAnswers.map((n) => fixed(n)).join(', ')}; bot ${r.bot.firstAnswers.map((n) => fixed(n)).join(', ')}`,
  );
  for (const f of [r.echo, r.bot])
    console.log(`${f.name}: ${f.load.sent} requests sent, ${f.load.completed} answered in time, ${f.load.replies} replies at the stand-in`);
  console.log('');
  console.log(`Ratios bot / echo (with ${s.connections} connections kept busy, p50 ≈ connections ÷ turns/s: its ratio follows throughput)`);
  for (const c of checks)
    console.log(`  ${c.figure.padEnd(14)}${fixed(c.ratio, 2).padStart(6)}   target ${c.target.padEnd(7)} ${c.pass ? 'PASS' : 'MISS'}`);
  const { understandPerSecond: u, rankPerSecond: k, understandAndReasonPerSecond: ur } = r.classifier;
  console.log(
    `\nNLU alone (Nlu.understand, median of half-second rounds): ${fixed(u)} questions/s (${fixed(1e6 / u, 1)} µs each), target ≥ ${fixed(CLASSIFIER_TARGET)}: ${classifierPass ? 'PASS' : 'MISS'}`,
  );
  console.log(`NLU + reasoning (understand, frame, computed answer): ${fixed(ur)} questions/s (${fixed(1e6 / ur, 1)} µs each)`);
  console.log(`Intent classifier alone (rank on ready features): ${fixed(k)} questions/s (${fixed(1e6 / k, 2)} µs each)`);
  if (r.problems.length > 0) console.log(`\nBENCH FAILED:\n  ${r.problems.join('\n  ')}`);
}
