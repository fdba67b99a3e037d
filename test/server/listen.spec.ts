import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import { listenHost, parseConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { isLoopbackHost } from '../../src/server/server';
import { LogCapture } from '../helpers/logCapture';
import { startBot } from '../helpers/server';

const APP = { MicrosoftAppId: '0f2c4b8e-3d1a-4c5e-9b7f-6a8d2e1c3b5a', MicrosoftAppPassword: 'app-password' };
const WARNING = /^local mode listens on a non-loopback address/;

/** Starts the app with `env`; returns the address it listens on and the warnings it logged. */
async function listening(env: Record<string, string>): Promise<{ address: string; warnings: string[]; healthz: number }> {
  const logs = new LogCapture();
  const bot = await startBot(env, { logger: createLogger({ LOG_LEVEL: 'info', MicrosoftAppPassword: undefined }, logs) });
  try {
    const { address } = bot.app.server.address() as AddressInfo;
    const healthz = (await fetch(`${bot.botUrl}/healthz`)).status;
    return { address, healthz, warnings: logs.lines.filter((l) => l.level === 40).map((l) => String(l.msg)) };
  } finally {
    await bot.stop();
  }
}

describe('the address the server listens on', function () {
  this.timeout(20_000);

  it('is 127.0.0.1 in local mode (no app id: nothing is authenticated)', async () => {
    const { address, warnings, healthz } = await listening({});
    assert.equal(address, '127.0.0.1');
    assert.equal(healthz, 200);
    assert.deepEqual(
      warnings.filter((w) => WARNING.test(w)),
      [],
    );
  });

  it('is HOST when set, and local mode on a non-loopback address says so in the log', async () => {
    const { address, warnings, healthz } = await listening({ HOST: '0.0.0.0' });
    assert.equal(address, '0.0.0.0');
    assert.equal(healthz, 200, 'reachable on loopback too');
    assert.equal(warnings.filter((w) => WARNING.test(w)).length, 1);
  });

  it('is every interface with an app id, unless HOST says otherwise; no warning either way', async () => {
    const all = await listening(APP);
    assert.ok(['::', '0.0.0.0'].includes(all.address), all.address);
    assert.deepEqual(
      all.warnings.filter((w) => WARNING.test(w)),
      [],
    );
    const loopback = await listening({ ...APP, HOST: '127.0.0.1' });
    assert.equal(loopback.address, '127.0.0.1');
  });

  it('comes from HOST, else loopback in local mode, else every interface', () => {
    assert.equal(listenHost(parseConfig({})), '127.0.0.1');
    assert.equal(listenHost(parseConfig({ HOST: ' ' })), '127.0.0.1', 'empty is unset');
    assert.equal(listenHost(parseConfig({ HOST: '::' })), '::');
    assert.equal(listenHost(parseConfig(APP)), undefined);
    assert.equal(listenHost(parseConfig({ ...APP, HOST: '10.0.0.5' })), '10.0.0.5');
    assert.throws(() => parseConfig({ HOST: 'http://0.0.0.0' }), /HOST: expected an address or host name/);
  });

  it('tells loopback addresses from others', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.com', '::ffff:10.0.0.1', ''])
      assert.equal(isLoopbackHost(h), false, h);
  });
});
