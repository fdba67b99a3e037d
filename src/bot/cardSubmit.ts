import type { TurnContext } from 'botbuilder';
import { z } from 'zod';

/** What a card's feedback button posts back (see `feedback()` in src/cards/cardParts.ts). */
export const FeedbackSubmit = z.object({
  feedback: z.enum(['helpful', 'not_helpful']),
  kind: z.string().max(40).optional(),
  question: z.string().max(2000).optional(),
  intent: z.string().max(100).optional(),
});
export type FeedbackSubmit = z.infer<typeof FeedbackSubmit>;

/**
 * The feedback a card button posted, if this message is one: Teams, Web Chat and the Emulator send a
 * card's `Action.Submit` as a message with the button's data in `value` and no text. Anything that does not
 * match the shape exactly is not feedback (and is answered as an ordinary message).
 */
export function feedbackOf(context: TurnContext): FeedbackSubmit | undefined {
  const { activity } = context;
  if (typeof activity.text === 'string' && activity.text.trim() !== '') return undefined;
  const parsed = FeedbackSubmit.safeParse(activity.value);
  return parsed.success ? parsed.data : undefined;
}
