/**
 * Paces proactive sends: at most one message per interval per conversation (Teams allows 7 per second
 * per conversation and answers 429 beyond), and at most `globalPerSecond` messages per second overall.
 * Pure timekeeping: `delayFor` says how long to wait before a send may go, `record` notes that it went.
 */
export interface PacerOptions {
  /** Minimum milliseconds between two messages to one conversation (1000 = 1 message per second). */
  perConversationMs: number;
  /** Messages per second across all conversations; 0 or Infinity for no global limit. */
  globalPerSecond: number;
  /** Clock in milliseconds (tests pass a fake one). */
  now?: () => number;
}

export class Pacer {
  private readonly lastByConversation = new Map<string, number>();
  private nextGlobal = 0;
  private readonly now: () => number;

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether pacing is off entirely (for the benchmark). */
  get disabled(): boolean {
    return this.options.perConversationMs <= 0 && !(this.options.globalPerSecond > 0 && Number.isFinite(this.options.globalPerSecond));
  }

  /** Milliseconds to wait before a message to `conversation` may be sent (0: now). */
  delayFor(conversation: string): number {
    const now = this.now();
    const last = this.lastByConversation.get(conversation);
    const perConversation = last === undefined ? 0 : last + this.options.perConversationMs - now;
    const global = this.globalInterval() > 0 ? this.nextGlobal - now : 0;
    return Math.max(0, perConversation, global);
  }

  /**
   * Reserves the slot for a message to `conversation` now. Callers wait `delayFor` first, then call
   * `reserve` synchronously before sending, so two concurrent sends cannot take the same slot.
   */
  reserve(conversation: string): void {
    const now = this.now();
    this.lastByConversation.set(conversation, now);
    const interval = this.globalInterval();
    if (interval > 0) this.nextGlobal = Math.max(this.nextGlobal, now) + interval;
    // Forget conversations whose interval has passed, so the map does not grow with every conversation.
    if (this.lastByConversation.size > 10_000) {
      for (const [id, at] of this.lastByConversation) if (at + this.options.perConversationMs <= now) this.lastByConversation.delete(id);
    }
  }

  private globalInterval(): number {
    const rate = this.options.globalPerSecond;
    return rate > 0 && Number.isFinite(rate) ? 1000 / rate : 0;
  }
}
