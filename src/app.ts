import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type Storage, type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import pino, { type Logger } from 'pino';
import type restify from 'restify';
import { RootDialog } from '../dialogs/rootDialog';
import type { DialogDeps } from '../dialogs/dialogDeps';
import type { Answer } from './answers/answer';
import type { ConversationMemory } from './bot/conversationMemory';
import { LyncBot } from './bot/lyncBot';
import { createOnTurnError } from './bot/onTurnError';
import { isLocalMode, type Config } from './config';
import type { KnowledgeBase } from './knowledge/knowledgeBase';
import { loadKnowledge } from './knowledge/loader';
import { Nlu } from './nlu/nlu';
import { renderAnswer } from './render/renderAnswer';
import { createServer } from './server/server';

/** Parts a caller (a test, the chat console) may provide instead of the defaults. */
export interface AppOverrides {
  logger?: Logger;
  storage?: Storage;
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
  adapter: CloudAdapter;
  server: restify.Server;
  /** Starts listening; resolves with the port (useful with PORT=0). */
  start(): Promise<number>;
  /** Stops accepting requests and closes the server. */
  stop(): Promise<void>;
}

/** Everything that answers a turn, without HTTP: shared by the server and the terminal chat. */
export function createBot(config: Config, logger: Logger, overrides: AppOverrides = {}) {
  const kb = overrides.knowledge ?? loadKnowledge(resolve(config.KNOWLEDGE_DIR));
  const nlu = new Nlu(kb);
  const storage = overrides.storage ?? new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const memory = conversationState.createProperty<ConversationMemory>('memory');
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const render = (context: TurnContext, answer: Answer) => renderAnswer(kb, answer, context.activity.channelId);
  const deps: DialogDeps = { kb, memory, render, now: overrides.now ?? (() => new Date()) };
  const rootDialog = new RootDialog(deps);
  const bot = new LyncBot({
    kb, nlu, conversationState, memory, dialogState, rootDialog,
    send: async (context, answer) => { await context.sendActivity(render(context, answer)); },
  });
  const onTurnError = createOnTurnError({ kb, conversationState, logger });
  return { kb, nlu, bot, conversationState, onTurnError };
}

/**
 * The composition root: builds knowledge, NLU, state, dialogs, bot, adapter and HTTP server from a
 * configuration. Nothing here is module-level; two apps can run side by side (tests do).
 */
export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization', '*.password', '*.MicrosoftAppPassword'] });
  const { kb, nlu, bot, onTurnError } = createBot(config, logger, overrides);
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
    config, logger, kb, nlu, bot, adapter, server,
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
    stop: () => new Promise((done) => { server.close(() => done()); }),
  };
}
