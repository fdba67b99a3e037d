import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Modules an SQLite start-up must not load: package index files that pull in everything, unused drivers. */
const UNUSED = [
  /node_modules\/botbuilder\/lib\/index\.js$/,
  /node_modules\/botbuilder-dialogs\/lib\/index\.js$/,
  /node_modules\/botbuilder-dialogs\/lib\/prompts\//,
  /node_modules\/@microsoft\/recognizers-text/,
  /node_modules\/pg\//,
  /node_modules\/yaml\//,
  /node_modules\/natural\/lib\/natural\/index\.js$/,
];

describe('start-up', function () {
  this.timeout(60_000);

  it('loads only the libraries it uses (no package index files, no PostgreSQL driver on SQLite)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lync-startup-'));
    try {
      // A fresh process: the app is created on SQLite, then the loaded module files are listed.
      const script = `
        const { createApp } = require('./src/app');
        const { parseConfig } = require('./src/config');
        createApp(parseConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: 'sqlite:${join(dir, 'bot.sqlite')}' }))
          .then(async (app) => { process.stdout.write(JSON.stringify(Object.keys(require.cache))); await app.stop(); });`;
      const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const loaded = JSON.parse(out) as string[];
      assert.ok(
        loaded.some((f) => f.includes('node_modules/botbuilder/lib/cloudAdapter.js')),
        'the listing is real',
      );
      assert.deepEqual(
        loaded.filter((f) => UNUSED.some((re) => re.test(f))),
        [],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
