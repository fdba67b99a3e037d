import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emulatorMessage, post } from '../../scripts/lib/activities';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';

const ROOT = resolve(__dirname, '../..');

interface BotProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/**
 * `src/index.ts` in its own process, as `npm start` runs it (with tsx's loader, so no build is needed;
 * node itself, so that signals reach the bot and not a wrapper).
 */
function startProcess(env: Record<string, string>, cwd: string): BotProcess {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(ROOT, 'src/index.ts')], {
    cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: `sqlite:${join(cwd, 'bot.sqlite')}`, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (c: Buffer) => stdout.push(c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => stderr.push(c.toString('utf8')));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, stdout, stderr, exited };
}

/** The port from the "listening" log line. */
async function listeningPort(bot: BotProcess, timeoutMs = 30_000): Promise<number> {
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

describe('the bot process', function () {
  this.timeout(60_000);
  let dir: string;
  const running: ChildProcess[] = [];
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'lync-proc-')); });
  afterEach(() => {
    for (const c of running.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start in production without an app id, saying why (exit 1)', async () => {
    const bot = startProcess({ NODE_ENV: 'production', PORT: '0' }, dir);
    running.push(bot.child);
    assert.equal(await bot.exited, 1);
    const err = bot.stderr.join('');
    assert.match(err, /MicrosoftAppId/);
    assert.match(err, /NODE_ENV=production/);
    assert.match(err, /unauthenticated/);
  });

  it('says so plainly when the port is taken (exit 1)', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const bot = startProcess({ PORT: String(port) }, dir);
      running.push(bot.child);
      assert.equal(await bot.exited, 1);
      assert.match(bot.stderr.join(''), new RegExp(`Port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('on SIGTERM stops accepting, finishes the turn in flight, and exits 0', async () => {
    const connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    connector.delayMs = 1500; // the turn waits on its reply while SIGTERM arrives
    try {
      const bot = startProcess({ PORT: '0', LOG_LEVEL: 'info' }, dir);
      running.push(bot.child);
      const port = await listeningPort(bot);
      const url = `http://127.0.0.1:${port}`;
      const inFlight = post(url, emulatorMessage('is lync 2010 supported on lync server 2013?', { serviceUrl, conversationId: 'term-1' }));
      while (connector.pending === 0) await new Promise((r) => setTimeout(r, 10));
      bot.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      await assert.rejects(fetch(`${url}/healthz`), 'no new connections once SIGTERM arrived');
      assert.equal(await inFlight, 200, 'the turn in flight was answered');
      assert.match(connector.inConversation('term-1')[0]?.text ?? '', /^Yes\./);
      assert.equal(await bot.exited, 0);
      assert.match(bot.stdout.join(''), /"msg":"shutting down"/);
    } finally {
      await connector.stop();
    }
  });
});
