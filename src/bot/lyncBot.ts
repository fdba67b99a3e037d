import { TeamsActivityHandler, TurnContext, type ConversationState, type StatePropertyAccessor } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { Answer } from '../answers/answer';
import { helpAnswer, messageAnswer } from '../answers/metaAnswers';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { Nlu } from '../nlu/nlu';
import { ROOT_DIALOG, type RootDialog } from '../../dialogs/rootDialog';
import { freshMemory, type ConversationMemory } from './conversationMemory';
import { setUnderstanding } from './turnUnderstanding';

/** Longer messages get a short polite answer without running the classifier. */
export const MAX_QUESTION_LENGTH = 2000;

export interface BotDeps {
  kb: KnowledgeBase;
  nlu: Nlu;
  conversationState: ConversationState;
  memory: StatePropertyAccessor<ConversationMemory>;
  dialogState: StatePropertyAccessor<DialogState>;
  rootDialog: RootDialog;
  send(context: TurnContext, answer: Answer): Promise<void>;
}

/** The language a channel says the user speaks, for turns without text to judge by. */
function localeLang(context: TurnContext): Lang {
  return context.activity.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The question in a message: its text without the bot's @mention, or a card button's `value.question`. */
export function questionOf(context: TurnContext): string {
  const { activity } = context;
  let text = typeof activity.text === 'string' ? activity.text : '';
  if (text && activity.recipient?.id && Array.isArray(activity.entities)) text = TurnContext.removeRecipientMention(activity) ?? text;
  if (!text.trim() && activity.value && typeof activity.value === 'object') {
    const question = (activity.value as Record<string, unknown>).question;
    if (typeof question === 'string') text = question;
  }
  return text.replace(/<at>[^<]*<\/at>/gi, ' ').trim();
}

/**
 * The bot: understands each message once, then lets the dialogs answer; welcomes people who join.
 */
export class LyncBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogs = new DialogSet(deps.dialogState);
    this.dialogs.add(deps.rootDialog);

    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const people = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      // One welcome per conversation update, however many people joined.
      if (people.length > 0) await deps.send(context, helpAnswer(deps.kb, localeLang(context), 'welcome'));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  private async answer(context: TurnContext): Promise<void> {
    const { kb, nlu, memory } = this.deps;
    const remembered = await memory.get(context, freshMemory(localeLang(context)));
    const question = questionOf(context);
    if (question === '') {
      await this.deps.send(context, messageAnswer(kb, remembered.lang, 'no_text'));
      return;
    }
    if (question.length > MAX_QUESTION_LENGTH) {
      await this.deps.send(context, messageAnswer(kb, remembered.lang, 'too_long'));
      return;
    }
    const understanding = nlu.understand(question, remembered.lang);
    setUnderstanding(context, understanding);
    await memory.set(context, { ...remembered, lang: understanding.lang });

    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROOT_DIALOG);
  }
}
