import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';

/** A bot under test: the script `node` runs and the environment it needs (given a fresh folder). */
export interface BotSpec {
  name: string;
  script: string;
  env(dir: string): Record<string, string>;
}

/** A bot running in a child process. */
export interface BotProcess {
  child: ChildProcess;
  url: string;
  /** When `spawn()` was called (epoch ms, the clock the connector stand-in stamps replies with). */
  spawnedAt: number;
  /** The last lines the process printed, for error reports. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts a bot with plain `node` (no tsx: transpiling is not what is measured) and a minimal environment. */
export async function startBot(spec: BotSpec, dir: string): Promise<BotProcess> {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', PORT: String(port), ...spec.env(dir) };
  // BENCH_PROFILE=<folder>: each bot process writes a V8 CPU profile there when it stops (to find where a turn's time goes).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const spawnedAt = Date.now();
  // The folder is also the working directory, so that no `.env` of the developer's is read.
  const child = spawn(process.execPath, [...profile, spec.script], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, lines.length - 20);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    spawnedAt,
    output: () => lines.join('\n'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** POSTs a body to the bot's /api/messages; resolves with the status, or rejects (e.g. ECONNREFUSED). */
export function postMessage(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/messages`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Posts `body` as soon as the port accepts connections (retrying every 2 ms while it refuses); then
 * `repliedAt()` gives when the stand-in received the reply (epoch ms). Resolves with the time from
 * spawn to the bot's first answer, in ms.
 */
export async function timeToFirstAnswer(bot: BotProcess, body: string, repliedAt: () => Promise<number>): Promise<number> {
  for (;;) {
    if (bot.child.exitCode !== null) throw new Error(`exited with code ${bot.child.exitCode} before answering:\n${bot.output()}`);
    try {
      const status = await postMessage(bot.url, body);
      if (status !== 200) throw new Error(`first message answered with HTTP ${status}:\n${bot.output()}`);
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== 'ECONNREFUSED') throw err;
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  return (await repliedAt()) - bot.spawnedAt;
}

/** Resident memory of a process (VmRSS), in MB. */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** CPU time a process has used (user + system), in seconds. Linux clock ticks are 1/100 s. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
