import { ActionTypes, type Activity } from '../framework';
import type { Answer } from '../answers/answer';
import { localeOf } from '../answers/format';
import { answerAttachment } from '../cards/answerCard';
import type { CardContext } from '../cards/cardParts';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { escapeText, renderText, type TextDialect } from './textRenderer';

/**
 * Channels known to render Adaptive Cards. Slack is not one of them: Azure Bot Service turns cards into
 * images there, so Slack, and any channel not listed, gets the same facts as text.
 */
export const CARD_CHANNELS: ReadonlySet<string> = new Set(['msteams', 'emulator', 'webchat', 'directline']);

/** Channels whose text is Slack mrkdwn. */
const MRKDWN_CHANNELS: ReadonlySet<string> = new Set(['slack']);

/** How an answer is shown on a channel: an Adaptive Card beside the direct answer, or text only. */
export function renderingOf(channelId: string): 'card' | TextDialect {
  if (CARD_CHANNELS.has(channelId)) return 'card';
  return MRKDWN_CHANNELS.has(channelId) ? 'mrkdwn' : 'markdown';
}

function suggestedActions(answer: Answer): Partial<Activity> {
  if (answer.suggestions.length === 0) return {};
  return { suggestedActions: { to: [], actions: answer.suggestions.map((s) => ({ type: ActionTypes.ImBack, title: s, value: s })) } };
}

/**
 * The one place an answer becomes an activity for a channel. Card channels get the direct answer as the
 * message text (notifications, screen readers, copy) and everything else in an Adaptive Card whose
 * buttons ask the follow-up questions; other channels get the whole answer as text in their Markdown
 * dialect, with suggested replies. `context` is carried in the card's feedback buttons.
 */
export function renderAnswer(kb: KnowledgeBase, answer: Answer, channelId: string, context: CardContext = {}): Partial<Activity> {
  const rendering = renderingOf(channelId);
  const base: Partial<Activity> = { type: 'message', textFormat: 'markdown', locale: localeOf(answer.lang) };
  if (rendering === 'card') {
    const attachment = answerAttachment(kb, answer, context);
    if (attachment) return { ...base, text: escapeText(answer.headline), attachments: [attachment] };
    return { ...base, text: renderText(kb, answer, 'markdown'), ...suggestedActions(answer) };
  }
  return { ...base, text: renderText(kb, answer, rendering), ...suggestedActions(answer) };
}
