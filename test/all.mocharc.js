/**
 * `npm test`'s mocha configuration: .mocharc.json plus every test/**\/*.spec.ts, run in parallel
 * (one worker process per file at a time; MOCHA_JOBS workers, 4 by default, 1 to run serially).
 * Many suites mostly wait (bots restarted around a reminder's date, PostgreSQL, the Playground), so
 * four workers on two cores keep the CPU busy (151–171 s against 170–185 s with three). The slowest
 * files go first, so that the run does not end waiting for one of them started last; the others follow
 * in alphabetical order.
 */
'use strict';
const { readdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const SLOW_FIRST = [
  'test/reminders/restartReplicas.spec.ts',
  'test/reminders/restart.spec.ts',
  'test/fuzz/server.fuzz.spec.ts',
  'test/reminders/restartKill.spec.ts',
  'test/reminders/crash.spec.ts',
  'test/playground/playground.spec.ts',
  'test/server/process.spec.ts',
  'test/server/startupErrors.spec.ts',
  'test/reminders/replicas.spec.ts',
  'test/cards/browser.spec.ts',
  'test/storage/dbStorage.spec.ts',
  'test/playground/experts.spec.ts',
  'test/experts/durability.spec.ts',
  'test/server/bundle.spec.ts',
  'test/manifest/appPackage.spec.ts',
];

function specFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : specFiles(path);
    return entry.name.endsWith('.spec.ts') ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

// With coverage on (NODE_V8_COVERAGE, set by scripts/test.js), a worker writes its coverage as it exits:
// about 20 MB of JSON, which on a loaded machine takes longer than the one second workerpool (mocha's
// worker pool) waits before killing a worker it asked to stop, and a killed worker's coverage is lost
// (the figure then varied by ten points from run to run). Mocha does not expose that wait: the pool it
// creates is given a longer one here, in the process that creates it.
if (process.env.NODE_V8_COVERAGE) {
  const workerpool = require(require.resolve('workerpool', { paths: [require.resolve('mocha')] }));
  const pool = workerpool.pool;
  workerpool.pool = (script, options) => pool(script, { ...options, workerTerminateTimeout: 60_000 });
}

const all = specFiles(join(ROOT, 'test')).sort();
const jobs = Number(process.env.MOCHA_JOBS || 4);
module.exports = {
  ...require('../.mocharc.json'),
  spec: [...SLOW_FIRST.filter((f) => all.includes(f)), ...all.filter((f) => !SLOW_FIRST.includes(f))],
  ...(jobs > 1 ? { parallel: true, jobs } : {}),
};
