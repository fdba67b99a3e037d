/**
 * `npm run test:production`: the production install the README documents, done for real in a copy of
 * this (built) tree in a temporary folder: `npm ci --omit=dev`, then `npm start`, then one question
 * through the Bot Framework protocol (a Teams personal message, answered to a local connector
 * stand-in). Prints the time from `npm start` to the first answer, and ends with
 * "1 passed, 0 failed" or "0 passed, 1 failed". Run after a build (`npm install` leaves one).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { post, teamsPersonalMessage, visibleText } from './lib/activities';
import { ConnectorStandIn } from './lib/connectorStandIn';

const ROOT = resolve(__dirname, '..');
/** Not part of a deployment: installed, built for tests, local data, VCS. */
const LEFT_OUT = new Set(['node_modules', '.cache', '.git', 'build', 'data', 'coverage', 'previews', '.env']);
const QUESTION = 'when did yahoo federation end?';
const ANSWER = /Yahoo! ended on 30 June 2014/;

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'bot.js'))) throw new Error('dist/bot.js is missing: run npm install (or npm run build) first');
  const dir = mkdtempSync(join(tmpdir(), 'lync-production-'));
  const connector = new ConnectorStandIn();
  try {
    // The built tree as it would be shipped, file times kept (they tell npm start the build is current).
    cpSync(ROOT, dir, {
      recursive: true,
      preserveTimestamps: true,
      filter: (src) => {
        const rel = relative(ROOT, src);
        return rel === '' || !LEFT_OUT.has(rel.split(/[\\/]/)[0] ?? '');
      },
    });
    let started = Date.now();
    const install = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    if (install.status !== 0) throw new Error(`npm ci --omit=dev failed (exit ${install.status})`);
    console.log(`npm ci --omit=dev: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const dev of ['typescript', 'mocha', 'tsx', 'esbuild']) {
      if (existsSync(join(dir, 'node_modules', dev))) throw new Error(`${dev}, a dev dependency, was installed`);
    }

    const serviceUrl = await connector.start();
    started = Date.now();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, 'data', 'bot.sqlite')}`,
    };
    // Its own process group, so that npm and the bot under it are stopped together.
    const child = spawn('npm', ['start', '--silent'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const port = await listeningPort(
        () => out,
        () => child.exitCode !== null,
      );
      const status = await post(`http://127.0.0.1:${port}`, teamsPersonalMessage(QUESTION, { serviceUrl, conversationId: 'production-1' }));
      const reply = visibleText(connector.inConversation('production-1')[0] ?? {});
      const ms = Date.now() - started;
      if (status !== 200 || !ANSWER.test(reply)) throw new Error(`"${QUESTION}" got ${status} and ${JSON.stringify(reply)}\n${out}`);
      if (/building|npm run build/i.test(out)) throw new Error(`npm start built again on a built tree:\n${out}`);
      console.log(`npm start → first answer: ${ms} ms ("${reply.split('\n')[0]}")`);
      process.kill(-child.pid!, 'SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
      if (code === 'timeout') throw new Error('npm start did not stop on SIGTERM within 10 s');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
  } finally {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listeningPort(output: () => string, ended: () => boolean, timeoutMs = 30_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    for (const line of output().split('\n')) {
      if (line.includes('"listening')) return (JSON.parse(line) as { port: number }).port;
    }
    if (ended()) throw new Error(`npm start ended:\n${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`npm start did not listen within ${timeoutMs / 1000} s:\n${output()}`);
}

main().then(
  () => {
    console.log('production install: npm ci --omit=dev, npm start, one question answered');
    console.log('1 passed, 0 failed');
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
