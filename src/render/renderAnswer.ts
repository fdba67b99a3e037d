import { ActionTypes, type Activity } from 'botbuilder';
import type { Answer } from '../answers/answer';
import { localeOf } from '../answers/format';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { renderText, type TextDialect } from './textRenderer';

/** Channels whose text is Slack mrkdwn. */
const MRKDWN_CHANNELS = new Set(['slack']);

/**
 * The one place an answer becomes an activity for a channel: text in the channel's dialect, the reply's
 * locale, and suggested replies as buttons.
 */
export function renderAnswer(kb: KnowledgeBase, answer: Answer, channelId: string): Partial<Activity> {
  const dialect: TextDialect = MRKDWN_CHANNELS.has(channelId) ? 'mrkdwn' : 'markdown';
  const activity: Partial<Activity> = {
    type: 'message',
    text: renderText(kb, answer, dialect),
    textFormat: 'markdown',
    locale: localeOf(answer.lang),
  };
  if (answer.suggestions.length > 0) {
    activity.suggestedActions = {
      to: [],
      actions: answer.suggestions.map((s) => ({ type: ActionTypes.ImBack, title: s, value: s })),
    };
  }
  return activity;
}
