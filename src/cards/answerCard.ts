import type { Attachment } from 'botbuilder';
import type { Answer } from '../answers/answer';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { renderText } from '../render/textRenderer';
import { CARD_VERSION, cardAttachment, type AdaptiveCard, type CardElement } from './adaptiveCard';
import { askButtons, feedback, sources, type CardContext } from './cardParts';
import { cannotAnswerBody, helpBody, promptBody } from './helpCards';
import { askExpertForm } from './expertCards';
import { providerBody, providersBody } from './providerCards';
import { supportCellBody, supportTableBody } from './supportCards';
import { topicBody } from './topicCard';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Kinds that answer a question: they cite their source and ask for feedback. */
export const ANSWER_KINDS: ReadonlySet<Answer['kind']> = new Set<Answer['kind']>([
  'support-cell',
  'support-table',
  'providers',
  'provider',
  'topic',
]);

function body(kb: KnowledgeBase, a: Answer): CardElement[] {
  switch (a.kind) {
    case 'support-cell':
      return supportCellBody(a);
    case 'support-table':
      return supportTableBody(a);
    case 'providers':
      return providersBody(a);
    case 'provider':
      return providerBody(a);
    case 'topic':
      return topicBody(a);
    case 'welcome':
    case 'help':
      return helpBody(a);
    case 'prompt':
      return promptBody(a, kb.message('ask_button', a.lang));
    case 'cannot-answer':
      return cannotAnswerBody(a);
    case 'reminders':
    case 'reminder':
      return [...topicBody(a), ...askButtons(a.suggestions)];
    case 'message':
      return [];
  }
}

/**
 * The Adaptive Card (schema 1.5) for an answer, or `undefined` for short messages that need none.
 * Answers end with follow-up questions as buttons, the source document and the feedback buttons; the
 * fallback text is the answer's Markdown rendering, for clients that cannot show cards.
 */
export function answerCard(kb: KnowledgeBase, a: Answer, context: CardContext = {}): AdaptiveCard | undefined {
  if (a.kind === 'message') return undefined;
  const isAnswer = ANSWER_KINDS.has(a.kind);
  const content = body(kb, a);
  const tail: CardElement[] =
    isAnswer && context.shared
      ? sources(kb, a)
      : isAnswer
        ? [...askButtons(a.suggestions), ...sources(kb, a), feedback(kb, a, context)]
        : a.kind === 'reminder' || a.kind === 'reminders'
          ? sources(kb, a)
          : // A declined question can go to the experts (the question as typed is in the button's data).
            a.kind === 'cannot-answer' && !context.shared && context.question !== undefined
            ? [askExpertForm(kb, a.lang, { question: context.question, kind: a.kind }, context.universalActions === true)]
            : [];
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: CARD_VERSION,
    lang: a.lang,
    fallbackText: renderText(kb, a, 'markdown'),
    body: [...content, ...tail],
    msteams: { width: 'Full' },
  };
}

/** The card as a message attachment, or `undefined` when the answer needs no card. */
export function answerAttachment(kb: KnowledgeBase, a: Answer, context: CardContext = {}): Attachment | undefined {
  const card = answerCard(kb, a, context);
  return card ? cardAttachment(card) : undefined;
}
