import type { DeleteResult, Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DatabaseTables } from './tables';

const DAY_MS = 86_400_000;

/** Rows deleted by one pass, per table. */
export interface RetentionResult {
  unanswered: number;
  feedback: number;
  /** Conversation state not written since the cut-off (idle conversations). */
  botState: number;
  /** Expert tickets unchanged for `ticketDays` (their question, note and answer; their sends go with them). */
  tickets: number;
}

export interface RetentionOptions {
  /** `DATA_RETENTION_DAYS`: rows older than this are deleted. */
  days: number;
  /** `EXPERT_TICKET_RETENTION_DAYS`: tickets unchanged for this long are deleted (default: `days`). */
  ticketDays?: number;
  /** Rows per DELETE statement (default 500). */
  batchSize?: number;
  /** Delay before the first pass after `start()` (default one minute: after start-up, not during it). */
  firstRunMs?: number;
  /** Delay between passes (default one hour). */
  intervalMs?: number;
  now?: () => number;
}

/** Gives the event loop a turn: on SQLite each statement runs synchronously, so turns wait in between. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Deletes unanswered questions, feedback and idle conversations' state older than `days`, in small
 * batches so that no statement holds the database long and turns run between batches.
 *
 * Each batch is `DELETE … WHERE id IN (SELECT id … WHERE at < cutoff LIMIT n) AND at < cutoff`, the same
 * on SQLite and PostgreSQL. Two replicas running it at once is harmless: a row is deleted once, and the
 * other statement skips it. The outer condition is re-checked by PostgreSQL on a row a turn has just
 * written, so a conversation that became active during the pass keeps its state.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionResult> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Kysely<DatabaseTables>,
    private readonly logger: Logger,
    private readonly options: RetentionOptions,
  ) {}

  /** Runs a pass after `firstRunMs`, then every `intervalMs`; the timers never keep the process alive. */
  start(): void {
    this.stopped = false;
    this.schedule(this.options.firstRunMs ?? 60_000);
  }

  /** Cancels the next pass and waits for the one in progress, which stops after its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass now: deletes what is older than the period and logs the counts. */
  async runOnce(): Promise<RetentionResult> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((err: unknown) => this.logger.warn({ err }, 'data retention pass failed; next attempt at the next interval'))
        .finally(() => this.schedule(this.options.intervalMs ?? 3_600_000));
    }, delayMs);
    this.timer.unref();
  }

  private async pass(): Promise<RetentionResult> {
    const { days } = this.options;
    const n = this.options.batchSize ?? 500;
    const cutoff = (this.options.now ?? Date.now)() - days * DAY_MS;
    const ticketCutoff = (this.options.now ?? Date.now)() - (this.options.ticketDays ?? days) * DAY_MS;
    const started = performance.now();
    const { db } = this;
    const result: RetentionResult = {
      unanswered: await this.inBatches(n, () =>
        db
          .deleteFrom('unanswered')
          .where('id', 'in', db.selectFrom('unanswered').select('id').where('at', '<', cutoff).limit(n))
          .where('at', '<', cutoff)
          .executeTakeFirst(),
      ),
      feedback: await this.inBatches(n, () =>
        db
          .deleteFrom('feedback')
          .where('id', 'in', db.selectFrom('feedback').select('id').where('at', '<', cutoff).limit(n))
          .where('at', '<', cutoff)
          .executeTakeFirst(),
      ),
      botState: await this.inBatches(n, () =>
        db
          .deleteFrom('bot_state')
          .where('key', 'in', db.selectFrom('bot_state').select('key').where('updated_at', '<', cutoff).limit(n))
          .where('updated_at', '<', cutoff)
          .executeTakeFirst(),
      ),
      // Their sends are deleted with them (foreign key, on delete cascade).
      tickets: await this.inBatches(n, () =>
        db
          .deleteFrom('expert_tickets')
          .where('id', 'in', db.selectFrom('expert_tickets').select('id').where('updated_at', '<', ticketCutoff).limit(n))
          .where('updated_at', '<', ticketCutoff)
          .executeTakeFirst(),
      ),
    };
    const total = result.unanswered + result.feedback + result.botState + result.tickets;
    this.logger.info(
      { ...result, days, cutoff: new Date(cutoff).toISOString(), ms: Math.round(performance.now() - started) },
      total > 0
        ? 'data retention: rows older than the retention period deleted'
        : 'data retention: nothing older than the retention period',
    );
    return result;
  }

  /** Runs a batch statement until it deletes fewer than `batchSize` rows (or the job stops); returns the total. */
  private async inBatches(batchSize: number, batch: () => Promise<DeleteResult>): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = Number((await batch()).numDeletedRows);
      deleted += n;
      if (n < batchSize || this.stopped) return deleted;
      await yieldToEventLoop();
    }
  }
}
