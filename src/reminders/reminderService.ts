import type { Deadline, KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { dueAt, isPast } from './schedule';
import { ALL_DEADLINES, type ReminderSend, type ReminderStore, type Subscription } from './reminderStore';
import type { LeadRequest, ReminderTarget } from './reminderRequest';

/** What a subscription request came to. */
export interface SubscribeOutcome {
  /** Deadlines asked for that are still ahead and got at least one send. */
  scheduled: Deadline[];
  /** Deadlines asked for that have passed: answered at once, not scheduled. */
  past: Deadline[];
  /** Deadlines asked for that are still ahead, but too close for every lead time asked. */
  tooClose: Deadline[];
  /** Per deadline still ahead, the lead times asked for whose moment has passed (minutes). */
  tooLate: { deadline: Deadline; leadMinutes: number[] }[];
  /** Lead times refused as too far ahead (minutes). */
  tooFar: number[];
  /** Other deadlines still ahead (offered when what was asked for has passed). */
  othersAhead: Deadline[];
  /** The request covered every date, including dates added to the knowledge base later. */
  all: boolean;
  /** The lead times asked for (minutes). */
  asked: number[];
  /** The lead times now in force for what was asked (minutes): asked + earlier ones unless replaced. */
  leadMinutes: number[];
  /** Lead times the conversation already had for this target (minutes), when it had a subscription. */
  previous?: number[];
  replaced: boolean;
  /** Dates taken out of "all" earlier and brought back by subscribing to all. */
  restored: Deadline[];
  /** The next reminder this request leads to: when, and about what. */
  next?: { at: number; deadline: Deadline };
}

/** A subscription as the list shows it. */
export interface ListedSubscription {
  subscription: Subscription;
  deadline?: Deadline;
  next?: ReminderSend;
  /** For an every-date subscription: the dates taken out of it. */
  except?: Deadline[];
}

/**
 * Subscriptions as the conversation sees them: resolves targets against the knowledge base's dates,
 * answers past dates at once, says which lead times cannot be honoured, and tells the scheduler when
 * something new is due.
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

  async subscribe(conversationKey: string, target: ReminderTarget, request: LeadRequest, lang: Lang): Promise<SubscribeOutcome> {
    const now = this.now();
    const deadlines = this.kb.deadlines();
    const asked = target.kind === 'all' ? deadlines : deadlines.filter((d) => target.ids.includes(d.id));
    const past = asked.filter((d) => isPast(d.date, now));
    const ahead = asked.filter((d) => !isPast(d.date, now));
    const possible = (d: Deadline): number[] => request.minutes.filter((m) => dueAt(d.date, m) > now);
    const tooLate = ahead
      .map((d) => ({ deadline: d, leadMinutes: request.minutes.filter((m) => dueAt(d.date, m) <= now) }))
      .filter((t) => t.leadMinutes.length > 0);
    const scheduled = ahead.filter((d) => possible(d).length > 0);
    const tooClose = request.minutes.length === 0 ? [] : ahead.filter((d) => possible(d).length === 0);
    let previous: number[] | undefined;
    let leadMinutes = request.minutes;
    let restored: Deadline[] = [];
    const subscribeTo = async (id: string): Promise<void> => {
      const r = await this.store.subscribe(
        { conversationKey, target: id, leadMinutes: request.minutes, lang, replace: request.replace },
        deadlines,
        now,
      );
      previous ??= r.previousLeadMinutes;
      leadMinutes = r.subscription.leadMinutes;
      restored = [...restored, ...r.restored.flatMap((t) => deadlines.filter((d) => d.id === t))];
    };
    if (request.minutes.length > 0) {
      if (target.kind === 'all') await subscribeTo(ALL_DEADLINES);
      else for (const d of scheduled) await subscribeTo(d.id);
    }
    if (scheduled.length > 0 || target.kind === 'all') this.onScheduled();
    const othersAhead = deadlines.filter((d) => !asked.includes(d) && !isPast(d.date, now));
    const upcoming = scheduled
      .flatMap((d) => leadMinutes.map((m) => ({ at: dueAt(d.date, m), deadline: d })))
      .filter((n) => n.at > now)
      .sort((a, b) => a.at - b.at);
    return {
      scheduled,
      past,
      tooClose,
      tooLate,
      tooFar: request.tooFar,
      othersAhead,
      all: target.kind === 'all',
      asked: request.minutes,
      leadMinutes,
      replaced: request.replace && previous !== undefined,
      restored,
      ...(previous ? { previous } : {}),
      ...(upcoming[0] ? { next: upcoming[0] } : {}),
    };
  }

  async list(conversationKey: string): Promise<ListedSubscription[]> {
    const { items, excluded } = await this.store.subscriptions(conversationKey);
    const except = excluded.flatMap((id) => (this.deadline(id) ? [this.deadline(id) as Deadline] : []));
    return items.map((s) => {
      if (s.subscription.target === ALL_DEADLINES) return { ...s, ...(except.length > 0 ? { except } : {}) };
      const deadline = this.deadline(s.subscription.target);
      return { ...s, ...(deadline ? { deadline } : {}) };
    });
  }

  /** Cancels all of a conversation's reminders, or those about the given deadlines (taking them out of "all"). */
  async cancel(conversationKey: string, target: ReminderTarget): Promise<number> {
    return this.store.cancel(conversationKey, target.kind === 'all' ? undefined : target.ids, this.kb.deadlines(), this.now());
  }
}
