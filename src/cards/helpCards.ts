import type { Answer } from '../answers/answer';
import type { CardElement, ChoiceSet } from './adaptiveCard';
import { askButtons, headline, literal, notes, paragraphs, text, title } from './cardParts';

/** Welcome and help: what can be asked, each example question a button that asks it. */
export function helpBody(a: Answer): CardElement[] {
  return [
    title(a.title ?? ''),
    headline(a),
    ...paragraphs(a.details),
    ...(a.examples ?? []).flatMap((g) => [text(literal(g.subject), { weight: 'Bolder', spacing: 'Medium' }), ...askButtons(g.questions)]),
    ...notes(a),
  ];
}

/** More options than this become a drop-down list instead of buttons. */
const MAX_BUTTONS = 5;

/**
 * A question back to the user (which client? which server?) with the answers to pick from: buttons for a
 * few, a drop-down list and one button for many, so the card stays short.
 */
export function promptBody(a: Answer, submitTitle: string): CardElement[] {
  if (a.suggestions.length <= MAX_BUTTONS) return [text(literal(a.headline), { weight: 'Bolder' }), ...askButtons(a.suggestions)];
  const choices: ChoiceSet = {
    type: 'Input.ChoiceSet',
    id: 'question',
    style: 'compact',
    choices: a.suggestions.map((s) => ({ title: s, value: s })),
    isRequired: true,
    errorMessage: a.headline,
    label: a.headline,
  };
  return [choices, { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: submitTitle, data: {}, style: 'positive' }] }];
}

/** An honest "I can't answer that" with what can be asked instead, as buttons. */
export function cannotAnswerBody(a: Answer): CardElement[] {
  return [headline(a), ...paragraphs(a.details), ...askButtons(a.suggestions)];
}
