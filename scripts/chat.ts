/**
 * `npm run chat`: talk to the bot in a terminal. The same bot, dialogs and knowledge as the server,
 * driven through a console adapter instead of HTTP. Type `quit` to leave.
 */
import { createInterface } from 'node:readline';
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import pino from 'pino';
import { createBot } from '../src/app';
import { loadConfig } from '../src/config';
import { CodedError } from '../src/errors';
import { openDatabase } from '../src/storage/database';
import { DbStorage } from '../src/storage/dbStorage';
import { FeedbackStore } from '../src/storage/feedbackStore';

/** Prints the bot's activities; suggested actions are listed so they can be typed. */
class ConsoleAdapter extends BotAdapter {
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const a of activities) {
      if (a.type !== ActivityTypes.Message) continue;
      console.log(`\nbot> ${(a.text ?? '').replace(/\n/g, '\n     ')}`);
      const actions = a.suggestedActions?.actions ?? [];
      if (actions.length > 0) console.log(`     [${actions.map((x) => x.title).join(' | ')}]`);
    }
    return activities.map((_, i) => ({ id: `${Date.now()}-${i}` }));
  }
  async updateActivity(): Promise<void> {
    /* the console cannot edit what it printed */
  }
  async deleteActivity(): Promise<void> {
    /* nor delete it */
  }
  async continueConversation(reference: Partial<ConversationReference>, logic: (c: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, TurnContext.applyConversationReference({ type: 'event' }, reference, true)), logic);
  }
  async receive(activity: Partial<Activity>, logic: (c: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
  async turn(text: string, logic: (c: TurnContext) => Promise<void>): Promise<void> {
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text,
      channelId: 'console',
      id: `${Date.now()}`,
      from: { id: 'user', name: 'You' },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: 'console', isGroup: false, conversationType: 'personal', name: 'console' },
      serviceUrl: 'http://localhost',
      locale: Intl.DateTimeFormat().resolvedOptions().locale,
    };
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

async function main(): Promise<void> {
  let parts;
  let database;
  try {
    const config = loadConfig();
    database = await openDatabase(config.DATABASE_URL);
    // The same database as the server: unanswered questions asked here are listed by kb:unanswered too.
    parts = createBot(config, pino({ level: 'silent' }), {
      storage: new DbStorage(database.db),
      questionLog: new FeedbackStore(database.db),
    });
  } catch (err) {
    console.error(err instanceof CodedError ? err.message : err);
    await database?.close();
    process.exit(1);
  }
  const { bot, onTurnError } = parts;
  const adapter = new ConsoleAdapter();
  adapter.onTurnError = onTurnError;
  await adapter.receive(
    {
      type: ActivityTypes.ConversationUpdate,
      channelId: 'console',
      membersAdded: [{ id: 'user', name: 'You' }],
      from: { id: 'user', name: 'You' },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: 'console', isGroup: false, conversationType: 'personal', name: 'console' },
      serviceUrl: 'http://localhost',
    },
    (c) => bot.run(c),
  );
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '\nyou> ' });
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'quit' || text === 'exit') break;
    if (text) await adapter.turn(text, (c) => bot.run(c));
    rl.prompt();
  }
  rl.close();
  await database.close();
}

void main();
