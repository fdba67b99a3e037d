import type { Answer } from '../answers/answer';
import type { CardElement } from './adaptiveCard';
import { badge, headline, notes, paragraphs, tableOrRecords, text, title } from './cardParts';

/** Relative widths: the product column is wider than the status columns. */
function widths(columns: number): number[] {
  return columns === 2 ? [3, 2] : [5, ...Array<number>(columns - 1).fill(4)];
}

/**
 * One client on one server (or a few pairs): the status first, large and coloured, then the sentence,
 * the footnotes that apply and the source.
 */
export function supportCellBody(a: Answer): CardElement[] {
  return [
    text(a.title ?? '', { size: 'Small', isSubtle: true, weight: 'Bolder' }),
    ...(a.badge ? [badge(a.badge, a.tone)] : []),
    headline(a),
    ...paragraphs(a.details),
    ...(a.table ? tableOrRecords(a.table, widths(a.table.columns.length)) : []),
    ...notes(a, a.table !== undefined),
  ];
}

/** The whole matrix, one client across the servers, or one server across the clients. */
export function supportTableBody(a: Answer): CardElement[] {
  return [
    title(a.title ?? ''),
    headline(a),
    ...paragraphs(a.details),
    ...(a.table ? tableOrRecords(a.table, widths(a.table.columns.length)) : []),
    ...notes(a),
  ];
}
