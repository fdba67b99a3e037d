/**
 * The report behind `npm run kb:unanswered` (scripts/kbUnanswered.ts, which prints it): the questions the
 * bot could not answer, the feedback, and the questions experts answered, from the bot's database.
 */
import { parseArgs } from 'node:util';
import { parseConfig } from '../../src/config';
import { openDatabase } from '../../src/storage/database';
import { FeedbackStore, type FeedbackSummary, type ListOptions, type UnansweredQuestion } from '../../src/storage/feedbackStore';
import { DatabaseNotFoundError } from '../../src/errors';
import { TicketStore, type AnsweredTicket } from '../../src/experts/ticketStore';

export const USAGE = 'usage: npm run kb:unanswered -- [--since YYYY-MM-DD] [--limit N] [--json]';

/** A mistake in how the command was called: exit code 2 with the usage line. */
export class UsageError extends Error {}

interface Options extends ListOptions {
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { since: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false } },
    }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const options: Options = { json: values.json ?? false };
  if (values.since !== undefined) {
    const since = /^\d{4}-\d{2}-\d{2}$/.test(values.since) ? new Date(`${values.since}T00:00:00Z`) : new Date(NaN);
    if (Number.isNaN(since.getTime())) throw new UsageError(`--since: expected a date like 2026-11-01, got "${values.since}"`);
    options.since = since;
  }
  if (values.limit !== undefined) {
    const limit = Number(values.limit);
    if (!(Number.isInteger(limit) && limit > 0)) throw new UsageError(`--limit: expected a positive whole number, got "${values.limit}"`);
    options.limit = limit;
  }
  return options;
}

/** Where the report's lines go. */
export type Print = (line: string) => void;

const day = (d: Date): string => d.toISOString().slice(0, 10);

function printUnanswered(print: Print, unanswered: UnansweredQuestion[], since: Date | undefined): void {
  if (unanswered.length === 0) {
    print(`No unanswered questions recorded yet${since ? ` since ${day(since)}` : ''}.`);
    return;
  }
  print(`Questions the bot could not answer${since ? ` since ${day(since)}` : ''}, most asked first:`);
  print(`  ${'count'.padStart(5)}  ${'last asked'.padEnd(10)}  ${'lang'.padEnd(5)}  question`);
  for (const u of unanswered) {
    print(
      `  ${String(u.count).padStart(5)}  ${day(u.lastAsked)}  ${u.langs.join(',').padEnd(5)}  ${u.question}  [${u.reason}; looked like ${u.intent}]`,
    );
  }
}

function printFeedback(print: Print, feedback: FeedbackSummary): void {
  if (feedback.helpful + feedback.notHelpful === 0) {
    print('No feedback on answers recorded yet.');
    return;
  }
  print(`Feedback on answers: ${feedback.helpful} helpful, ${feedback.notHelpful} not helpful.`);
  for (const f of feedback.byIntent) {
    print(
      `  ${`${f.intent ?? '(no intent)'} / ${f.answerKind ?? '(no kind)'}`.padEnd(40)}  ${String(f.helpful).padStart(4)} helpful  ${String(f.notHelpful).padStart(4)} not helpful`,
    );
  }
  if (feedback.notHelpfulQuestions.length === 0) return;
  print('Answers judged not helpful, most often first:');
  for (const q of feedback.notHelpfulQuestions) {
    print(`  ${String(q.count).padStart(5)}  ${day(q.lastAt)}  ${q.question}  [${q.intent ?? '(no intent)'}]`);
  }
}

function printAnswered(print: Print, answered: AnsweredTicket[]): void {
  if (answered.length === 0) {
    print('No questions answered by experts yet.');
    return;
  }
  print('Questions answered by experts (candidates for knowledge entries), newest first:');
  for (const t of answered) {
    print(`  ${String(t.asked).padStart(5)}  ${day(t.answeredAt)}  ${t.lang.padEnd(5)}  ${t.question}`);
    print(`  ${''.padStart(5)}  ${''.padEnd(10)}  ${''.padEnd(5)}  → ${t.answer.replace(/\s*\n\s*/g, ' ')}  [${t.answeredBy}]`);
  }
}

/**
 * The report for `argv` (the command's arguments) on the database `env` names (DATABASE_URL,
 * DATA_RETENTION_DAYS), line by line to `print`. Throws UsageError for a mistake in the arguments.
 */
export async function kbUnanswered(argv: string[], env: Record<string, string | undefined>, print: Print): Promise<void> {
  const options = parseOptions(argv);
  const config = parseConfig(env);
  let database;
  try {
    database = await openDatabase(config.DATABASE_URL, { mustExist: true });
  } catch (err) {
    if (!(err instanceof DatabaseNotFoundError)) throw err;
    const nothing: FeedbackSummary = { helpful: 0, notHelpful: 0, byIntent: [], notHelpfulQuestions: [] };
    if (options.json)
      print(
        JSON.stringify(
          {
            since: options.since ?? null,
            retentionDays: config.DATA_RETENTION_DAYS,
            unanswered: [],
            feedback: nothing,
            answeredByExperts: [],
          },
          null,
          2,
        ),
      );
    else print(`No unanswered questions recorded yet (No database at ${err.description}).`);
    return;
  }
  try {
    const store = new FeedbackStore(database.db);
    const unanswered = await store.listUnanswered(options);
    const feedback = await store.feedbackSummary(options);
    const answeredByExperts = await new TicketStore(database.db, database.dialect).answered(options);
    if (options.json) {
      print(
        JSON.stringify(
          { since: options.since ?? null, retentionDays: config.DATA_RETENTION_DAYS, unanswered, feedback, answeredByExperts },
          null,
          2,
        ),
      );
      return;
    }
    // The bot deletes older rows (src/storage/retention.ts): say what period this can cover.
    print(
      `Questions from the last ${config.DATA_RETENTION_DAYS} days are kept (DATA_RETENTION_DAYS); older questions and feedback are deleted.\n`,
    );
    printUnanswered(print, unanswered, options.since);
    print('');
    printFeedback(print, feedback);
    print('');
    printAnswered(print, answeredByExperts);
  } finally {
    await database.close();
  }
}
