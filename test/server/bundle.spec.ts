import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundle } from '../../scripts/bundle';
import { post, teamsPersonalMessage } from '../../scripts/lib/activities';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';

const ROOT = resolve(__dirname, '../..');

describe('the bundle npm start runs (dist/bot.js)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'lync-bundle-')); });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(ROOT, 'build', `bundle-test-${process.pid}`), { recursive: true, force: true });
  });

  it('builds, starts with the training the build computed, answers a question and stops on SIGTERM with exit 0', async () => {
    // Inside the project, as dist/ is: better-sqlite3 stays outside the bundle and is found in node_modules.
    const outfile = await bundle(join(ROOT, 'build', `bundle-test-${process.pid}`, 'bot.js'));
    const connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    const child = spawn(process.execPath, [outfile], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`, KNOWLEDGE_DIR: join(ROOT, 'knowledge') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout?.on('data', (c: Buffer) => { out += c.toString('utf8'); });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      const until = Date.now() + 30_000;
      let port: number | undefined;
      while (port === undefined && Date.now() < until && child.exitCode === null) {
        const line = out.split('\n').find((l) => l.includes('"listening'));
        if (line) port = (JSON.parse(line) as { port: number }).port;
        else await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(port, `the bundle started: ${out}`);
      assert.equal(await post(`http://127.0.0.1:${port}`, teamsPersonalMessage('when did yahoo federation end?', { serviceUrl, conversationId: 'bundle-1' })), 200);
      assert.match(connector.inConversation('bundle-1')[0]?.text ?? '', /Yahoo! ended on 30 June 2014/);
      assert.match(out, /classifier training read from the build/, 'the build trained the classifier');
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await connector.stop();
    }
  });
});
