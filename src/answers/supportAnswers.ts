import type { Cell, Client, KnowledgeBase, Server } from '../knowledge/knowledgeBase';
import { fill } from '../knowledge/knowledgeBase';
import type { Lang, StatusId } from '../knowledge/schema';
import { answer, type Answer, type TableCell } from './answer';
import { formatList, inSentence, sourceOf } from './format';

/** Footnotes referenced by some cells, and those about the given clients, in marker order. */
function notesFor(kb: KnowledgeBase, cells: readonly Cell[], lang: Lang, aboutClients: readonly string[] = []): Answer['notes'] {
  const ids = new Set(cells.map((c) => c.footnote).filter((f): f is number => f !== undefined));
  for (const client of aboutClients) for (const f of kb.footnotesAbout(client)) ids.add(f.id);
  return [...ids].sort().map((id) => ({ marker: id, text: kb.footnote(id)?.text[lang] ?? '' }));
}

function statusCell(kb: KnowledgeBase, cell: Cell, lang: Lang): TableCell {
  const status = kb.status(cell.status);
  return { text: status.label[lang], tone: status.tone, ...(cell.footnote !== undefined ? { note: cell.footnote } : {}) };
}

/** Groups names by status, in the knowledge base's status order: "supported on A and B; not supported on C". */
function groups(kb: KnowledgeBase, entries: { status: StatusId; name: string }[], lang: Lang, key: 'status_on' | 'status_list'): string {
  const order = Object.keys(kb.support.statuses) as StatusId[];
  return order
    .map((status) => ({ status, names: entries.filter((e) => e.status === status).map((e) => e.name) }))
    .filter((g) => g.names.length > 0)
    .map((g) =>
      kb.message(key, lang, {
        status: inSentence(kb.status(g.status).label[lang]),
        servers: formatList(g.names, lang),
        clients: formatList(g.names, lang),
      }),
    )
    .join('; ');
}

/** "Is client X supported on server Y?" for one or more pairs. */
export function cellAnswer(kb: KnowledgeBase, pairs: { client: Client; server: Server }[], lang: Lang): Answer {
  const cells = pairs.map(({ client, server }) => kb.cell(client.id, server.id));
  const sentences = pairs.map(({ client, server }, i) =>
    fill(kb.status((cells[i] as Cell).status).headline[lang], { client: client.name, server: server.name }),
  );
  const first = cells[0] as Cell;
  const result = answer('support-cell', lang, sentences[0] as string, {
    title: kb.message('matrix_title', lang),
    tone: kb.status(first.status).tone,
    badge: kb.status(first.status).label[lang],
    details: sentences.slice(1),
    notes: notesFor(kb, cells, lang, [...new Set(pairs.map((p) => p.client.id))]),
    sources: [sourceOf(kb, first.source, lang)],
  });
  if (pairs.length > 1) {
    result.table = {
      columns: [kb.message('client_column', lang), kb.message('server_column', lang), kb.message('status_column', lang)],
      rows: pairs.map(({ client, server }, i) => [{ text: client.name }, { text: server.name }, statusCell(kb, cells[i] as Cell, lang)]),
    };
  }
  const { client, server } = pairs[0] as { client: Client; server: Server };
  result.suggestions = [
    kb.message('suggest_row', lang, { client: client.name }),
    kb.message('suggest_column', lang, { server: server.name }),
  ];
  return result;
}

/**
 * One product against every product of the other axis: a client across servers or a server across
 * clients. `headline` words the grouped statuses; the table lists each pair.
 */
function lineAnswer(
  kb: KnowledgeBase,
  lang: Lang,
  line: {
    title: string;
    source: string;
    others: readonly (Client | Server)[];
    cellWith: (other: Client | Server) => Cell;
    otherColumn: 'server_column' | 'client_column';
    headline: (groupsText: string) => string;
    groupKey: 'status_on' | 'status_list';
    aboutClients: string[];
  },
): Answer {
  const cells = line.others.map(line.cellWith);
  const entries = line.others.map((o, i) => ({ status: (cells[i] as Cell).status, name: o.name }));
  return answer('support-table', lang, line.headline(groups(kb, entries, lang, line.groupKey)), {
    title: line.title,
    table: {
      columns: [kb.message(line.otherColumn, lang), kb.message('status_column', lang)],
      rows: line.others.map((o, i) => [{ text: o.name }, statusCell(kb, cells[i] as Cell, lang)]),
    },
    notes: notesFor(kb, cells, lang, line.aboutClients),
    sources: [sourceOf(kb, line.source, lang)],
    suggestions: [kb.message('suggest_matrix', lang)],
  });
}

/** One client across every server. */
export function rowAnswer(kb: KnowledgeBase, client: Client, lang: Lang): Answer {
  return lineAnswer(kb, lang, {
    title: client.name,
    source: client.source,
    others: kb.servers,
    aboutClients: [client.id],
    cellWith: (server) => kb.cell(client.id, server.id),
    otherColumn: 'server_column',
    groupKey: 'status_on',
    headline: (g) => kb.message('row_headline', lang, { client: client.name, groups: g }),
  });
}

/** One server across every client. */
export function columnAnswer(kb: KnowledgeBase, server: Server, lang: Lang): Answer {
  return lineAnswer(kb, lang, {
    title: server.name,
    source: server.source,
    others: kb.clients,
    aboutClients: [],
    cellWith: (client) => kb.cell(client.id, server.id),
    otherColumn: 'client_column',
    groupKey: 'status_list',
    headline: (g) => kb.message('column_headline', lang, { server: server.name, groups: g }),
  });
}

/** The whole matrix. */
export function matrixAnswer(kb: KnowledgeBase, lang: Lang): Answer {
  const cells = kb.support.matrix;
  return answer('support-table', lang, kb.message('matrix_headline', lang, { clients: kb.clients.length, servers: kb.servers.length }), {
    title: kb.message('matrix_title', lang),
    table: {
      columns: [kb.message('client_column', lang), ...kb.servers.map((s) => s.shortName ?? s.name)],
      rows: kb.clients.map((c) => [{ text: c.name }, ...kb.servers.map((s) => statusCell(kb, kb.cell(c.id, s.id), lang))]),
    },
    notes: notesFor(kb, cells, lang),
    sources: [sourceOf(kb, (cells[0] as Cell).source, lang)],
  });
}
