import { z } from 'zod';
import { StatusCodes, type InvokeResponse, type StatePropertyAccessor, type TurnContext } from '../framework';
import { feedbackRefOf, withVerdict } from '../cards/feedbackCard';
import { FEEDBACK_VERB } from '../cards/cardParts';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { FeedbackSubmit } from './cardSubmit';
import type { QuestionLog } from './questionLog';
import { findSentCard, updateSentCard, type StoredCard } from './sentCards';

/** What Teams posts for an `Action.Execute` (the `adaptiveCard/action` invoke). */
const CardActionValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().max(100),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** What Teams posts when its own thumbs up / down under a message is pressed (`message/submitAction`). */
const SubmitActionValue = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({
    reaction: z.enum(['like', 'dislike']),
    /** A JSON string, `{"feedbackText": "…"}`: what the user typed; not stored (free text). */
    feedback: z.string().max(10_000).optional(),
  }),
});

/** What the feedback invokes need from the bot. */
export interface FeedbackInvokeDeps {
  kb: KnowledgeBase;
  questionLog: QuestionLog;
  sentCards: StatePropertyAccessor<StoredCard[]>;
  /** The conversation's language. */
  lang(context: TurnContext): Promise<Lang>;
}

/** The Universal Actions error shape (`application/vnd.microsoft.error`) with a 4xx status. */
function cardActionError(status: number, code: string, message: string): InvokeResponse {
  return { status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } } };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid value';
}

/**
 * `adaptiveCard/action` with the feedback verb: records the verdict as a card's `Action.Submit` does, and
 * answers with the same card, its buttons replaced by the verdict (Teams shows it in place). A card no
 * longer kept gets a short message instead (the verdict is recorded all the same). A malformed value or
 * another verb gets 400 in the Universal Actions error shape.
 */
export async function onCardAction(deps: FeedbackInvokeDeps, context: TurnContext): Promise<InvokeResponse> {
  const value = CardActionValue.safeParse(context.activity.value);
  if (!value.success) return cardActionError(StatusCodes.BAD_REQUEST, 'BadRequest', firstIssue(value.error));
  const { verb, data } = value.data.action;
  if (verb !== FEEDBACK_VERB) return cardActionError(StatusCodes.BAD_REQUEST, 'NotSupported', `unknown verb "${verb.slice(0, 40)}"`);
  const feedback = FeedbackSubmit.safeParse(data);
  if (!feedback.success) return cardActionError(StatusCodes.BAD_REQUEST, 'BadRequest', `data.${firstIssue(feedback.error)}`);
  const helpful = feedback.data.feedback === 'helpful';
  const sent = await findSentCard(context, deps.sentCards, context.activity.replyToId);
  const lang: Lang = sent?.card.lang === 'fr' || sent?.card.lang === 'en' ? sent.card.lang : await deps.lang(context);
  await deps.questionLog.recordFeedback({
    channelId: context.activity.channelId,
    helpful,
    lang,
    ...(feedback.data.question !== undefined ? { question: feedback.data.question } : {}),
    ...(feedback.data.intent !== undefined ? { intent: feedback.data.intent } : {}),
    ...(feedback.data.kind !== undefined ? { answerKind: feedback.data.kind } : {}),
  });
  if (!sent) {
    const message = deps.kb.message(helpful ? 'feedback_thanks' : 'feedback_sorry', lang);
    return {
      status: StatusCodes.OK,
      body: { statusCode: StatusCodes.OK, type: 'application/vnd.microsoft.activity.message', value: message },
    };
  }
  const card = withVerdict(deps.kb, sent.card, helpful);
  await updateSentCard(context, deps.sentCards, { id: sent.id, card });
  return { status: StatusCodes.OK, body: { statusCode: StatusCodes.OK, type: 'application/vnd.microsoft.card.adaptive', value: card } };
}

/**
 * `message/submitAction`, Teams' own feedback buttons: recorded like the card's buttons, for the answer
 * of the message they are under when it is still kept (its kind, question and intent), else without them.
 */
export async function onSubmitAction(deps: FeedbackInvokeDeps, context: TurnContext): Promise<InvokeResponse> {
  const value = SubmitActionValue.safeParse(context.activity.value);
  if (!value.success) return { status: StatusCodes.BAD_REQUEST, body: { error: `not a feedback action: ${firstIssue(value.error)}` } };
  const sent = await findSentCard(context, deps.sentCards, context.activity.replyToId);
  const ref = sent ? feedbackRefOf(sent.card) : undefined;
  const lang: Lang = sent?.card.lang === 'fr' || sent?.card.lang === 'en' ? sent.card.lang : await deps.lang(context);
  await deps.questionLog.recordFeedback({
    channelId: context.activity.channelId,
    helpful: value.data.actionValue.reaction === 'like',
    lang,
    ...(ref?.question !== undefined ? { question: ref.question } : {}),
    ...(ref?.intent !== undefined ? { intent: ref.intent } : {}),
    ...(ref?.kind !== undefined ? { answerKind: ref.kind } : {}),
  });
  return { status: StatusCodes.OK, body: {} };
}
