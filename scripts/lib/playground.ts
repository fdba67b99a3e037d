import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The Agents Playground's CLI (the package's `agentsplayground` binary). */
export const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');
/** The Playground's own default port. */
export const DEFAULT_PLAYGROUND_PORT = 56150;

/**
 * Environment that keeps the Playground on this machine. `--disable-telemetry` alone is not enough:
 * it only stops the Playground's own events, while the Application Insights SDK it embeds still
 * starts, probes the Azure metadata address 169.254.169.254 at once (statsbeat) and would send a
 * heartbeat every 15 minutes. Its JSON configuration turns all of that off.
 */
export function offlineEnv(logFile: string): Record<string, string> {
  return {
    // Otherwise the CLI opens the UI with xdg-open.
    TEAMSAPPTESTER_BROWSER: 'none',
    // Otherwise ./devTools/m365agentsplayground.log in the working directory. When stdout is not a
    // terminal, this file is the Playground's only log.
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: JSON.stringify({
      disableAppInsights: true,
      disableStatsbeat: true,
      enableAutoCollectHeartbeat: false,
    }),
  };
}

/** How to start the Playground. */
export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages. */
  endpoint: string;
  /** The Playground's channel: `msteams` makes it a Teams client. */
  channel?: 'msteams' | 'emulator' | 'webchat' | 'directline' | 'agents';
  /** Port of the Playground's UI and mock connector; 0 for any free port. Default 56150. */
  port?: number;
  /** Where the Playground writes its log. */
  logFile: string;
  /** Environment the Playground inherits (PATH, HOME, …); the offline switches are added to it. */
  env: NodeJS.ProcessEnv;
  /** The Playground reads `.m365agentsplayground.yml` from its working directory when present. */
  cwd?: string;
  startTimeoutMs?: number;
}

/** A running Playground. */
export interface RunningPlayground {
  /** The web UI, e.g. http://localhost:56150. */
  url: string;
  port: number;
  logFile: string;
  /** The end of the Playground's log, for error messages. */
  logTail(lines?: number): string;
  /** Stops it (SIGTERM, then SIGKILL); safe to call twice. */
  stop(): Promise<void>;
}

/** Resolves when the child has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Stops a child process: SIGTERM, then SIGKILL after `graceMs`. Also sent, synchronously, if this
 * process exits first: a test runner that exits must not leave a server behind.
 */
export function stopper(child: ChildProcess, graceMs = 5000): () => Promise<void> {
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  return async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited(child);
    clearTimeout(timer);
  };
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts the Microsoft 365 Agents Playground pointed at a bot, without telemetry or any other
 * network access, and resolves once its server listens (it prints `Listening on <port>`).
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground> {
  const port = opts.port ?? DEFAULT_PLAYGROUND_PORT;
  const child = spawn(
    process.execPath,
    [PLAYGROUND_CLI, '-e', opts.endpoint, '-c', opts.channel ?? 'msteams', '-p', String(port), '--disable-telemetry'],
    { cwd: opts.cwd, env: { ...opts.env, ...offlineEnv(opts.logFile) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = stopper(child);
  const logTail = (lines = 20): string => tail(opts.logFile, lines);
  let output = '';
  try {
    const listening = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the Playground did not start in ${opts.startTimeoutMs ?? 30000} ms`)),
        opts.startTimeoutMs ?? 30000,
      );
      const settle = (fn: () => void): void => {
        clearTimeout(timer);
        fn();
      };
      const read = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /Listening on (\d+)/.exec(output);
        if (match) settle(() => resolve(Number(match[1])));
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('error', (err) => settle(() => reject(err)));
      child.once('exit', (code, signal) =>
        settle(() => reject(new Error(`the Playground exited (${signal ?? `code ${code}`}) before listening`))),
      );
    });
    return { url: `http://localhost:${listening}`, port: listening, logFile: opts.logFile, logTail, stop };
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${output.trim()}\n${logTail()}`);
  }
}

/** Polls a URL until it answers 2xx; for a server started as a child process. */
export async function waitForHttp(url: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What `.m365agentsplayground.yml` sets: the bot, the signed-in user and the team (whose General channel's id is the team's id). */
export interface PlaygroundContext {
  bot: { id: string; name: string };
  currentUser: { id: string; name: string };
  team: { id: string; name: string; channel: { id: string; name: string } };
  tenantId?: string;
}

/**
 * The Playground's configuration file (schema version 0.1.1), to be written as `.m365agentsplayground.yml`
 * in its working directory. Its schema wants exactly five other users, a personal chat, a group chat and a
 * team with at most one channel besides General; ids are free strings, so the team (and so its General
 * channel) can carry a Teams-shaped id such as `19:…@thread.tacv2`.
 */
export function playgroundConfigYaml(ctx: PlaygroundContext): string {
  const q = (s: string): string => JSON.stringify(s);
  const user = (id: string, name: string, i: number, indent: string): string => {
    const [given = name, ...rest] = name.split(' ');
    const alias = name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
    return [
      `id: ${q(id)}`,
      `name: ${q(name)}`,
      `userPrincipleName: ${q(`${alias}@contoso.com`)}`,
      `aadObjectId: ${q(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)}`,
      `givenName: ${q(given)}`,
      `surname: ${q(rest.join(' ') || given)}`,
      `email: ${q(`${alias}@contoso.com`)}`,
    ].join(`\n${indent}`);
  };
  const others = ['Megan Bowen', 'Adele Vance', 'Lee Gu', 'Nestor Wilke', 'Diego Siciliani'];
  return [
    'version: "0.1.1"',
    `tenantId: ${q(ctx.tenantId ?? '5b658416-0de4-4d67-95b4-2751e5a69d3d')}`,
    'bot:',
    `  id: ${q(ctx.bot.id)}`,
    `  name: ${q(ctx.bot.name)}`,
    'currentUser:',
    `  ${user(ctx.currentUser.id, ctx.currentUser.name, 0, '  ')}`,
    'users:',
    ...others.map((name, i) => `  - ${user(`29:playground-user-${i + 1}`, name, i + 1, '    ')}`),
    'personalChat:',
    '  id: "a:playground-personal-chat"',
    'groupChat:',
    '  id: "19:playground-group-chat@thread.v2"',
    '  name: "Group Chat"',
    'team:',
    `  id: ${q(ctx.team.id)}`,
    `  name: ${q(ctx.team.name)}`,
    '  aadGroupId: "03abb446-e51b-4a55-96f0-f64ea138f72e"',
    '  channels:',
    `    - id: ${q(ctx.team.channel.id)}`,
    `      name: ${q(ctx.team.channel.name)}`,
    '',
  ].join('\n');
}
