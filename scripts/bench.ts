/**
 * `npm run bench`: this bot against a minimal echo bot on the same botbuilder + restify stack (the
 * framework's floor), in one run on this machine.
 *
 * Each bot is a child process started with plain `node`, replying to a connector stand-in in this
 * process (with autocannon, this process uses about a fifth of a core while the echo bot saturates one:
 * not the bottleneck; the CPU columns show it on every run). Measured: start-up (spawn to the first reply, median of cold starts; this bot migrates a
 * fresh SQLite file each time), then on one process a warm-up and a measured autocannon load of
 * Teams-shaped messages (the same stream for both: evaluation questions in English and French over
 * 500 conversations), with RSS read afterwards. Last, the NLU alone in this process.
 *
 * Prints the figures and the ratios bot / echo against the targets (a missed target is reported, not
 * fatal); exits 1 only when the bench itself failed: an error, a non-2xx response, a missing reply.
 * `--json` prints the results as JSON instead. BENCH_SECONDS and BENCH_CONNECTIONS override the load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConnectorStandIn } from './lib/connectorStandIn';
import { startBot, rssMb, timeToFirstAnswer, type BotSpec } from './bench/botProcess';
import { benchClassifier, type ClassifierResult } from './bench/classifierBench';
import { loadProblems, runLoad, type LoadResult } from './bench/load';
import { loadQuestions, messageBody, type Question } from './bench/questions';
import { printReport, type BotFigures } from './bench/report';

const ROOT = resolve(__dirname, '..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const COLD_STARTS = 5;
const CLASSIFIER_SECONDS = 3;

const ECHO: BotSpec = { name: 'echo bot', script: join(ROOT, 'scripts/bench/echoBot.js'), env: () => ({}) };
const BOT: BotSpec = {
  name: 'this bot',
  script: join(ROOT, 'dist/bot.js'),
  // No app id (also overriding any .env): local mode, no authentication, loopback serviceUrls only.
  env: (dir) => ({
    LOG_LEVEL: 'warn',
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
  }),
};

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

/** Spawn to first reply, `COLD_STARTS` times per bot, alternating bots; each start in a fresh folder. */
async function coldStarts(specs: BotSpec[], questions: Question[], tmp: string): Promise<Map<BotSpec, number[]>> {
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const times = new Map<BotSpec, number[]>(specs.map((s) => [s, []]));
  try {
    for (let k = 0; k < COLD_STARTS; k++) {
      for (const spec of k % 2 ? [...specs].reverse() : specs) {
        connector.clear();
        const bot = await startBot(spec, mkdtempSync(join(tmp, 'start-')));
        try {
          const ms = await timeToFirstAnswer(bot, messageBody(k, questions, serviceUrl), async () => {
            await connector.waitFor(`a:bench-${k}`, 1);
            return connector.received[0]?.at as number;
          });
          times.get(spec)?.push(ms);
        } finally {
          await bot.stop();
        }
      }
    }
  } finally {
    await connector.stop();
  }
  return times;
}

/** One long-running process: warm-up, measured load, then its RSS. */
async function underLoad(
  spec: BotSpec,
  questions: Question[],
  tmp: string,
  problems: string[],
): Promise<{ load: LoadResult; rssMb: number }> {
  const connector = new ConnectorStandIn();
  connector.keep = false;
  const serviceUrl = await connector.start();
  const bot = await startBot(spec, mkdtempSync(join(tmp, 'load-')));
  try {
    const start = connector.count;
    await timeToFirstAnswer(bot, messageBody(0, questions, serviceUrl), async () => {
      while (connector.count === start) await new Promise((r) => setTimeout(r, 5));
      return Date.now();
    });
    const options = {
      connections: CONNECTIONS,
      body: (i: number) => messageBody(i, questions, serviceUrl),
      replies: () => connector.count,
    };
    const warm = await runLoad(bot, { ...options, seconds: WARMUP_SECONDS });
    problems.push(...loadProblems(warm).map((p) => `${spec.name}, warm-up: ${p}`));
    const load = await runLoad(bot, { ...options, seconds: SECONDS });
    problems.push(...loadProblems(load).map((p) => `${spec.name}: ${p}`));
    const rss = rssMb(bot.child.pid as number);
    if (bot.child.exitCode !== null) problems.push(`${spec.name} exited during the load:\n${bot.output()}`);
    return { load, rssMb: rss };
  } finally {
    await bot.stop();
    await connector.stop();
  }
}

async function main(): Promise<void> {
  const questions = loadQuestions(join(ROOT, 'eval/questions.yaml'));
  const tmp = mkdtempSync(join(tmpdir(), 'lync-bench-'));
  const problems: string[] = [];
  const figures: BotFigures[] = [];
  let classifier: ClassifierResult;
  try {
    const starts = await coldStarts([ECHO, BOT], questions, tmp);
    for (const spec of [ECHO, BOT]) {
      const firstAnswers = starts.get(spec) ?? [];
      figures.push({
        name: spec.name,
        firstAnswerMs: median(firstAnswers),
        firstAnswers,
        ...(await underLoad(spec, questions, tmp, problems)),
      });
    }
    classifier = benchClassifier(join(ROOT, 'knowledge'), questions, CLASSIFIER_SECONDS);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const [echo, bot] = figures as [BotFigures, BotFigures];
  const setup = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    coldStarts: COLD_STARTS,
    questions: questions.length,
  };
  printReport({ setup, echo, bot, classifier, problems }, process.argv.includes('--json'));
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
