import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle } from '../../scripts/bundle';

const ROOT = resolve(__dirname, '../..');

/** A bot running in its own process, with what it printed. */
export interface BotProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/**
 * Runs `node <args>` as the bot: node itself, so that signals reach the bot and not a wrapper. The
 * environment holds only PATH, HOME, an SQLite file in `cwd`, the project's knowledge, no coverage and `env`.
 */
export function startBotProcess(args: string[], env: Record<string, string>, cwd: string): BotProcess {
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: `sqlite:${join(cwd, 'bot.sqlite')}`,
      KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
      // Node passes NODE_V8_COVERAGE (npm test's coverage) on to child processes unless it is empty: the
      // bundle's coverage is not counted, and collecting it slows the bot and writes 20 MB at each exit.
      NODE_V8_COVERAGE: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (c: Buffer) => stdout.push(c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => stderr.push(c.toString('utf8')));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, stdout, stderr, exited };
}

let built: Promise<string> | undefined;

/**
 * The bot as `npm start` runs it, bundled (scripts/bundle.ts, the build of dist/bot.js with its training
 * cache) from the current sources: it starts in a third of the time the sources through tsx take, and
 * is what runs in production. For every suite that runs the bot as a process (the coverage of a child
 * process is not counted: the in-process suites cover the sources). `npm test` (scripts/test.js) builds it once for the run
 * and names it in BOT_TEST_BUNDLE; otherwise (a spec file run alone) each test process builds its own,
 * once. Never dist/bot.js, which may be older than the sources.
 */
export async function bundleArgs(): Promise<string[]> {
  const ready = process.env.BOT_TEST_BUNDLE;
  if (ready) return [ready];
  built ??= (async () => {
    const dir = join(ROOT, 'build', `test-bot-${process.pid}`);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return bundle(join(dir, 'bot.js'));
  })();
  return [await built];
}

/** The port from the bot's "listening" log line. */
export async function listeningPort(bot: BotProcess, timeoutMs = 30_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    for (const line of bot.stdout.join('').split('\n')) {
      if (line.includes('"listening')) return (JSON.parse(line) as { port: number }).port;
    }
    if (bot.child.exitCode !== null) throw new Error(`exited: ${bot.stderr.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the bot did not start');
}
