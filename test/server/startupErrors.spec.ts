import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asCodedError, ErrorCode, KnowledgeInvalidError, StartupFailedError } from '../../src/errors';
import { bundleArgs, startBotProcess } from '../helpers/botProcess';
import { sharedPostgres } from '../helpers/postgres';

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/**
 * The real entry point as `npm start` runs it (the bundle of src/index.ts) in a child process, for each way start-up can fail: it must print
 * exactly one line on stderr, naming the setting and saying what to do, nothing on stdout, and exit 1.
 */
describe('start-up failures: one line naming the setting, exit 1', function () {
  this.timeout(60_000);
  let botArgs: string[];
  before(async () => {
    botArgs = await bundleArgs();
  });
  let dir: string;
  const running: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lync-fail-'));
  });
  afterEach(() => {
    for (const c of running.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  async function failedStart(env: Record<string, string>): Promise<string> {
    const bot = startBotProcess(botArgs, { PORT: '0', ...env }, dir);
    running.push(bot.child);
    const code = await bot.exited;
    const stderr = bot.stderr.join('');
    assert.equal(code, 1, stderr);
    assert.equal(bot.stdout.join(''), '', 'nothing on stdout');
    const lines = stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, `one line, got:\n${stderr}`);
    return lines[0] as string;
  }

  it('PostgreSQL unreachable (a closed port)', async () => {
    const port = await closedPort();
    const line = await failedStart({ DATABASE_URL: `postgres://bot:secret-pw@127.0.0.1:${port}/bot` });
    assert.equal(
      line,
      `DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${port} (connection refused) — is the server running, and are the host and port right?`,
    );
  });

  it('PostgreSQL refuses the password', async () => {
    const url = new URL((await sharedPostgres()).url);
    url.password = 'not-the-password';
    const line = await failedStart({ DATABASE_URL: url.toString() });
    assert.equal(
      line,
      `DATABASE_URL: PostgreSQL at 127.0.0.1:${url.port} refused user "postgres" (wrong password) — check the user name and password in DATABASE_URL.`,
    );
    assert.ok(!line.includes('not-the-password'));
  });

  it('the PostgreSQL database does not exist', async () => {
    const url = new URL((await sharedPostgres()).url);
    url.pathname = '/no_such_db';
    const line = await failedStart({ DATABASE_URL: url.toString() });
    assert.equal(
      line,
      `DATABASE_URL: database "no_such_db" does not exist on PostgreSQL at 127.0.0.1:${url.port} — create it (createdb no_such_db) or correct its name.`,
    );
  });

  it('the SQLite file cannot be created (a file stands where its folder should be)', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const file = join(dir, 'not-a-folder', 'bot.sqlite');
    const line = await failedStart({ DATABASE_URL: `sqlite:${file}` });
    assert.equal(
      line,
      `DATABASE_URL: cannot create or open the SQLite file ${file} (a file stands where a folder is needed) — choose a path in a writable folder, e.g. sqlite:./data/bot.sqlite`,
    );
  });

  it('LOG_FORMAT is not one of auto, json, pretty', async () => {
    const line = await failedStart({ LOG_FORMAT: 'yaml' });
    assert.match(line, /^LOG_FORMAT: Invalid option: expected one of "auto"\|"json"\|"pretty"$/);
  });

  it('the knowledge folder is missing', async () => {
    const line = await failedStart({ KNOWLEDGE_DIR: join(dir, 'nowhere') });
    assert.equal(
      line,
      `${join(dir, 'nowhere')}: the knowledge folder does not exist (KNOWLEDGE_DIR; default ./knowledge, relative to the working folder)`,
    );
  });
});

describe('asCodedError (what start-up prints)', () => {
  it('keeps a coded error, one line per problem', () => {
    const err = new KnowledgeInvalidError(['a.yaml: x: bad', 'b.yaml: y: bad']);
    assert.equal(asCodedError(err), err);
    assert.deepEqual(err.lines(), ['a.yaml: x: bad', 'b.yaml: y: bad']);
  });

  it('wraps anything else in one line, keeping the original as the cause', () => {
    const original = new TypeError('something\nspread over lines');
    const wrapped = asCodedError(original);
    assert.ok(wrapped instanceof StartupFailedError);
    assert.equal(wrapped.code, ErrorCode.StartupFailed);
    assert.equal(wrapped.cause, original);
    assert.deepEqual(wrapped.lines(), ['Start-up failed: TypeError: something (run with LOG_LEVEL=debug for the stack)']);
    assert.deepEqual(asCodedError('a string').lines(), ['Start-up failed: a string (run with LOG_LEVEL=debug for the stack)']);
  });
});
