import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import type { AdaptiveCard, CardAction, CardElement, Container } from './adaptiveCard';
import { askRow, FEEDBACK_ID, text } from './cardParts';
import { askExpertForm } from './expertCards';

/** What a card's feedback buttons carry about the answer they judge. */
export interface FeedbackRef {
  kind?: string;
  question?: string;
  intent?: string;
}

/**
 * What the card offers after a "No", under the verdict: rephrase, the follow-up questions above, the
 * examples of what the bot can answer, and "Ask an expert" with a note (for the question the card
 * answered, when it carried it). Only Teams updates a card in place, so the form uses `Action.Execute`.
 */
export function notHelpfulActions(kb: KnowledgeBase, lang: Lang, ref?: FeedbackRef): CardElement[] {
  return [
    text(kb.message('feedback_next', lang), { size: 'Small', spacing: 'Small' }),
    askRow(kb.message('help_command', lang), 'Small', kb.message('feedback_examples', lang)),
    ...(ref?.question !== undefined ? [askExpertForm(kb, lang, ref, true)] : []),
  ];
}

/** The verdict that replaces the feedback buttons of an answer card, and what to do next after a "No". */
export function verdict(kb: KnowledgeBase, lang: Lang, helpful: boolean, ref?: FeedbackRef): Container {
  return {
    type: 'Container',
    id: FEEDBACK_ID,
    spacing: 'Medium',
    separator: true,
    items: [
      text(kb.message(helpful ? 'feedback_verdict_helpful' : 'feedback_verdict_not_helpful', lang), {
        size: 'Small',
        weight: 'Bolder',
        color: helpful ? 'Good' : 'Default',
      }),
      ...(helpful ? [] : notHelpfulActions(kb, lang, ref)),
    ],
  };
}

function isFeedbackRow(e: CardElement): boolean {
  return e.type === 'Container' && e.id === FEEDBACK_ID;
}

/** The card's feedback row, if it has one (answer cards do; help and prompts do not). */
function feedbackRow(card: AdaptiveCard): Container | undefined {
  return card.body.find(isFeedbackRow) as Container | undefined;
}

/** Whether a card is an answer with feedback buttons that can be updated in place (`Action.Execute`). */
export function hasUpdatableFeedback(card: AdaptiveCard): boolean {
  return buttonsOf(card).some((a) => a.type === 'Action.Execute');
}

function buttonsOf(card: AdaptiveCard): CardAction[] {
  return (feedbackRow(card)?.items ?? []).flatMap((e) => (e.type === 'ActionSet' ? e.actions : []));
}

/** The answer a card's feedback buttons judge (kind, question, intent), read from their data. */
export function feedbackRefOf(card: AdaptiveCard): FeedbackRef | undefined {
  const data = buttonsOf(card).find((a) => a.type !== 'Action.OpenUrl')?.data as Record<string, unknown> | undefined;
  if (!data) return undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const ref: FeedbackRef = {};
  const kind = str(data.kind),
    question = str(data.question),
    intent = str(data.intent);
  if (kind !== undefined) ref.kind = kind;
  if (question !== undefined) ref.question = question;
  if (intent !== undefined) ref.intent = intent;
  return ref;
}

/**
 * The same card with its feedback buttons replaced by the verdict (and, after a "No", what to do next):
 * what Teams shows in place of the card when a feedback button is pressed. The answer stays as it was.
 */
export function withVerdict(kb: KnowledgeBase, card: AdaptiveCard, helpful: boolean): AdaptiveCard {
  const lang: Lang = card.lang === 'fr' ? 'fr' : 'en';
  const ref = feedbackRefOf(card);
  return { ...card, body: card.body.map((e) => (isFeedbackRow(e) ? verdict(kb, lang, helpful, ref) : e)) };
}
