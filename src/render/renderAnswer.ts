import { ActionTypes, type Activity } from '../framework';
import type { Answer } from '../answers/answer';
import { localeOf } from '../answers/format';
import { ANSWER_KINDS, answerAttachment } from '../cards/answerCard';
import type { CardContext } from '../cards/cardParts';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { renderText, type TextDialect } from './textRenderer';

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

/** Channels whose cards use Adaptive Card Universal Actions (`Action.Execute`, the `adaptiveCard/action` invoke). */
export const UNIVERSAL_ACTION_CHANNELS: ReadonlySet<string> = new Set(['msteams']);

/** Longest `summary` (Teams shows it in notifications and the chat list, on one line). */
const MAX_SUMMARY = 200;

/** The direct answer as plain text for a message's `summary`: no Markdown, cut at a word. */
export function summaryOf(answer: Answer): string {
  const plain = answer.headline.replace(/\s+/g, ' ').trim();
  if (plain.length <= MAX_SUMMARY) return plain;
  const cut = plain.slice(0, MAX_SUMMARY - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_SUMMARY / 2))}…`;
}

/**
 * The one place an answer becomes an activity for a channel. Card channels get one message: the Adaptive
 * Card (the direct answer at its top, follow-up questions to tap, feedback), with the direct answer as the
 * message's `summary` (Teams' notifications and chat list) and no text beside it, which Teams would show
 * as a second bubble; the card's `fallbackText` serves clients that cannot render it. Other channels get
 * the whole answer as text in their Markdown dialect, with suggested replies. `context` is carried in the
 * card's feedback buttons.
 */
export function renderAnswer(kb: KnowledgeBase, answer: Answer, channelId: string, context: CardContext = {}): Partial<Activity> {
  const rendering = renderingOf(channelId);
  const base: Partial<Activity> = { type: 'message', textFormat: 'markdown', locale: localeOf(answer.lang) };
  if (rendering === 'card') {
    const universal = UNIVERSAL_ACTION_CHANNELS.has(channelId);
    const attachment = answerAttachment(kb, answer, { ...context, universalActions: universal });
    if (attachment) {
      // Teams' own thumbs up / down under answers (the `message/submitAction` invoke), recorded like the card's.
      const feedbackLoop = universal && ANSWER_KINDS.has(answer.kind) ? { channelData: { feedbackLoopEnabled: true } } : {};
      return { ...base, summary: summaryOf(answer), attachments: [attachment], ...feedbackLoop };
    }
    return { ...base, text: renderText(kb, answer, 'markdown'), ...suggestedActions(answer) };
  }
  return { ...base, text: renderText(kb, answer, rendering), ...suggestedActions(answer) };
}
