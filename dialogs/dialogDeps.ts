import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Answer } from '../src/answers/answer';
import type { ConversationMemory } from '../src/bot/conversationMemory';
import type { KnowledgeBase } from '../src/knowledge/knowledgeBase';
import type { ReminderService } from '../src/reminders/reminderService';

/** What every dialog is built with (the composition root provides it; tests pass their own). */
export interface DialogDeps {
  kb: KnowledgeBase;
  memory: StatePropertyAccessor<ConversationMemory>;
  /** Turns an answer into the activity for this turn's channel. */
  render(context: TurnContext, answer: Answer): Partial<Activity>;
  /** Today, for relative dates ("12 years ago"). */
  now(): Date;
  /** Subscriptions to end-of-life reminders (absent where nothing can be sent later, e.g. the console). */
  reminders?: ReminderService;
  /** Told of every answer sent (the app records the questions it could not answer). */
  answered?(context: TurnContext, answer: Answer): Promise<void>;
  /**
   * Deletes what is kept about this conversation (state, reference, reminder subscriptions); the turn's
   * state is then not saved. Absent in tests of dialogs alone.
   */
  forget?(context: TurnContext): Promise<void>;
  /** The answer to send instead, when it does not give what the question asked for (the router provides it). */
  vet?(context: TurnContext, answer: Answer): Answer;
  /** The clients that work on a server (supported or interoperable), for "which of those…" after its column (the router provides it). */
  worksOn?(server: string): string[];
}

/** Sends an answer on its channel. */
export async function sendAnswer(deps: DialogDeps, context: TurnContext, given: Answer): Promise<void> {
  const answer = deps.vet?.(context, given) ?? given;
  await context.sendActivity(deps.render(context, answer));
  await deps.answered?.(context, answer);
}

/**
 * Records what was just answered, so that the next message can follow up on it. `update` may be read
 * from the memory as it stands (one read of the conversation's state).
 */
export async function remember(
  deps: DialogDeps,
  context: TurnContext,
  update: Partial<ConversationMemory> | ((memory: ConversationMemory) => Partial<ConversationMemory>),
): Promise<void> {
  const memory = await deps.memory.get(context, { lang: 'en' });
  const changes = typeof update === 'function' ? update(memory) : update;
  const next: ConversationMemory = { ...memory, ...changes };
  delete next.pending;
  if (changes.pending) next.pending = changes.pending;
  await deps.memory.set(context, next);
}
