import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { Pacer } from './pacer';
import type { ReminderSend } from './reminderStore';
import { DEFAULT_RETRY, verdictFor, type RetryOptions } from './retryPolicy';

/** Sends one reminder to a conversation (the app: `adapter.continueConversationAsync` + the reminder card). */
export type ReminderSender<S = ReminderSend> = (reference: Partial<ConversationReference>, send: S, lang: string) => Promise<void>;

/** What the scheduler needs of a queued send. */
export interface QueuedSend {
  id: string;
  conversation_key: string;
  attempts: number;
}

/**
 * A queue of proactive sends claimed with leases: the reminder store, and the experts' ticket store
 * (posting tickets, delivering answers), which reuse this scheduler's pacing, retries and take-overs.
 */
export interface SendQueue<S extends QueuedSend> {
  claimDue(owner: string, now: number, limit: number, leaseMs: number): Promise<S[]>;
  /** Where the send goes and in which language; undefined when the conversation is unknown. */
  deliveryContext(send: S): Promise<{ reference: Partial<ConversationReference>; lang: string } | undefined>;
  markSent(id: string, owner: string, now: number): Promise<boolean>;
  markRetry(id: string, owner: string, nextAttemptAt: number, error: string): Promise<void>;
  markFailed(id: string, owner: string, error: string): Promise<void>;
  /** The bot was removed or blocked (403/404). */
  deactivateConversation(conversationKey: string, reason: string): Promise<void>;
}

export interface SchedulerOptions {
  /** How often to look for due sends when there were none. */
  pollMs: number;
  /** Sends claimed per query. */
  batchSize: number;
  /** How long a claim holds before another replica may take the send over (a crashed holder). */
  leaseMs: number;
  /** Sends in flight at once. */
  concurrency: number;
  /** Minimum milliseconds between two messages to one conversation (0: off). */
  perConversationMs: number;
  /** Messages per second overall (0: no limit). */
  globalPerSecond: number;
  retry?: RetryOptions;
  /** Told how each send ended (for metrics). */
  onOutcome?: (outcome: 'sent' | 'retry' | 'deactivated' | 'failed') => void;
}

export const DEFAULT_SCHEDULER: SchedulerOptions = {
  pollMs: 1000,
  batchSize: 50,
  leaseMs: 60_000,
  concurrency: 8,
  perConversationMs: 1000,
  globalPerSecond: 20,
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Delivers due reminders. Each send is claimed with a lease, delivered, and recorded; a crash leaves it
 * `sending` until its lease expires, then any replica takes it over, so nothing is lost (a send the
 * connector had already received then arrives twice: the Bot Connector cannot be asked). Paces messages
 * (per conversation and overall); retries 429 and transient failures with backoff; deactivates a
 * conversation on 403/404. `stop()` stops claiming and waits for the sends in flight.
 */
export class ReminderScheduler<S extends QueuedSend = ReminderSend> {
  /** This instance's name in leases. */
  readonly owner = `scheduler-${randomUUID()}`;
  private readonly pacer: Pacer;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Conversations with a send in progress here: their next send waits (order and pacing). */
  private readonly busy = new Set<string>();

  constructor(
    private readonly store: SendQueue<S>,
    private readonly sender: ReminderSender<S>,
    private readonly logger: Logger,
    private readonly options: SchedulerOptions = DEFAULT_SCHEDULER,
    private readonly now: () => number = Date.now,
  ) {
    this.pacer = new Pacer({ perConversationMs: options.perConversationMs, globalPerSecond: options.globalPerSecond, now });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming, lets the sends in flight finish (their results are recorded), then resolves. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Started and not stopped: claiming and delivering. */
  isRunning(): boolean {
    return this.running;
  }

  /** Looks for due sends now instead of at the next poll (after a subscription, in tests). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed: S[] = [];
      try {
        // Claim when at least half the slots are free, so that claims come in batches, not one per send.
        const room = this.options.concurrency - this.inFlight.size;
        if (room > 0 && (room * 2 >= this.options.concurrency || this.inFlight.size === 0))
          claimed = await this.store.claimDue(this.owner, this.now(), Math.min(room, this.options.batchSize), this.options.leaseMs);
      } catch (err) {
        this.logger.error({ err }, 'could not claim due reminders');
      }
      for (const send of claimed) this.track(this.deliver(send));
      if (claimed.length === 0 || this.inFlight.size * 2 > this.options.concurrency) await this.idle();
    }
  }

  /** Waits for the next poll, a poke, or a send finishing. */
  private async idle(): Promise<void> {
    await new Promise<void>((resolve) => {
      const busy = this.inFlight.size * 2 > this.options.concurrency;
      const timer = setTimeout(done, busy ? this.options.pollMs * 10 : this.options.pollMs);
      if (busy) void Promise.race([...this.inFlight]).then(done);
      this.wake = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
    this.wake = undefined;
  }

  private track(p: Promise<void>): void {
    const tracked = p.finally(() => {
      this.inFlight.delete(tracked);
    });
    this.inFlight.add(tracked);
  }

  private async deliver(send: S): Promise<void> {
    const conversation = send.conversation_key;
    try {
      while (this.busy.has(conversation)) await sleep(50);
      this.busy.add(conversation);
      for (let wait = this.pacer.delayFor(conversation); wait > 0; wait = this.pacer.delayFor(conversation)) await sleep(wait);
      this.pacer.reserve(conversation);
      const target = await this.store.deliveryContext(send);
      if (!target) {
        this.options.onOutcome?.('failed');
        await this.store.markFailed(send.id, this.owner, 'no conversation reference');
        return;
      }
      await this.sender(target.reference, send, target.lang);
      this.options.onOutcome?.('sent');
      if (!(await this.store.markSent(send.id, this.owner, this.now())))
        this.logger.warn({ sendId: send.id }, 'reminder sent after its lease passed to another instance');
    } catch (err) {
      await this.failed(send, err);
    } finally {
      this.busy.delete(conversation);
    }
  }

  private async failed(send: S, err: unknown): Promise<void> {
    const verdict = verdictFor(err, send.attempts + 1, this.options.retry ?? DEFAULT_RETRY);
    const message = err instanceof Error ? err.message : String(err);
    this.options.onOutcome?.(verdict.action === 'retry' ? 'retry' : verdict.action === 'deactivate' ? 'deactivated' : 'failed');
    try {
      if (verdict.action === 'retry') {
        this.logger.warn(
          { sendId: send.id, attempt: send.attempts + 1, delayMs: verdict.delayMs, err: message },
          'reminder send failed; will retry',
        );
        await this.store.markRetry(send.id, this.owner, this.now() + verdict.delayMs, message);
      } else if (verdict.action === 'deactivate') {
        this.logger.info({ conversation: send.conversation_key, reason: verdict.reason }, 'bot removed or blocked: reminders deactivated');
        await this.store.deactivateConversation(send.conversation_key, verdict.reason);
      } else {
        this.logger.error({ sendId: send.id, reason: verdict.reason }, 'reminder send failed for good');
        await this.store.markFailed(send.id, this.owner, verdict.reason);
      }
    } catch (storeErr) {
      // The lease expires and another attempt follows: nothing is lost.
      this.logger.error({ err: storeErr, sendId: send.id }, 'could not record a failed reminder send');
    }
  }
}
