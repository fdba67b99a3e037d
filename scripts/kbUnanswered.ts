/**
 * `npm run kb:unanswered`: what the knowledge-base owner should look at — questions the bot could not
 * answer (most asked first) and answers people found unhelpful. Reads the database the bot uses
 * (DATABASE_URL, default sqlite:./data/bot.sqlite); never creates one.
 *
 *   npm run kb:unanswered -- [--since YYYY-MM-DD] [--limit N] [--json]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { CodedError } from '../src/errors';
import { openDatabase } from '../src/storage/database';
import { FeedbackStore } from '../src/storage/feedbackStore';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { since: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false } } }).values;
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\nusage: npm run kb:unanswered -- [--since YYYY-MM-DD] [--limit N] [--json]`);
  }
  const since = args.since !== undefined ? Date.parse(`${args.since}T00:00:00Z`) : undefined;
  if (since !== undefined && !Number.isFinite(since)) fail(`--since: expected a date like 2026-11-01, got "${args.since}"`);
  const limit = args.limit !== undefined ? Number(args.limit) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) fail(`--limit: expected a positive whole number, got "${args.limit}"`);

  let config;
  try { config = loadConfig(); } catch (err) { fail(err instanceof CodedError ? err.message : String(err)); }
  const url = config.DATABASE_URL;
  if (url.startsWith('sqlite:') && url !== 'sqlite::memory:' && !existsSync(resolve(url.slice('sqlite:'.length)))) {
    if (args.json) console.log(JSON.stringify({ unanswered: [], feedback: null }));
    else console.log(`No unanswered questions recorded yet (no database at ${url.slice('sqlite:'.length)}).`);
    return;
  }
  const database = await openDatabase(url);
  try {
    const store = new FeedbackStore(database.db);
    const options = { ...(since !== undefined ? { since } : {}), ...(limit !== undefined ? { limit } : {}) };
    const unanswered = await store.listUnanswered(options);
    const feedback = await store.feedbackSummary(options);
    if (args.json) {
      console.log(JSON.stringify({ unanswered, feedback }, null, 2));
      return;
    }
    const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    if (unanswered.length === 0) console.log('No unanswered questions recorded yet.');
    else {
      console.log(`Questions the bot could not answer (${unanswered.length}, most asked first):`);
      for (const u of unanswered) console.log(`  ${String(u.count).padStart(4)}×  ${day(u.lastAsked)}  ${u.langs.join(',').padEnd(5)}  ${u.question}  [${u.reason}; looked like ${u.intent}]`);
    }
    console.log('');
    console.log(`Feedback: ${feedback.helpful} helpful, ${feedback.notHelpful} not helpful.`);
    for (const f of feedback.byIntent.filter((b) => b.notHelpful > 0)) console.log(`  ${f.intent} (${f.answerKind}): ${f.notHelpful} not helpful, ${f.helpful} helpful`);
    if (feedback.notHelpfulQuestions.length > 0) {
      console.log('Answers judged not helpful:');
      for (const q of feedback.notHelpfulQuestions) console.log(`  ${day(q.at)}  ${q.question}  [${q.intent}]`);
    }
  } finally {
    await database.close();
  }
}

void main();
