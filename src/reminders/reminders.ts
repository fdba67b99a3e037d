import { TurnContext, type CloudAdapter, type Middleware, type Activity } from '../framework';
import type { Logger } from 'pino';
import { reminderAnswer } from '../answers/reminderAnswers';
import type { Answer } from '../answers/answer';
import type { Config } from '../config';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { Database } from '../storage/database';
import { ReminderScheduler, type SchedulerOptions } from './scheduler';
import { ReminderService } from './reminderService';
import { conversationKeyOf, ReminderStore } from './reminderStore';

/** The scheduler's settings from the configuration. */
export function schedulerOptions(config: Config): SchedulerOptions {
  return {
    pollMs: config.REMINDER_POLL_MS,
    batchSize: Math.max(50, config.REMINDER_CONCURRENCY * 4),
    leaseMs: config.REMINDER_LEASE_MS,
    concurrency: config.REMINDER_CONCURRENCY,
    perConversationMs: config.REMINDER_CONVERSATION_INTERVAL_MS,
    globalPerSecond: config.REMINDERS_PER_SECOND,
  };
}

/** Reminders as the app uses them: the store, the conversation-side service, and (once started) the scheduler. */
export interface Reminders {
  store: ReminderStore;
  service: ReminderService;
  /** Refreshes the conversation reference on every incoming activity. */
  middleware: Middleware;
  /** Deletes what is stored about a conversation the bot has left. */
  forget(context: TurnContext): Promise<void>;
  /** Brings sends in line with the knowledge base, then starts delivering (after the adapter exists). */
  start(adapter: CloudAdapter, render: (channelId: string, answer: Answer) => Partial<Activity>): Promise<ReminderScheduler>;
}

export function createReminders(deps: {
  database: Database;
  kb: KnowledgeBase;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Told how each send ended (metrics). */
  onSendOutcome?: SchedulerOptions['onOutcome'];
}): Reminders {
  const { database, kb, config, logger, now } = deps;
  const store = new ReminderStore(database.db, database.dialect);
  let scheduler: ReminderScheduler | undefined;
  const service = new ReminderService(
    store,
    kb,
    () => now().getTime(),
    () => scheduler?.poke(),
  );
  return {
    store,
    service,
    middleware: {
      onTurn: async (context, next) => {
        const { activity } = context;
        if (activity.conversation?.id && activity.channelId)
          await store.saveReference(TurnContext.getConversationReference(activity), now().getTime());
        await next();
      },
    },
    forget: (context) => store.forgetConversation(conversationKeyOf(TurnContext.getConversationReference(context.activity))),
    async start(adapter, render) {
      const started = performance.now();
      const { added, cancelled } = await store.reschedule(kb.deadlines(), now().getTime());
      const overdue = await store.overdueCount(now().getTime());
      if (added + cancelled > 0)
        logger.info(
          { added, cancelled, ms: Math.round(performance.now() - started) },
          'reminder sends rescheduled from the knowledge base',
        );
      if (overdue > 0) logger.info({ overdue }, 'reminders that fell due while the bot was down go out now, marked as late');
      scheduler = new ReminderScheduler(
        store,
        async (reference, send, lang) => {
          const deadline = kb.deadlines().find((d) => d.id === send.deadline_id);
          if (!deadline) throw new Error(`deadline ${send.deadline_id} is no longer in the knowledge base`);
          const activity = render(
            reference.channelId ?? '',
            reminderAnswer(kb, deadline, lang as Lang, now(), Number(send.due_at), config.REMINDER_LATE_AFTER_MS),
          );
          await adapter.continueConversationAsync(config.MicrosoftAppId ?? '', reference, async (context) => {
            await context.sendActivity(activity);
          });
        },
        logger,
        { ...schedulerOptions(config), ...(deps.onSendOutcome ? { onOutcome: deps.onSendOutcome } : {}) },
        () => now().getTime(),
      );
      scheduler.start();
      return scheduler;
    },
  };
}
