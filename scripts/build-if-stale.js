#!/usr/bin/env node
/**
 * Builds dist/bot.js (`npm run build`) only when it is missing or older than what it is built from:
 * src/, dialogs/, knowledge/ (its training cache), the build scripts, tsconfig and the lockfile. Plain
 * JavaScript with no dependency, so that it runs in a production install too.
 *
 *   node scripts/build-if-stale.js                 (npm start's prestart) the configuration is checked
 *                                                  first, so a bad variable fails in one line before a
 *                                                  build; a stale bundle without the dev dependencies
 *                                                  that build it is an error
 *   node scripts/build-if-stale.js --install       (npm install's prepare) no configuration check; a
 *                                                  production install (`--omit=dev`) skips the build
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');

// better-sqlite3 13 and restify 12 need Node.js 22 or later (better-sqlite3's binary crashes on 20).
if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(
    `Node.js 22 or later is needed, this is ${process.version}: \`source scripts/use-node.sh 24\` fetches Node 24 from the npm registry (see the README)`,
  );
  process.exit(1);
}
const BUNDLE = join(ROOT, 'dist', 'bot.js');
const INPUTS = ['src', 'dialogs', 'knowledge', 'scripts/bundle.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const installing = process.argv.includes('--install');

/**
 * Newest modification time of the files under `path` (a file or a folder), 0 when missing. Folders'
 * own times are left out: a copy of the tree gets new ones. (A deleted source file still imported
 * fails the build anyway; a deleted knowledge file is seen by the bot, which retrains.)
 */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function stale() {
  for (const file of ['bot.js', 'bot-bundle.js', 'training-cache.json'])
    if (!existsSync(join(ROOT, 'dist', file))) return `dist/${file} is missing`;
  const built = statSync(BUNDLE).mtimeMs;
  const changed = INPUTS.find((input) => newest(join(ROOT, input)) > built);
  return changed ? `${changed} changed since dist/bot.js was built` : undefined;
}

function canBuild() {
  return ['typescript', 'esbuild', 'tsx'].every((dep) => existsSync(join(ROOT, 'node_modules', dep, 'package.json')));
}

/**
 * Loads the configuration the way the bot will (src/config.ts through tsx); exits 1 when invalid, with the
 * lines the bot itself would print (one per bad variable, starting with its name).
 */
function checkConfig() {
  const script = `try { require(${JSON.stringify(join(ROOT, 'src/config.ts'))}).loadConfig(); }
    catch (err) { if (err && err.code) { console.error(err.lines().join('\\n')); process.exit(1); } throw err; }`;
  const run = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs', { paths: [ROOT] }), '-e', script], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

function main() {
  const reason = stale();
  if (reason === undefined) process.exit(0);
  if (!canBuild()) {
    if (installing) {
      console.log(`${reason}; not built: the dev dependencies that build it are not installed (production install)`);
      process.exit(0);
    }
    console.error(
      `${reason}, and the dev dependencies that build it are not installed: build where they are (npm install && npm run build), or install with them`,
    );
    process.exit(1);
  }
  if (!installing) checkConfig();
  console.log(`${reason}: building (npm run build)`);
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}

// Required (by scripts/test.js), it only tells whether dist/ is current.
if (require.main === module) main();
else module.exports = { stale, BUNDLE };
