#!/usr/bin/env node
/**
 * `npm test`: the type check (tsc, whole project) and every mocha test (test/all.mocharc.js) at the
 * same time: the type check fills the time the suites spend waiting for processes and dates. Mocha's
 * output streams as usual; the type checker's is printed after it. Fails if either fails.
 */
'use strict';
const { spawn } = require('node:child_process');
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

const started = Date.now();
let typecheckOutput = '';
const typecheck = spawn(process.execPath, [bin('typescript', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'pipe'],
});
typecheck.stdout.on('data', (c) => {
  typecheckOutput += c;
});
typecheck.stderr.on('data', (c) => {
  typecheckOutput += c;
});
const typecheckDone = new Promise((resolve) => typecheck.once('close', (code) => resolve({ code, ms: Date.now() - started })));

const mocha = spawn(process.execPath, [bin('mocha', 'mocha.js'), '--config', 'test/all.mocharc.js', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
const mochaDone = new Promise((resolve) => mocha.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    typecheck.kill(signal);
    mocha.kill(signal);
  });
}

Promise.all([typecheckDone, mochaDone]).then(([tsc, mochaCode]) => {
  if (tsc.code === 0) console.log(`type check (tsc --noEmit): no errors, ${(tsc.ms / 1000).toFixed(1)} s`);
  else console.log(`${typecheckOutput}\ntype check (tsc --noEmit) failed: exit ${tsc.code}`);
  process.exit(mochaCode !== 0 ? mochaCode : tsc.code === 0 ? 0 : 1);
});
