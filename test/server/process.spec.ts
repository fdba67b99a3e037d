import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorMessage, post, visibleText } from '../../scripts/lib/activities';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';
import { bundleArgs, listeningPort, startBotProcess } from '../helpers/botProcess';

describe('the bot process', function () {
  this.timeout(60_000);
  let botArgs: string[];
  before(async () => {
    botArgs = await bundleArgs();
  });
  let dir: string;
  const running: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lync-proc-'));
  });
  afterEach(() => {
    for (const c of running.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start in production without an app id, saying why (exit 1)', async () => {
    const bot = startBotProcess(botArgs, { NODE_ENV: 'production', PORT: '0' }, dir);
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
      const bot = startBotProcess(botArgs, { PORT: String(port) }, dir);
      running.push(bot.child);
      assert.equal(await bot.exited, 1);
      assert.equal(
        bot.stderr.join(''),
        `PORT: port ${port} is already in use — stop the other process or set PORT to a free port.\n`,
        'one line',
      );
    } finally {
      blocker.close();
    }
  });

  it('on SIGTERM during start-up, stops cleanly once start-up is over (exit 0), not killed by the signal', async () => {
    const bot = startBotProcess(botArgs, { PORT: '0', LOG_LEVEL: 'info' }, dir);
    running.push(bot.child);
    // The SQLite file appears when start-up opens the database, well before the classifier is trained
    // and the server listens: the signal handlers must be in place by then.
    const until = Date.now() + 30_000;
    while (!existsSync(join(dir, 'bot.sqlite')) && bot.child.exitCode === null && Date.now() < until)
      await new Promise((r) => setTimeout(r, 5));
    assert.equal(bot.child.exitCode, null, bot.stderr.join(''));
    const signal = new Promise<NodeJS.Signals | null>((r) => bot.child.once('exit', (_code, s) => r(s)));
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited, 0, `exit 0, not ended by ${await signal}: ${bot.stderr.join('')}`);
    assert.match(bot.stdout.join(''), /"msg":"(stopped during start-up|shutting down)"/);
    assert.equal(bot.stderr.join(''), '');
  });

  it('on SIGTERM stops accepting, finishes the turn in flight, and exits 0', async () => {
    const connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    connector.delayMs = 1500; // the turn waits on its reply while SIGTERM arrives
    try {
      const bot = startBotProcess(botArgs, { PORT: '0', LOG_LEVEL: 'info' }, dir);
      running.push(bot.child);
      const port = await listeningPort(bot);
      const url = `http://127.0.0.1:${port}`;
      const inFlight = post(url, emulatorMessage('is lync 2010 supported on lync server 2013?', { serviceUrl, conversationId: 'term-1' }));
      while (connector.pending === 0) await new Promise((r) => setTimeout(r, 10));
      bot.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      await assert.rejects(fetch(`${url}/healthz`), 'no new connections once SIGTERM arrived');
      assert.equal(await inFlight, 200, 'the turn in flight was answered');
      assert.match(visibleText(connector.inConversation('term-1')[0] ?? {}), /^Yes\./);
      assert.equal(await bot.exited, 0);
      assert.match(bot.stdout.join(''), /"msg":"shutting down"/);
    } finally {
      await connector.stop();
    }
  });
});
