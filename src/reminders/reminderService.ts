import type { Deadline, KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { isPast } from './schedule';
import { ALL_DEADLINES, type ReminderSend, type ReminderStore, type Subscription } from './reminderStore';
import type { ReminderTarget } from './reminderRequest';

/** What a subscription request came to. */
export interface SubscribeOutcome {
  /** Deadlines asked for that are still ahead, now scheduled. */
  scheduled: Deadline[];
  /** Deadlines asked for that have passed: answered at once, not scheduled. */
  past: Deadline[];
  /** Other deadlines still ahead (offered when what was asked for has passed). */
  othersAhead: Deadline[];
  /** The request covered every date, including dates added to the knowledge base later. */
  all: boolean;
  leadDays: number[];
}

/**
 * Subscriptions as the conversation sees them: resolves targets against the knowledge base's dates,
 * answers past dates at once, and tells the scheduler when something new is due.
 */
export class ReminderService {
  constructor(
    private readonly store: ReminderStore,
    private readonly kb: KnowledgeBase,
    private readonly now: () => number,
    private readonly onScheduled: () => void = () => undefined,
  ) {}

  deadline(id: string): Deadline | undefined {
    return this.kb.deadlines().find((d) => d.id === id);
  }

  async subscribe(conversationKey: string, target: ReminderTarget, leadDays: number[], lang: Lang): Promise<SubscribeOutcome> {
    const now = this.now();
    const deadlines = this.kb.deadlines();
    const asked = target.kind === 'all' ? deadlines : deadlines.filter((d) => target.ids.includes(d.id));
    const past = asked.filter((d) => isPast(d.date, now));
    const scheduled = asked.filter((d) => !isPast(d.date, now));
    if (target.kind === 'all') {
      await this.store.subscribe({ conversationKey, target: ALL_DEADLINES, leadDays, lang }, deadlines, now);
    } else {
      for (const d of scheduled) await this.store.subscribe({ conversationKey, target: d.id, leadDays, lang }, deadlines, now);
    }
    if (scheduled.length > 0 || target.kind === 'all') this.onScheduled();
    const othersAhead = deadlines.filter((d) => !asked.includes(d) && !isPast(d.date, now));
    return { scheduled, past, othersAhead, all: target.kind === 'all', leadDays };
  }

  async list(conversationKey: string): Promise<{ subscription: Subscription; deadline?: Deadline; next?: ReminderSend }[]> {
    const subscriptions = await this.store.subscriptions(conversationKey);
    return subscriptions.map((s) => {
      const deadline = s.subscription.target === ALL_DEADLINES ? undefined : this.deadline(s.subscription.target);
      return { ...s, ...(deadline ? { deadline } : {}) };
    });
  }

  /** Cancels all of a conversation's reminders, or those about the given deadlines. */
  async cancel(conversationKey: string, target: ReminderTarget): Promise<number> {
    return this.store.cancel(conversationKey, target.kind === 'all' ? undefined : target.ids);
  }
}
