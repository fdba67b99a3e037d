import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, type Storage, type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import pino, { type Logger } from 'pino';
import type restify from 'restify';
import { RootDialog } from '../dialogs/rootDialog';
import type { DialogDeps } from '../dialogs/dialogDeps';
import type { Answer } from './answers/answer';
import type { ConversationMemory } from './bot/conversationMemory';
import type { QuestionLog } from './bot/questionLog';
import { findUnderstanding } from './bot/turnUnderstanding';
import { LyncBot } from './bot/lyncBot';
import { createOnTurnError } from './bot/onTurnError';
import { isLocalMode, type Config } from './config';
import type { KnowledgeBase } from './knowledge/knowledgeBase';
import { loadKnowledge } from './knowledge/loader';
import { Nlu } from './nlu/nlu';
import { renderAnswer } from './render/renderAnswer';
import { createServer } from './server/server';
import { DbStorage } from './storage/dbStorage';
import { openDatabase, type Database } from './storage/database';
import { FeedbackStore } from './storage/feedbackStore';

/** Parts a caller (a test, the chat console) may provide instead of the defaults. */
export interface AppOverrides {
  logger?: Logger;
  knowledge?: KnowledgeBase;
  /** Today's date, for relative dates in answers. */
  now?: () => Date;
}

export interface App {
  config: Config;
  logger: Logger;
  kb: KnowledgeBase;
  nlu: Nlu;
  bot: LyncBot;
  database: Database;
  feedback: FeedbackStore;
  adapter: CloudAdapter;
  server: restify.Server;
  /** Starts listening; resolves with the port (useful with PORT=0). */
  start(): Promise<number>;
  /** Stops accepting requests, closes the server, then the database. */
  stop(): Promise<void>;
}

/** Where the bot keeps conversation state and what it learns about its answers. */
export interface BotStores {
  storage: Storage;
  questionLog: QuestionLog;
}

/** Everything that answers a turn, without HTTP: shared by the server and the terminal chat. */
export function createBot(config: Config, logger: Logger, stores: BotStores, overrides: AppOverrides = {}) {
  const kb = overrides.knowledge ?? loadKnowledge(resolve(config.KNOWLEDGE_DIR));
  const nlu = new Nlu(kb);
  const { questionLog } = stores;
  const conversationState = new ConversationState(stores.storage);
  const memory = conversationState.createProperty<ConversationMemory>('memory');
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const render = (context: TurnContext, answer: Answer) => {
    const understanding = findUnderstanding(context);
    return renderAnswer(kb, answer, context.activity.channelId, understanding ? { question: understanding.text, intent: understanding.intent } : {});
  };
  // Questions the bot could not answer are kept for the knowledge-base owner (npm run kb:unanswered).
  const answered = async (context: TurnContext, answer: Answer): Promise<void> => {
    const u = findUnderstanding(context);
    if (answer.kind !== 'cannot-answer' || !u) return;
    await questionLog.recordUnanswered({
      channelId: context.activity.channelId, question: u.text, lang: u.lang, intent: u.intent, confidence: u.confidence, reason: answer.reason ?? 'out-of-scope',
    });
  };
  const deps: DialogDeps = { kb, memory, render, answered, now: overrides.now ?? (() => new Date()) };
  const rootDialog = new RootDialog(deps);
  const bot = new LyncBot({
    kb, nlu, conversationState, memory, dialogState, rootDialog, questionLog,
    send: async (context, answer) => { await context.sendActivity(render(context, answer)); },
  });
  const onTurnError = createOnTurnError({ kb, conversationState, logger });
  return { kb, nlu, bot, conversationState, onTurnError };
}

/**
 * The composition root: builds knowledge, NLU, state, dialogs, bot, adapter and HTTP server from a
 * configuration. Nothing here is module-level; two apps can run side by side (tests do).
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization', '*.password', '*.MicrosoftAppPassword'] });
  const database = await openDatabase(config.DATABASE_URL);
  let built;
  try {
    const feedback = new FeedbackStore(database.db);
    built = { feedback, ...createBot(config, logger, { storage: new DbStorage(database.db), questionLog: feedback }, overrides) };
  } catch (err) {
    await database.close();
    throw err;
  }
  const { kb, nlu, bot, onTurnError, feedback } = built;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = onTurnError;
  const server = createServer({ adapter, bot, logger });

  return {
    config, logger, kb, nlu, bot, database, feedback, adapter, server,
    start: () => new Promise((resolvePort, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, () => {
        const port = (server.address() as AddressInfo).port;
        logger.info({ port, localMode: isLocalMode(config) }, isLocalMode(config)
          ? 'listening in local mode (no MicrosoftAppId: no authentication; for the Emulator and Agents Playground)'
          : 'listening');
        resolvePort(port);
      });
    }),
    stop: async () => {
      await new Promise<void>((done) => { server.close(() => done()); });
      await database.close();
    },
  };
}
