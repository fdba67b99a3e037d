import type { TurnContext } from '../framework';
import type { AnswerKind } from '../answers/answer';
import { feedbackOf } from '../bot/cardSubmit';
import { outcomeOf, type BotMetrics, type TurnOutcome } from './metrics';

/** Where a turn keeps the outcome of the answers it rendered (the last one counts). */
const TURN_OUTCOME = Symbol('turnOutcome');

/** Called for every answer rendered in a turn. */
export function noteAnswer(context: TurnContext, kind: AnswerKind): void {
  context.turnState.set(TURN_OUTCOME, outcomeOf(kind));
}

/**
 * Counts a finished turn by channel and outcome and, for a message that was replied to, how long the
 * reply took. `failed`: the turn threw (onTurnError apologised).
 */
export function countTurn(metrics: BotMetrics, context: TurnContext, startedAt: bigint, failed: boolean): void {
  const { channelId = 'unknown', type } = context.activity;
  const channel = channelId || 'unknown';
  const noted = context.turnState.get(TURN_OUTCOME) as TurnOutcome | undefined;
  let outcome: TurnOutcome;
  if (failed) outcome = 'error';
  else if (type === 'message' && feedbackOf(context)) outcome = 'feedback';
  else if (noted) outcome = noted;
  else if (type === 'invoke') outcome = 'invoke';
  else outcome = context.responded ? 'message' : 'no-reply';
  metrics.turns.inc({ channel, outcome });
  if (type === 'message' && context.responded && !failed) {
    metrics.answerSeconds.observe({ channel }, Number(process.hrtime.bigint() - startedAt) / 1e9);
  }
}
