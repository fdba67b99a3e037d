import { deflateRawSync, inflateRawSync } from 'node:zlib';
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
 * A kept card as the conversation's state holds it: deflated JSON in base64. The state is read, hashed
 * (botbuilder serialises it three times a turn to detect changes) and written on every turn; five cards
 * as objects made it about 30 KB and cost a quarter of the bot's throughput, deflated they are a sixth.
 */
export interface StoredCard {
  id: string;
  packed: string;
}

function pack(sent: SentCard): StoredCard {
  return { id: sent.id, packed: deflateRawSync(JSON.stringify(sent.card)).toString('base64') };
}

function unpack(stored: StoredCard): SentCard | undefined {
  try {
    return { id: stored.id, card: JSON.parse(inflateRawSync(Buffer.from(stored.packed, 'base64')).toString('utf8')) as AdaptiveCard };
  } catch {
    return undefined; // state written by an older version, or damaged: the press is answered without an update
  }
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
export function keepSentCards(context: TurnContext, sentCards: StatePropertyAccessor<StoredCard[]>): void {
  context.onSendActivities(async (ctx, activities, next) => {
    const responses = await next();
    const sent = activities.flatMap((a, i) => {
      const card = answerCardOf(a);
      const id = responses?.[i]?.id;
      return card && id ? [pack({ id, card })] : [];
    });
    if (sent.length > 0) {
      const kept = (await sentCards.get(ctx, [])).filter((k) => typeof k.packed === 'string');
      await sentCards.set(ctx, MAX_SENT_CARDS > 0 ? [...kept, ...sent].slice(-MAX_SENT_CARDS) : []);
    }
    return responses;
  });
}

/** The card sent as message `id` in this conversation, if it is still kept. */
export async function findSentCard(
  context: TurnContext,
  sentCards: StatePropertyAccessor<StoredCard[]>,
  id: string | undefined,
): Promise<SentCard | undefined> {
  if (!id) return undefined;
  const stored = (await sentCards.get(context, [])).find((s) => s.id === id && typeof s.packed === 'string');
  return stored ? unpack(stored) : undefined;
}

/** Replaces a kept card by its updated version (the verdict shown), so that a second press sees it. */
export async function updateSentCard(
  context: TurnContext,
  sentCards: StatePropertyAccessor<StoredCard[]>,
  updated: SentCard,
): Promise<void> {
  const kept = await sentCards.get(context, []);
  await sentCards.set(
    context,
    kept.map((s) => (s.id === updated.id ? pack(updated) : s)),
  );
}
