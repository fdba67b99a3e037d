#!/usr/bin/env node
/**
 * `npm test`: the type check (tsc, whole project), the lint and format check (Biome, biome.jsonc) and
 * every mocha test (test/all.mocharc.js) at the same time: the checks fill the time the suites spend
 * waiting for processes and dates. The suites that run the bot as a process start the bundle (BOT_TEST_BUNDLE,
 * test/helpers/botProcess.ts), much faster than the sources through tsx: dist/bot.js when it is current,
 * else one bundled now from the current sources, as `npm run build` bundles it, into build/. Mocha runs with V8 coverage on (NODE_V8_COVERAGE, read by c8 after:
 * .c8rc.json sets what is counted and the floors). Mocha's output streams as usual; the checks' and the
 * coverage summary are printed after it. Fails if any of the four fails. Arguments go to mocha (e.g.
 * `npm test -- --grep reminders`); the coverage floor is then not checked, since a part of the suite
 * covers less.
 */
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

// better-sqlite3 13 and restify 12 need Node.js 22 or later (better-sqlite3's binary crashes on 20).
if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(
    `Node.js 22 or later is needed, this is ${process.version}: \`source scripts/use-node.sh 24\` fetches Node 24 from the npm registry (see the README)`,
  );
  process.exit(1);
}
const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, 'bin', file);
const mochaArgs = process.argv.slice(2);
const coverage = mochaArgs.length === 0;
const COVERAGE_TEMP = join(ROOT, 'coverage', 'tmp');

const started = Date.now();
const children = [];

/** Runs `node <args>` with its output kept for later; resolves to its exit code and time. */
function quiet(args) {
  let output = '';
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stdout.on('data', (c) => {
    output += c;
  });
  child.stderr.on('data', (c) => {
    output += c;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code: code ?? 1, ms: Date.now() - started, output })));
}

// Incremental: what the last run learnt (node_modules/.cache/tsc) spares a second run most of the work.
const typecheckDone = quiet([
  bin('typescript', 'tsc'),
  '-p',
  'tsconfig.json',
  '--noEmit',
  '--incremental',
  '--tsBuildInfoFile',
  join(ROOT, 'node_modules', '.cache', 'tsc', 'test.tsbuildinfo'),
]);
const lintDone = quiet([bin('@biomejs/biome', 'biome'), 'check', '--colors=off']);

if (coverage) rmSync(COVERAGE_TEMP, { recursive: true, force: true });
// The bot for the process suites: dist/bot.js when it is current (npm install just built it from these
// very sources, as scripts/build-if-stale.js judges for npm start), else a bundle built now, elsewhere.
const { stale, BUNDLE } = require('./build-if-stale.js');
const current = stale() === undefined;
let bundleFile = BUNDLE;
if (!current) {
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  const bundleDir = mkdtempSync(join(ROOT, 'build', 'test-bot-'));
  process.once('exit', () => rmSync(bundleDir, { recursive: true, force: true }));
  bundleFile = join(bundleDir, 'bot.js');
}
const bundled = current
  ? Promise.resolve({ code: 0, output: '' })
  : quiet(['--require', require.resolve('tsx/cjs', { paths: [ROOT] }), join(ROOT, 'scripts', 'bundle.ts'), bundleFile]);

const mochaDone = bundled.then((built) => {
  if (built.code !== 0) {
    console.log(`${built.output}\nbundling the bot for the tests (scripts/bundle.ts) failed: exit ${built.code}`);
    return built.code;
  }
  const mocha = spawn(process.execPath, [bin('mocha', 'mocha.js'), '--config', 'test/all.mocharc.js', ...mochaArgs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BOT_TEST_BUNDLE: bundleFile, ...(coverage ? { NODE_V8_COVERAGE: COVERAGE_TEMP } : {}) },
  });
  children.push(mocha);
  return new Promise((resolve) => mocha.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

(async () => {
  const [tsc, lint, mochaCode] = await Promise.all([typecheckDone, lintDone, mochaDone]);
  // c8 report: the summary, then the floors of .c8rc.json (only on a whole run that passed).
  const covered = coverage && mochaCode === 0 ? await quiet([bin('c8', 'c8.js'), 'report', '--check-coverage']) : undefined;

  if (tsc.code === 0) console.log(`type check (tsc --noEmit): no errors, ${(tsc.ms / 1000).toFixed(1)} s`);
  else console.log(`${tsc.output}\ntype check (tsc --noEmit) failed: exit ${tsc.code}`);
  if (lint.code === 0) console.log(`lint and format (biome check): no findings, ${(lint.ms / 1000).toFixed(1)} s`);
  else {
    console.log(
      `${lint.output}\nlint and format (biome check) failed: exit ${lint.code}. \`npm run format\` formats; lint findings are fixed by hand (or \`npx biome check --write\` for the safe fixes)`,
    );
  }
  if (covered) {
    console.log(covered.output.trim());
    if (covered.code === 0) console.log('coverage: above the floors of .c8rc.json');
    else console.log(`coverage below a floor of .c8rc.json (the lines above say which): exit ${covered.code}`);
  }
  const failed = [tsc.code, lint.code, covered?.code ?? 0].some((code) => code !== 0);
  process.exit(mochaCode !== 0 ? mochaCode : failed ? 1 : 0);
})();
