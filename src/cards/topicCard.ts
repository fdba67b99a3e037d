import type { Answer } from '../answers/answer';
import type { CardElement } from './adaptiveCard';
import { codeBlock, factSet, headline, notes, numberedSteps, paragraphs, title } from './cardParts';

/**
 * A knowledge topic (Persistent Chat migration, Exchange 2013 integration, Front End): the answer, facts
 * as a fact set, numbered steps, and each command in a monospace block.
 */
export function topicBody(a: Answer): CardElement[] {
  return [
    title(a.title ?? ''),
    headline(a),
    ...paragraphs(a.details),
    ...(a.facts.length > 0 ? [factSet(a.facts)] : []),
    ...numberedSteps(a.steps),
    ...a.code.flatMap((c) => codeBlock(c.caption, c.text)),
    ...notes(a),
  ];
}
