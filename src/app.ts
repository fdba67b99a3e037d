import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ConversationState, type Storage, type TurnContext } from './framework';
import type { DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type restify from 'restify';
import { RootDialog } from '../dialogs/rootDialog';
import type { DialogDeps } from '../dialogs/dialogDeps';
import type { Answer } from './answers/answer';
import type { ConversationMemory } from './bot/conversationMemory';
import type { QuestionLog } from './bot/questionLog';
import { findUnderstanding } from './bot/turnUnderstanding';
import { LyncBot } from './bot/lyncBot';
import type { StoredCard } from './bot/sentCards';
import { MessageExtension } from './bot/messageExtension';
import { SupportSearch } from './search/supportSearch';
import { createOnTurnError } from './bot/onTurnError';
import { isLocalMode, listenHost, type Config } from './config';
import type { KnowledgeBase } from './knowledge/knowledgeBase';
import { loadKnowledge } from './knowledge/loader';
import { createLogger } from './logger';
import { Nlu, type PreparedTraining } from './nlu/nlu';
import { readTrainingCache } from './nlu/trainingCache';
import { renderAnswer } from './render/renderAnswer';
import { botFrameworkAuthentication } from './server/authentication';
import { BotAdapter } from './server/botAdapter';
import { createServer, isLoopbackHost } from './server/server';
import { createTenantGate, TenantPolicy } from './server/tenantGate';
import { DbStorage } from './storage/dbStorage';
import { openDatabase, pingDatabase, type Database } from './storage/database';
import { BotMetrics, countingQuestionLog } from './observability/metrics';
import { readinessProbe, type Readiness } from './observability/readiness';
import { noteAnswer } from './observability/turnMetrics';
import { PortUnavailableError } from './errors';
import { FeedbackStore } from './storage/feedbackStore';
import { RetentionJob, type RetentionOptions } from './storage/retention';
import { createReminders, type Reminders } from './reminders/reminders';
import type { ReminderScheduler } from './reminders/scheduler';
import type { ReminderService } from './reminders/reminderService';
import { Experts } from './experts/experts';
import type { ExpertSend } from './experts/ticketStore';

/** Parts a caller (a test, the chat console) may provide instead of the defaults. */
export interface AppOverrides {
  logger?: Logger;
  knowledge?: KnowledgeBase;
  /** Today's date, for relative dates in answers. */
  now?: () => Date;
  /**
   * Where the Bot Framework's OpenID metadata (the keys tokens are signed with) is fetched, instead of
   * login.botframework.com and login.microsoftonline.com: tests serve their own keys. Everything else
   * stays the public cloud's.
   */
  openIdMetadataUrl?: string;
  /** The classifier's training, computed ahead (the build's cache, see nlu/trainingCache.ts). */
  prepared?: PreparedTraining;
  /** When the data retention job runs (default: a minute after start, then hourly). */
  retention?: Pick<RetentionOptions, 'firstRunMs' | 'intervalMs'>;
}

export interface App {
  config: Config;
  logger: Logger;
  kb: KnowledgeBase;
  nlu: Nlu;
  bot: LyncBot;
  database: Database;
  feedback: FeedbackStore;
  reminders: Reminders;
  /** Ask an expert: tickets, the experts' channel, and the scheduler that posts and delivers. */
  experts: Experts;
  adapter: BotAdapter;
  server: restify.Server;
  /** Deletes what is older than DATA_RETENTION_DAYS, in the background while the server runs. */
  retention: RetentionJob;
  /** The app's Prometheus registry and counters (`GET /metrics`). */
  metrics: BotMetrics;
  /** What `GET /readyz` answers: the database, the knowledge base and the schedulers. */
  readiness: () => Promise<Readiness>;
  /** Starts listening; resolves with the port (useful with PORT=0). */
  start(): Promise<number>;
  /** Stops accepting requests, closes the server, stops the background jobs, then closes the database. */
  stop(): Promise<void>;
}

/** Where the bot keeps conversation state and what it learns about its answers. */
export interface BotStores {
  storage: Storage;
  questionLog: QuestionLog;
  /** Reminder subscriptions (the server has them; the terminal chat does not). */
  reminders?: ReminderService;
  /** Deletes a conversation's references and subscriptions when the bot leaves it. */
  forgetConversation?(context: TurnContext): Promise<void>;
  /** Ask an expert (the server has it; the terminal chat does not). */
  experts?: Experts;
}

/** Everything that answers a turn, without HTTP: shared by the server and the terminal chat. */
export function createBot(config: Config, logger: Logger, stores: BotStores, overrides: AppOverrides = {}) {
  const kb = overrides.knowledge ?? loadKnowledge(resolve(config.KNOWLEDGE_DIR));
  const nlu = new Nlu(kb, undefined, overrides.prepared);
  const { questionLog } = stores;
  const conversationState = new ConversationState(stores.storage);
  const memory = conversationState.createProperty<ConversationMemory>('memory');
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const sentCards = conversationState.createProperty<StoredCard[]>('sentCards');
  const render = (context: TurnContext, answer: Answer) => {
    noteAnswer(context, answer.kind);
    const understanding = findUnderstanding(context);
    return renderAnswer(
      kb,
      answer,
      context.activity.channelId,
      understanding ? { question: understanding.text, intent: understanding.intent } : {},
    );
  };
  // Questions the bot could not answer are kept for the knowledge-base owner (npm run kb:unanswered).
  const answered = async (context: TurnContext, answer: Answer): Promise<void> => {
    const u = findUnderstanding(context);
    if (answer.kind !== 'cannot-answer' || !u) return;
    await questionLog.recordUnanswered({
      channelId: context.activity.channelId,
      question: u.text,
      lang: u.lang,
      intent: u.intent,
      confidence: u.confidence,
      reason: answer.reason ?? 'out-of-scope',
    });
  };
  const deps: DialogDeps = {
    kb,
    memory,
    render,
    answered,
    now: overrides.now ?? (() => new Date()),
    ...(stores.reminders ? { reminders: stores.reminders } : {}),
    // "Forget me" deletes what the bot deletes when it is removed from the conversation.
    forget: (context) => bot.forget(context),
  };
  const rootDialog = new RootDialog(deps);
  const bot = new LyncBot({
    kb,
    nlu,
    conversationState,
    memory,
    dialogState,
    rootDialog,
    questionLog,
    sentCards,
    messageExtension: new MessageExtension(kb, new SupportSearch(kb, nlu, deps.now)),
    ...(stores.forgetConversation ? { forgetConversation: stores.forgetConversation } : {}),
    ...(stores.experts ? { experts: stores.experts } : {}),
    send: async (context, answer) => {
      await context.sendActivity(render(context, answer));
    },
  });
  const onTurnError = createOnTurnError({ kb, conversationState, logger });
  return { kb, nlu, bot, conversationState, onTurnError };
}

/**
 * The composition root: builds knowledge, NLU, state, dialogs, bot, adapter and HTTP server from a
 * configuration. Nothing here is module-level; two apps can run side by side (tests do).
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config);
  const now = overrides.now ?? (() => new Date());
  const database = await openDatabase(config.DATABASE_URL, { onPoolError: (err) => logger.warn({ err }, 'database connection lost') });
  const metrics = new BotMetrics();
  let built;
  try {
    // The bundle's build validated ./knowledge and trained on it already: used only for that same code and knowledge.
    const fromBuild = overrides.knowledge ? undefined : readTrainingCache(__dirname, resolve(config.KNOWLEDGE_DIR));
    const knowledge = overrides.knowledge ?? fromBuild?.knowledge ?? loadKnowledge(resolve(config.KNOWLEDGE_DIR));
    const prepared = fromBuild?.prepared;
    if (prepared) logger.info('knowledge and classifier training read from the build (same code, same knowledge)');
    const feedback = new FeedbackStore(database.db);
    const reminders = createReminders({ database, kb: knowledge, config, logger, now, onSendOutcome: metrics.sendOutcomes('reminders') });
    const experts = new Experts({
      database,
      kb: knowledge,
      config,
      logger,
      now,
      questionLog: feedback,
      onSendOutcome: metrics.sendOutcomes('experts'),
    });
    built = {
      feedback,
      reminders,
      experts,
      ...createBot(
        config,
        logger,
        {
          storage: new DbStorage(database.db),
          questionLog: countingQuestionLog(feedback, metrics),
          reminders: reminders.service,
          forgetConversation: reminders.forget,
          experts,
        },
        { ...overrides, knowledge, now, ...(prepared ? { prepared } : {}) },
      ),
    };
  } catch (err) {
    await database.close();
    throw err;
  }
  const { kb, nlu, bot, onTurnError, feedback, reminders, experts } = built;
  const auth = botFrameworkAuthentication(config, overrides.openIdMetadataUrl);
  const tenants = new TenantPolicy(config.ALLOWED_TENANT_IDS);
  const adapter = new BotAdapter(auth, tenants);
  adapter.onTurnError = onTurnError;
  // First: a tenant the bot does not serve gets no further (no answer, no state, no saved reference).
  adapter.use(
    createTenantGate({
      policy: tenants,
      logger,
      refusal: (context) => ({
        type: 'message',
        text: kb.message('tenant_not_allowed', context.activity.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en'),
      }),
    }),
  );
  adapter.use(reminders.middleware);
  let scheduler: ReminderScheduler | undefined;
  let expertSends: ReminderScheduler<ExpertSend> | undefined;
  metrics.watchQueue('reminders', () => reminders.store.overdueCount(now().getTime()));
  metrics.watchQueue('experts', () => experts.queueDepth());
  const readiness = readinessProbe(
    [
      { name: 'database', failure: `the database (${database.description}) does not answer`, check: () => pingDatabase(database) },
      {
        name: 'knowledge',
        failure: 'the knowledge base is not loaded',
        check: () => {
          if (kb.clients.length === 0) throw new Error('no clients');
        },
      },
      {
        name: 'scheduler',
        failure: 'the reminder scheduler is not running',
        check: () => {
          if (!scheduler?.isRunning() || !expertSends?.isRunning()) throw new Error('not started, or stopped');
        },
      },
    ],
    logger,
  );
  const server = createServer({
    adapter,
    bot,
    logger,
    localMode: isLocalMode(config),
    readiness,
    metrics,
    metricsToken: config.METRICS_TOKEN,
  });
  // The real clock, as for the rows it deletes (DbStorage and FeedbackStore write with it), not `now`.
  const retention = new RetentionJob(database.db, logger, {
    days: config.DATA_RETENTION_DAYS,
    ticketDays: config.EXPERT_TICKET_RETENTION_DAYS,
    ...overrides.retention,
  });

  return {
    config,
    logger,
    kb,
    nlu,
    bot,
    database,
    feedback,
    reminders,
    experts,
    adapter,
    server,
    retention,
    metrics,
    readiness,
    start: async () => {
      const port = await new Promise<number>((resolvePort, reject) => {
        server.once('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'EADDRINUSE') reject(new PortUnavailableError(config.PORT, 'in use', { cause: err }));
          else if (err.code === 'EACCES') reject(new PortUnavailableError(config.PORT, 'not permitted', { cause: err }));
          else reject(err);
        });
        const listening = (): void => {
          const { address, port: bound } = server.address() as AddressInfo;
          const localMode = isLocalMode(config);
          logger.info(
            { address, port: bound, localMode, database: database.description },
            localMode
              ? 'listening in local mode (no MicrosoftAppId: no authentication; for the Emulator and Agents Playground)'
              : 'listening',
          );
          if (localMode && !isLoopbackHost(address)) {
            logger.warn(
              { address },
              'local mode listens on a non-loopback address: without MicrosoftAppId nothing is authenticated, so anyone who reaches this address can use the bot; set HOST=127.0.0.1 unless you mean it',
            );
          }
          logger.info(
            { url: messagingEndpoint(address, bound) },
            `Messaging endpoint: ${messagingEndpoint(address, bound)} — ${
              localMode
                ? 'paste into the Bot Framework Emulator or the Agents Playground (no app id or password)'
                : "behind HTTPS, this path is the Azure Bot's messaging endpoint"
            }`,
          );
          resolvePort(bound);
        };
        const host = listenHost(config);
        if (host === undefined) server.listen(config.PORT, listening);
        else server.listen(config.PORT, host, listening);
      });
      scheduler = await reminders.start(adapter, (channelId, answer) => renderAnswer(kb, answer, channelId));
      expertSends = experts.start(adapter);
      retention.start();
      return port;
    },
    stop: async () => {
      // Stop accepting requests, let the reminder sends in flight finish, then close the database.
      const closed = new Promise<void>((done) => {
        server.close(() => done());
      });
      // Idle keep-alive connections would hold close() open; requests in flight finish first.
      server.server.closeIdleConnections();
      await closed;
      await scheduler?.stop();
      await expertSends?.stop();
      await retention.stop();
      await database.close();
    },
  };
}

/** The URL of `POST /api/messages` on the address the server listens on (a wildcard address: localhost). */
export function messagingEndpoint(address: string, port: number): string {
  const wildcard = address === '0.0.0.0' || address === '::' || address === '';
  const host = wildcard ? 'localhost' : address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}/api/messages`;
}
