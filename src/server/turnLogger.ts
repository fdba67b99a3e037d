import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

/** Turn-state key of the request's logger (it carries the request id). */
export const TURN_LOGGER = Symbol('turnLogger');

/** The logger of the request a turn belongs to, or the fallback (proactive turns have no request). */
export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(TURN_LOGGER) as Logger | undefined) ?? fallback;
}
