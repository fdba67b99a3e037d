import type { Answer } from '../answers/answer';
import type { CardElement } from './adaptiveCard';
import { factSet, headline, notes, paragraphs, tableOrRecords, title } from './cardParts';

/** Every PIC provider in a table: provider, federated features, licensing, end of service. */
export function providersBody(a: Answer): CardElement[] {
  return [
    title(a.title ?? ''),
    headline(a),
    ...paragraphs(a.details),
    ...(a.table ? tableOrRecords(a.table, [3, 3, 4, 3]) : []),
    ...notes(a),
  ];
}

/** One provider: the answer, then its features, licensing and end of service as facts. */
export function providerBody(a: Answer): CardElement[] {
  return [title(a.title ?? ''), headline(a), factSet(a.facts), ...paragraphs(a.details), ...notes(a)];
}
