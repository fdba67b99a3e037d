import {
  DialogSet,
  DialogTurnStatus,
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type DialogState,
  type InvokeResponse,
  type StatePropertyAccessor,
} from '../framework';
import type { Answer } from '../answers/answer';
import { helpAnswer, messageAnswer } from '../answers/metaAnswers';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { Nlu } from '../nlu/nlu';
import { ROOT_DIALOG, type RootDialog } from '../../dialogs/rootDialog';
import { feedbackOf, type FeedbackSubmit } from './cardSubmit';
import { freshMemory, type ConversationMemory } from './conversationMemory';
import type { QuestionLog } from './questionLog';
import { setUnderstanding } from './turnUnderstanding';
import { onCardAction, onSubmitAction, type FeedbackInvokeDeps } from './feedbackInvokes';
import { findSentCard, keepSentCards, updateSentCard, type SentCard, type StoredCard } from './sentCards';
import type { MessageExtension } from './messageExtension';
import { ASK_EXPERT_VERB, messageCard, withAskOutcome } from '../cards/expertCards';
import { AskExpertData, cardResponse, type AskOutcome, type Experts } from '../experts/experts';

/** Longer messages get a short polite answer without running the classifier. */
export const MAX_QUESTION_LENGTH = 2000;

export interface BotDeps {
  kb: KnowledgeBase;
  nlu: Nlu;
  conversationState: ConversationState;
  memory: StatePropertyAccessor<ConversationMemory>;
  dialogState: StatePropertyAccessor<DialogState>;
  rootDialog: RootDialog;
  /** Where card feedback is recorded. */
  questionLog: QuestionLog;
  /** The search-based message extension (compose box of any chat or channel). */
  messageExtension: MessageExtension;
  /** The answer cards last sent in the conversation, to update them in place when feedback is given. */
  sentCards: StatePropertyAccessor<StoredCard[]>;
  /** Deletes what is stored about a conversation (references, subscriptions) when the bot leaves it. */
  forgetConversation?(context: TurnContext): Promise<void>;
  send(context: TurnContext, answer: Answer): Promise<void>;
  /** Ask an expert (the server has it; without it, "Ask an expert" says that no experts are set up). */
  experts?: Experts;
}

/** The bot's first paragraph in a kept card (its Markdown fallback), plain: what the experts see it answered. */
function firstParagraph(fallbackText: string): string {
  const first = fallbackText.split(/\n\s*\n/)[0] ?? '';
  return first.replace(/\*\*/g, '').trim().slice(0, 1000);
}

/** The language a channel says the user speaks, for turns without text to judge by. */
function localeLang(context: TurnContext): Lang {
  return context.activity.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** A channel or group chat (several people), as opposed to a personal chat with the bot. */
function isGroup(context: TurnContext): boolean {
  const { conversation } = context.activity;
  return conversation?.isGroup === true || conversation?.conversationType === 'channel' || conversation?.conversationType === 'groupChat';
}

/**
 * Whether a message is for the bot: always in a personal chat and from a card button; in Teams channels
 * and group chats only when the bot is @mentioned (others talk there too).
 */
export function isAddressedToBot(context: TurnContext): boolean {
  const { activity } = context;
  if (activity.channelId !== 'msteams' || !isGroup(context) || activity.value !== undefined) return true;
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
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
      const feedback = feedbackOf(context);
      const ask = AskExpertData.safeParse(context.activity.value);
      if (feedback) await this.thank(context, feedback);
      else if (ask.success && !context.activity.text?.trim()) await this.askExpertMessage(context, ask.data);
      else if (isAddressedToBot(context)) {
        const commandLang = deps.experts?.commandLang(questionOf(context));
        if (commandLang && deps.experts)
          await context.sendActivity({ type: 'message', text: await deps.experts.setChannel(context, commandLang) });
        else await this.answer(context);
      }
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      const botAdded = added.some((m) => m.id === botId);
      const people = added.filter((m) => m.id !== botId);
      const lang = localeLang(context);
      if (context.activity.channelId === 'msteams') {
        // Teams: one welcome when the app is installed (the bot joins), never one per member who joins.
        if (botAdded) await deps.send(context, helpAnswer(deps.kb, lang, isGroup(context) ? 'intro' : 'welcome'));
      } else if (people.length > 0) {
        // Emulator, Web Chat: the user joins the bot's conversation; one welcome however many joined.
        await deps.send(context, helpAnswer(deps.kb, lang, 'welcome'));
      }
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersRemoved ?? []).some((m) => m.id === botId)) await this.forget(context);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forget(context);
      await next();
    });
  }

  /**
   * Nothing about this conversation is kept (the app was uninstalled, the bot removed, or a user asked
   * to be forgotten): its state and, through `forgetConversation`, its reference and subscriptions are
   * deleted, and this turn's state is not written back.
   */
  async forget(context: TurnContext): Promise<void> {
    await this.deps.conversationState.delete(context);
    await this.deps.forgetConversation?.(context);
    this.forgotten.add(context);
  }

  /**
   * Feedback invokes (a card's `Action.Execute`, Teams' own thumbs) and the message extension's search are
   * read here, with their payloads
   * checked (400 for a malformed one, never botbuilder's TypeError). Invokes the bot does not handle (task
   * modules, link unfurling…) are acknowledged with 200 and ignored, rather than botbuilder's 501: an
   * unknown activity is ignored politely, and the endpoint never answers 5xx to a well-formed request.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const feedbackDeps: FeedbackInvokeDeps = {
      kb: this.deps.kb,
      questionLog: this.deps.questionLog,
      sentCards: this.deps.sentCards,
      lang: async (c) => (await this.deps.memory.get(c, freshMemory(localeLang(c)))).lang,
    };
    if (context.activity.name === 'adaptiveCard/action') {
      const action = (context.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
      if (action?.verb === ASK_EXPERT_VERB) return this.askExpertInvoke(context, action.data);
      if (typeof action?.verb === 'string' && action.verb.startsWith('ticket/') && this.deps.experts)
        return this.deps.experts.act(context, action.verb, action.data);
      return onCardAction(feedbackDeps, context);
    }
    if (context.activity.name === 'message/submitAction') return onSubmitAction(feedbackDeps, context);
    if (context.activity.name === 'composeExtension/query') return this.deps.messageExtension.query(context);
    if (context.activity.name === 'composeExtension/selectItem') return this.deps.messageExtension.selectItem(context);
    const response = await super.onInvokeActivity(context);
    return response.status === StatusCodes.NOT_IMPLEMENTED ? { status: StatusCodes.OK } : response;
  }

  /** Turns after which the conversation's state must not be written back. */
  private readonly forgotten = new WeakSet<TurnContext>();

  override async run(context: TurnContext): Promise<void> {
    keepSentCards(context, this.deps.sentCards);
    await super.run(context);
    if (!this.forgotten.has(context)) await this.deps.conversationState.saveChanges(context, false);
  }

  /** "Ask an expert" on a card, with what the card answered (kept cards only) and the language it was in. */
  private async askExpert(context: TurnContext, data: AskExpertData): Promise<{ outcome: AskOutcome; lang: Lang; sent?: SentCard }> {
    const sent = await findSentCard(context, this.deps.sentCards, context.activity.replyToId);
    const lang: Lang =
      sent?.card.lang === 'fr' || sent?.card.lang === 'en'
        ? sent.card.lang
        : (await this.deps.memory.get(context, freshMemory(localeLang(context)))).lang;
    const botAnswer = sent && data.kind !== 'cannot-answer' ? firstParagraph(sent.card.fallbackText) : undefined;
    const outcome = this.deps.experts
      ? await this.deps.experts.ask(context, data, { lang, ...(botAnswer ? { botAnswer } : {}) })
      : { ok: false, message: this.deps.kb.message('expert_no_experts', lang) };
    return { outcome, lang, ...(sent ? { sent } : {}) };
  }

  /** Teams: the card is updated in place, "Ask an expert" replaced by the confirmation. */
  private async askExpertInvoke(context: TurnContext, raw: unknown): Promise<InvokeResponse> {
    const data = AskExpertData.safeParse(raw);
    if (!data.success) {
      const issue = data.error.issues[0];
      return {
        status: StatusCodes.BAD_REQUEST,
        body: {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: { code: 'BadRequest', message: `data.${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}` },
        },
      };
    }
    const { outcome, lang, sent } = await this.askExpert(context, data.data);
    if (!sent) return cardResponse(messageCard(lang, outcome.message, outcome.ok ? 'good' : 'warning'));
    const card = withAskOutcome(sent.card, outcome.message, outcome.ok);
    await updateSentCard(context, this.deps.sentCards, { id: sent.id, card });
    return cardResponse(card);
  }

  /** Channels without Universal Actions (Emulator, Web Chat): the card's Action.Submit, answered with a message. */
  private async askExpertMessage(context: TurnContext, data: AskExpertData): Promise<void> {
    const { outcome } = await this.askExpert(context, data);
    await context.sendActivity({ type: 'message', text: outcome.message });
  }

  /** Records a card's helpful / not helpful verdict and says thank you. */
  private async thank(context: TurnContext, feedback: FeedbackSubmit): Promise<void> {
    const { kb, memory, questionLog } = this.deps;
    const { lang } = await memory.get(context, freshMemory(localeLang(context)));
    const helpful = feedback.feedback === 'helpful';
    await questionLog.recordFeedback({
      channelId: context.activity.channelId,
      helpful,
      lang,
      ...(feedback.question !== undefined ? { question: feedback.question } : {}),
      ...(feedback.intent !== undefined ? { intent: feedback.intent } : {}),
      ...(feedback.kind !== undefined ? { answerKind: feedback.kind } : {}),
    });
    await this.deps.send(context, messageAnswer(kb, lang, helpful ? 'feedback_thanks' : 'feedback_sorry'));
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
