import type { AdaptiveCard } from '../../src/cards/adaptiveCard';

/** A card node: any object with a `type` (elements, actions, rows, cells, runs). */
export type CardNode = Record<string, unknown> & { type: string };

/** Every typed node of a card, depth first, in reading order. */
export function nodes(value: unknown): CardNode[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const self = typeof o.type === 'string' ? [o as CardNode] : [];
  return [
    ...self,
    ...Object.entries(o)
      .filter(([k]) => k !== 'data')
      .flatMap(([, v]) => nodes(v)),
  ];
}

/** Nodes of one type. */
export function ofType(card: AdaptiveCard | undefined, type: string): CardNode[] {
  return nodes(card?.body).filter((n) => n.type === type);
}

/** Texts of the card's TextBlocks. */
export function texts(card: AdaptiveCard | undefined): string[] {
  return ofType(card, 'TextBlock').map((n) => String(n.text));
}

/** A Table's rows as arrays of cell texts. */
export function tableRows(table: CardNode): string[][] {
  const rows = table.rows as { cells: { items: { text?: string }[] }[] }[];
  return rows.map((r) => r.cells.map((c) => c.items.map((i) => i.text ?? '').join(' ')));
}

/** The data posted by every Action.Submit of the card. */
export function submits(card: AdaptiveCard | undefined): Record<string, unknown>[] {
  return ofType(card, 'Action.Submit').map((a) => a.data as Record<string, unknown>);
}

/** One record of a wide table shown as records: the row's name, then each column's label, value and tint. */
export interface CardRecord {
  name: string;
  fields: { label: string; value: string; style?: unknown }[];
}

/** The records of a card (see `records` in src/cards/cardParts.ts), in order. */
export function cardRecords(card: AdaptiveCard | undefined): CardRecord[] {
  const containers = ofType(card, 'Container').filter((c) => {
    const items = c.items as CardNode[];
    return (
      items[0]?.type === 'TextBlock' &&
      items[0].weight === 'Bolder' &&
      items.length > 1 &&
      items.slice(1).every((i) => i.type === 'ColumnSet' || (i.type === 'TextBlock' && /: \*\*/.test(String(i.text))))
    );
  });
  return containers.map((c) => {
    const [head, ...lines] = c.items as CardNode[];
    return {
      name: String(head?.text),
      fields: lines.map((l) => {
        if (l.type === 'TextBlock') {
          const m = /^(.*?): \*\*(.*)\*\*$/.exec(String(l.text));
          return { label: m?.[1] ?? '', value: m?.[2] ?? '' };
        }
        const [label, value] = l.columns as { items: { text: string }[]; style?: unknown }[];
        return { label: String(label?.items[0]?.text), value: String(value?.items[0]?.text), style: value?.style };
      }),
    };
  });
}
