import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/storage/database';
import { FeedbackStore } from '../../src/storage/feedbackStore';
import { TicketStore } from '../../src/experts/ticketStore';
import { kbUnanswered as report, USAGE, UsageError } from '../../scripts/lib/kbUnanswered';
import { freshDatabaseUrl, tempPath } from './testDatabases';

const execFileAsync = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(ROOT, 'scripts/kbUnanswered.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  cwd: string;
}

/**
 * `npm run kb:unanswered` as the knowledge-base owner runs it (`tsx scripts/kbUnanswered.ts`), from an
 * empty folder so that no developer's `.env` is read, with DATABASE_URL set (or unset) as given.
 */
async function npmRun(databaseUrl: string | undefined, args: string[] = [], more: Record<string, string> = {}): Promise<Run> {
  const cwd = tempPath('cwd');
  mkdirSync(cwd, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ...more };
  delete env.DATABASE_URL;
  if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl;
  try {
    const { stdout, stderr } = await execFileAsync(TSX, [SCRIPT, ...args], { cwd, env });
    return { code: 0, stdout, stderr, cwd };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', cwd };
  }
}

/**
 * The same report in this process (scripts/lib/kbUnanswered.ts, which the command prints), on the
 * database `databaseUrl`: what the command would print and its exit code (2 for a usage mistake).
 */
async function kbUnanswered(databaseUrl: string, args: string[] = [], more: Record<string, string> = {}): Promise<Run> {
  const lines: string[] = [];
  try {
    await report(args, { DATABASE_URL: databaseUrl, ...more }, (line) => lines.push(line));
    return { code: 0, stdout: lines.map((l) => `${l}\n`).join(''), stderr: '', cwd: '' };
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return { code: 2, stdout: lines.join('\n'), stderr: `${err.message}\n${USAGE}\n`, cwd: '' };
  }
}

/** A database with three unanswered questions (one asked twice) and some feedback. */
async function seed(url: string): Promise<void> {
  const database = await openDatabase(url);
  let now = Date.parse('2026-11-01T09:00:00Z');
  const store = new FeedbackStore(database.db, () => new Date(now));
  const asked = async (question: string, lang: 'en' | 'fr', day: string): Promise<void> => {
    now = Date.parse(`${day}T09:00:00Z`);
    await store.recordUnanswered({ channelId: 'msteams', question, lang, intent: 'support', confidence: 0.2, reason: 'out-of-scope' });
  };
  await asked('Is  Zoom supported?', 'en', '2026-11-01');
  await asked('Lync Phone Edition ?', 'fr', '2026-11-03');
  await asked('is zoom SUPPORTED', 'fr', '2026-11-05');
  await asked('Does Lync 2013 run on Windows Server 2022?', 'en', '2026-11-07');
  now = Date.parse('2026-11-06T10:00:00Z');
  await store.recordFeedback({
    channelId: 'msteams',
    helpful: true,
    lang: 'en',
    question: 'is lync 2010 supported?',
    intent: 'support',
    answerKind: 'matrix',
  });
  await store.recordFeedback({
    channelId: 'msteams',
    helpful: false,
    lang: 'en',
    question: 'When did AOL federation end?',
    intent: 'pic.end_date',
    answerKind: 'provider',
  });
  await database.close();
}

describe('npm run kb:unanswered', () => {
  it('says so plainly when there is no database, and creates none (default DATABASE_URL)', async () => {
    const run = await npmRun(undefined);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `No unanswered questions recorded yet (No database at sqlite:${join(run.cwd, 'data/bot.sqlite')}).\n`);
    assert.equal(existsSync(join(run.cwd, 'data')), false, 'no data folder created');
    const json = await npmRun(undefined, ['--json']);
    assert.deepEqual(JSON.parse(json.stdout), {
      since: null,
      retentionDays: 90,
      unanswered: [],
      feedback: { helpful: 0, notHelpful: 0, byIntent: [], notHelpfulQuestions: [] },
      answeredByExperts: [],
    });
  });

  it('says so plainly on an empty database', async () => {
    const url = await freshDatabaseUrl('sqlite');
    await (await openDatabase(url)).close();
    const run = await kbUnanswered(url);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^No unanswered questions recorded yet\.$/m);
    assert.match(run.stdout, /^No feedback on answers recorded yet\.$/m);
    assert.match(run.stdout, /^No questions answered by experts yet\.$/m);
  });

  it('lists questions answered by experts: question, answer, expert, how often it was asked', async () => {
    const url = await freshDatabaseUrl('sqlite');
    const database = await openDatabase(url);
    const tickets = new TicketStore(database.db, database.dialect);
    const feedback = new FeedbackStore(database.db);
    const ref = {
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:1/',
      conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
    };
    const ask = (question: string) =>
      tickets.create(
        {
          channelId: 'msteams',
          lang: 'en',
          question,
          askerId: '29:a',
          askerName: 'Alex',
          askerConversationKey: 'msteams:a:1',
          askerReference: ref,
          expertsConversationId: '19:x@thread.tacv2',
          expertsReference: ref,
          expertsLang: 'en',
        },
        Date.parse('2026-11-02T09:00:00Z'),
      );
    const answered = await ask('Is Lync 2010 supported on Skype for Business Server 2015?');
    await ask('is lync 2010 supported on skype for business server 2015');
    const open = await ask('Does Lync 2013 run on Windows Server 2022?');
    for (let i = 0; i < 3; i++)
      await feedback.recordUnanswered({
        channelId: 'msteams',
        question: 'Is Lync 2010 supported on Skype for Business Server 2015',
        lang: 'en',
        intent: 'support',
        confidence: 0.1,
        reason: 'unknown-product',
      });
    await tickets.change(
      answered.id,
      1,
      { verb: 'answer', expertId: '29:e', expertName: 'Eve Expert', answer: 'Yes, as a legacy client.' },
      Date.parse('2026-11-03T09:00:00Z'),
    );
    await database.close();
    const run = await kbUnanswered(url);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^Questions answered by experts \(candidates for knowledge entries\), newest first:\n +3 +2026-11-03 +en +Is Lync 2010 supported on Skype for Business Server 2015\?\n +→ Yes, as a legacy client\. +\[Eve Expert\]$/m,
    );
    assert.ok(!run.stdout.includes(open.question), 'open tickets are not listed');
    const json = JSON.parse((await kbUnanswered(url, ['--json'])).stdout) as {
      answeredByExperts: { question: string; answer: string; asked: number }[];
    };
    assert.deepEqual(
      json.answeredByExperts.map((t) => [t.question, t.answer, t.asked]),
      [['Is Lync 2010 supported on Skype for Business Server 2015?', 'Yes, as a legacy client.', 3]],
    );
  });

  it('says which period it covers (DATA_RETENTION_DAYS)', async () => {
    const url = await freshDatabaseUrl('sqlite');
    await (await openDatabase(url)).close();
    const run = await kbUnanswered(url);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^Questions from the last 90 days are kept \(DATA_RETENTION_DAYS\); older questions and feedback are deleted\.$/m,
    );
    const shorter = await kbUnanswered(url, ['--json'], { DATA_RETENTION_DAYS: '30' });
    assert.equal((JSON.parse(shorter.stdout) as { retentionDays: number }).retentionDays, 30);
  });

  describe('on a seeded SQLite file', () => {
    let url: string;
    before(async () => {
      url = await freshDatabaseUrl('sqlite');
      await seed(url);
    });

    it('lists unanswered questions most asked first (count, last asked, languages, question), then the feedback', async () => {
      const run = await kbUnanswered(url);
      assert.equal(run.code, 0, run.stderr);
      const lines = run.stdout.split('\n');
      const rows = lines.filter((l) => /^ +\d+ +\d{4}-\d\d-\d\d /.test(l)).map((l) => l.trim().split(/ {2,}/).slice(0, 4));
      assert.deepEqual(rows, [
        ['2', '2026-11-05', 'fr,en', 'is zoom SUPPORTED'],
        ['1', '2026-11-07', 'en', 'Does Lync 2013 run on Windows Server 2022?'],
        ['1', '2026-11-03', 'fr', 'Lync Phone Edition ?'],
        ['1', '2026-11-06', 'When did AOL federation end?', '[pic.end_date]'],
      ]);
      assert.match(run.stdout, /^Questions the bot could not answer, most asked first:$/m);
      assert.match(run.stdout, /^Feedback on answers: 1 helpful, 1 not helpful\.$/m);
      assert.match(run.stdout, /^ +pic\.end_date \/ provider +0 helpful +1 not helpful$/m);
    });

    it('takes --since and --limit', async () => {
      const run = await kbUnanswered(url, ['--since', '2026-11-04', '--limit', '1']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /could not answer since 2026-11-04, most asked first/);
      assert.match(run.stdout, /^ +1 +2026-11-07 +en +Does Lync 2013/m);
      assert.doesNotMatch(run.stdout, /zoom|Phone Edition/i);
    });

    it('prints JSON with --json', async () => {
      const run = await kbUnanswered(url, ['--json', '--limit', '2']);
      assert.equal(run.code, 0, run.stderr);
      const output = JSON.parse(run.stdout) as {
        unanswered: { question: string; count: number; lastAsked: string; langs: string[] }[];
        feedback: { notHelpful: number };
      };
      assert.deepEqual(
        output.unanswered.map((u) => [u.count, u.question, u.lastAsked, u.langs]),
        [
          [2, 'is zoom SUPPORTED', '2026-11-05T09:00:00.000Z', ['fr', 'en']],
          [1, 'Does Lync 2013 run on Windows Server 2022?', '2026-11-07T09:00:00.000Z', ['en']],
        ],
      );
      assert.equal(output.feedback.notHelpful, 1);
    });

    it('refuses bad options with a message and the usage, exit code 2', async () => {
      for (const [args, run] of [
        [['--since', 'yesterday'], await kbUnanswered(url, ['--since', 'yesterday'])],
        [['--limit', '0'], await kbUnanswered(url, ['--limit', '0'])],
        [['--verbose'], await npmRun(url, ['--verbose'])],
      ] as const) {
        assert.equal(run.code, 2, args.join(' '));
        assert.match(run.stderr, /usage: npm run kb:unanswered/);
        assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      }
    });
  });

  it('reads a PostgreSQL database the same way', async () => {
    const url = await freshDatabaseUrl('postgres');
    await seed(url);
    const run = await kbUnanswered(url, ['--limit', '1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ +2 +2026-11-05 +fr,en +is zoom SUPPORTED/m);
    assert.match(run.stdout, /^Feedback on answers: 1 helpful, 1 not helpful\.$/m);
  });
});
