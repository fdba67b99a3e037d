import type { ConversationState, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { messageAnswer } from '../answers/metaAnswers';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { detectLanguage, languageWords } from '../nlu/languageDetector';
import { renderAnswer } from '../render/renderAnswer';
import { turnLogger } from '../server/turnLogger';

/**
 * The adapter's turn error handler: logs the error with the turn's context, apologises in the user's
 * language (never with the error's text), and clears the conversation's state so that a broken dialog
 * does not trap the conversation. It never throws: a failure here is logged, not turned into a 500.
 */
export function createOnTurnError(deps: { kb: KnowledgeBase; conversationState: ConversationState; logger: Logger }) {
  const words = languageWords(deps.kb.language.detector);
  return async (context: TurnContext, error: Error): Promise<void> => {
    const { activity } = context;
    const logger = turnLogger(context, deps.logger);
    logger.error(
      { err: error, conversationId: activity.conversation?.id, activityId: activity.id, channelId: activity.channelId },
      'turn failed',
    );
    try {
      const lang = detectLanguage(
        typeof activity.text === 'string' ? activity.text : '',
        words,
        activity.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en',
      );
      await context.sendActivity(renderAnswer(deps.kb, messageAnswer(deps.kb, lang, 'error'), activity.channelId));
    } catch (sendError) {
      logger.warn({ err: sendError, conversationId: activity.conversation?.id }, 'could not tell the user about the failed turn');
    }
    try {
      await deps.conversationState.delete(context);
    } catch (stateError) {
      logger.warn({ err: stateError }, 'could not clear conversation state');
    }
  };
}
