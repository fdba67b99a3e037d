import type { StatePropertyAccessor, TurnContext } from '../framework';
import type { AdaptiveCard } from '../cards/adaptiveCard';
import { hasUpdatableFeedback } from '../cards/feedbackCard';
import { hasAskExpert } from '../cards/expertCards';

/** An answer card the bot sent, under the id the channel gave its message. */
export interface SentCard {
  id: string;
  card: AdaptiveCard;
}

/**
 * How many answer cards a conversation keeps. A feedback press names the message it comes from
 * (`replyToId`); the card is needed to update it in place and to know which answer Teams' own thumbs
 * judge. Older answers' buttons still record the verdict, answered with a message instead of an update.
 */
export const MAX_SENT_CARDS = 5;

const CARD = 'application/vnd.microsoft.card.adaptive';

/** The answer card with updatable feedback or "Ask an expert" in an outgoing activity, if any. */
function answerCardOf(activity: { attachments?: { contentType?: string; content?: unknown }[] }): AdaptiveCard | undefined {
  const content = activity.attachments?.find((a) => a.contentType === CARD)?.content as AdaptiveCard | undefined;
  return content && Array.isArray(content.body) && (hasUpdatableFeedback(content) || hasAskExpert(content)) ? content : undefined;
}

/**
 * Keeps, in the conversation's state, the answer cards this turn sends with the ids the channel gives
 * them (the newest `MAX_SENT_CARDS`). Register at the start of a turn; the state is saved with the turn's.
 */
export function keepSentCards(context: TurnContext, sentCards: StatePropertyAccessor<SentCard[]>): void {
  context.onSendActivities(async (ctx, activities, next) => {
    const responses = await next();
    const sent = activities.flatMap((a, i) => {
      const card = answerCardOf(a);
      const id = responses?.[i]?.id;
      return card && id ? [{ id, card }] : [];
    });
    if (sent.length > 0) {
      const kept = await sentCards.get(ctx, []);
      await sentCards.set(ctx, [...kept, ...sent].slice(-MAX_SENT_CARDS));
    }
    return responses;
  });
}

/** The card sent as message `id` in this conversation, if it is still kept. */
export async function findSentCard(context: TurnContext, sentCards: StatePropertyAccessor<SentCard[]>, id: string | undefined): Promise<SentCard | undefined> {
  if (!id) return undefined;
  return (await sentCards.get(context, [])).find((s) => s.id === id);
}

/** Replaces a kept card by its updated version (the verdict shown), so that a second press sees it. */
export async function updateSentCard(context: TurnContext, sentCards: StatePropertyAccessor<SentCard[]>, updated: SentCard): Promise<void> {
  const kept = await sentCards.get(context, []);
  await sentCards.set(context, kept.map((s) => (s.id === updated.id ? updated : s)));
}
