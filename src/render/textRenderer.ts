import type { Answer, AnswerTable } from '../answers/answer';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';

/** Markdown dialect of a channel: standard Markdown, or Slack's mrkdwn. */
export type TextDialect = 'markdown' | 'mrkdwn';

/**
 * Makes prose safe for Markdown and Slack mrkdwn: `<`, `>` and `&` become entities, so a placeholder such
 * as `OCSChat@<domain>` shows as written instead of being taken for a tag. Code blocks are left verbatim.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a table cell: entities as above, and the pipe that would split the cell. */
function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, '\\|');
}

function bold(text: string, dialect: TextDialect): string {
  return dialect === 'mrkdwn' ? `*${text}*` : `**${text}**`;
}

function cellText(cell: AnswerTable['rows'][number][number]): string {
  return cell.note !== undefined ? `${cell.text} [${cell.note}]` : cell.text;
}

/** A table as Markdown, or as aligned monospace text for mrkdwn (Slack has no tables). */
function renderTable(table: AnswerTable, dialect: TextDialect): string {
  if (dialect === 'markdown') {
    const row = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [row(table.columns), `|${table.columns.map(() => ' --- ').join('|')}|`, ...table.rows.map((r) => row(r.map(cellText)))].join(
      '\n',
    );
  }
  const rows = [table.columns, ...table.rows.map((r) => r.map(cellText))];
  const widths = table.columns.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return ['```', line(rows[0] as string[]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), '```'].join('\n');
}

/**
 * An answer as text: the direct answer first, then details, facts, steps, commands, table, notes and
 * the source. Used where cards cannot be shown and as the message text beside cards.
 */
export function renderText(kb: KnowledgeBase, a: Answer, dialect: TextDialect = 'markdown'): string {
  const parts: string[] = [a.headline, ...a.details].map(escapeText);
  if (a.examples && a.examples.length > 0) {
    parts.push(
      a.examples
        .map((g) => `- ${bold(escapeText(g.subject), dialect)}: ${g.questions.map((q) => `“${escapeText(q)}”`).join(' · ')}`)
        .join('\n'),
    );
  }
  if (a.facts.length > 0) parts.push(a.facts.map((f) => `- ${bold(escapeText(f.label), dialect)}: ${escapeText(f.value)}`).join('\n'));
  if (a.steps.length > 0) parts.push(a.steps.map((s, i) => `${i + 1}. ${escapeText(s)}`).join('\n'));
  for (const c of a.code) parts.push(`${escapeText(c.caption)}\n\`\`\`\n${c.text}\n\`\`\``);
  if (a.table) parts.push(renderTable(a.table, dialect));
  if (a.notes.length > 0)
    parts.push(a.notes.map((n) => escapeText(n.marker !== undefined ? `[${n.marker}] ${n.text}` : n.text)).join('\n'));
  if (a.sources.length > 0) {
    const label = kb.message(a.sources.length > 1 ? 'sources' : 'source', a.lang);
    parts.push(`_${label}: ${escapeText(a.sources.map((s) => `${s.title} (${s.file})`).join('; '))}_`);
  }
  return parts.join('\n\n');
}
