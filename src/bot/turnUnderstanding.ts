import type { TurnContext } from 'botbuilder';
import type { Understanding } from '../nlu/nlu';

const KEY = Symbol('understanding');

/** Stores what the NLU made of this turn's message, computed once per turn by the bot. */
export function setUnderstanding(context: TurnContext, understanding: Understanding): void {
  context.turnState.set(KEY, understanding);
}

/** The turn's understanding; dialogs run only on message turns, after the bot has set it. */
export function getUnderstanding(context: TurnContext): Understanding {
  const u = context.turnState.get(KEY) as Understanding | undefined;
  if (!u) throw new Error('no understanding for this turn');
  return u;
}

/** The turn's understanding, if the bot has set one (not on welcome or feedback turns). */
export function findUnderstanding(context: TurnContext): Understanding | undefined {
  return context.turnState.get(KEY) as Understanding | undefined;
}
