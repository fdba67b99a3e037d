/**
 * `npm run kb:unanswered`: what the knowledge-base owner should look at — the questions the bot could
 * not answer (most asked first), the answers people found unhelpful, and the questions experts answered
 * (Ask an expert: question, the expert's answer, how often it was asked), to turn into knowledge entries
 * by hand (nothing is added to the knowledge base automatically). Reads the database the bot uses
 * (DATABASE_URL, default sqlite:./data/bot.sqlite) and never creates one. What it lists covers the last
 * DATA_RETENTION_DAYS days (90 by default): the bot deletes anything older.
 *
 *   npm run kb:unanswered -- [--since YYYY-MM-DD] [--limit N] [--json]
 */
import { readEnvironment } from '../src/config';
import { CodedError } from '../src/errors';
import { kbUnanswered, USAGE, UsageError } from './lib/kbUnanswered';

kbUnanswered(process.argv.slice(2), readEnvironment(), (line) => console.log(line)).catch((err: unknown) => {
  // Messages, not stack traces: the reader is the knowledge-base owner.
  if (err instanceof UsageError) {
    console.error(`${err.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  console.error(err instanceof CodedError ? err.message : err);
  process.exitCode = 1;
});
