import { ConversationState, MemoryStorage, type Middleware, type TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { RootDialog } from '../../dialogs/rootDialog';
import type { DialogDeps } from '../../dialogs/dialogDeps';
import { freshMemory, type ConversationMemory } from '../../src/bot/conversationMemory';
import { setUnderstanding } from '../../src/bot/turnUnderstanding';
import { renderAnswer } from '../../src/render/renderAnswer';
import { realKnowledge, realNlu } from './knowledge';

/**
 * A DialogTestClient on the real router, knowledge and NLU. A middleware does what the bot does before
 * dialogs run: understand the message in the conversation's language.
 */
export function rootDialogClient(now = new Date('2026-11-21T00:00:00Z')): DialogTestClient {
  const kb = realKnowledge();
  const nlu = realNlu();
  const conversationState = new ConversationState(new MemoryStorage());
  const memory = conversationState.createProperty<ConversationMemory>('memory');
  const deps: DialogDeps = { kb, memory, now: () => now, render: (c: TurnContext, a) => renderAnswer(kb, a, c.activity.channelId) };
  const understand: Middleware = {
    onTurn: async (context, next) => {
      const m = await memory.get(context, freshMemory());
      const u = nlu.understand(context.activity.text ?? '', m.lang);
      await memory.set(context, { ...m, lang: u.lang });
      setUnderstanding(context, u);
      await next();
    },
  };
  return new DialogTestClient('test', new RootDialog(deps), undefined, [understand], conversationState);
}
