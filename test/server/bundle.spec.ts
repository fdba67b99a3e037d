import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundle } from '../../scripts/bundle';
import { post, teamsPersonalMessage, visibleText } from '../../scripts/lib/activities';
import { ConnectorStandIn } from '../../scripts/lib/connectorStandIn';
import { listeningPort, startBotProcess } from '../helpers/botProcess';

const ROOT = resolve(__dirname, '../..');

describe('the bundle npm start runs (dist/bot.js)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lync-bundle-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(ROOT, 'build', `bundle-test-${process.pid}`), { recursive: true, force: true });
  });

  it('builds, starts with the training the build computed, answers a question and stops on SIGTERM with exit 0', async () => {
    // Inside the project, as dist/ is: better-sqlite3 stays outside the bundle and is found in node_modules.
    const outfile = await bundle(join(ROOT, 'build', `bundle-test-${process.pid}`, 'bot.js'));
    const connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    const compileCache = join(dir, 'compile-cache');
    const bot = startBotProcess([outfile], { PORT: '0', NODE_COMPILE_CACHE: compileCache }, dir);
    const { child } = bot;
    try {
      const port = await listeningPort(bot);
      assert.equal(
        await post(
          `http://127.0.0.1:${port}`,
          teamsPersonalMessage('when did yahoo federation end?', { serviceUrl, conversationId: 'bundle-1' }),
        ),
        200,
      );
      assert.match(visibleText(connector.inConversation('bundle-1')[0] ?? {}), /Yahoo! ended on 30 June 2014/);
      assert.match(
        bot.stdout.join(''),
        /knowledge and classifier training read from the build/,
        'the build validated the knowledge and trained the classifier',
      );
      child.kill('SIGTERM');
      assert.equal(await bot.exited, 0);
      // dist/bot.js turned on Node's compile cache before loading the bundle: the next start reads its code.
      assert.ok(readdirSync(compileCache, { recursive: true }).length > 0, 'the compile cache was written');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await connector.stop();
    }
  });
});
