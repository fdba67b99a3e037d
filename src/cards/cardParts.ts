import type { Answer, AnswerTable, TableCell as AnswerCell, Tone } from '../answers/answer';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type {
  CardAction,
  CardElement,
  Container,
  ContainerStyle,
  FactSet,
  RichTextBlock,
  SubmitAction,
  Table,
  TableCell,
  TextBlock,
} from './adaptiveCard';

/** What a button or a card needs to know about the turn it answers (never shown, only posted back). */
export interface CardContext {
  /** The question being answered, as the user wrote it; carried in the feedback buttons' data. */
  question?: string;
  /** The intent the bot understood, for the feedback record. */
  intent?: string;
  /**
   * The channel runs Adaptive Card Universal Actions (Teams): feedback buttons are `Action.Execute`, so
   * the card itself is updated with the verdict. Elsewhere (Emulator, Web Chat) they are `Action.Submit`.
   */
  universalActions?: boolean;
  /**
   * The card is inserted by the message extension into a conversation the bot may not be in: no buttons
   * that talk to the bot (follow-up questions, feedback), only the answer and its source.
   */
  shared?: boolean;
}

const TONE_STYLES: Record<Tone, ContainerStyle> = { good: 'good', warning: 'warning', attention: 'attention', neutral: 'default' };

/**
 * Container style of a knowledge-base tone. Tones are shown as tinted backgrounds behind default-coloured
 * text: Teams' coloured text (yellow "warning" especially) is hard to read on white, a tint is not.
 */
export function toneStyle(tone: Tone | undefined): ContainerStyle {
  return tone ? TONE_STYLES[tone] : 'default';
}

/** A short status label stated plainly on its tone's tint ("Supported" on green). */
export function badge(label: string, tone: Tone | undefined): Container {
  return {
    type: 'Container',
    style: toneStyle(tone),
    spacing: 'Small',
    items: [text(literal(label), { size: 'Large', weight: 'Bolder' })],
  };
}

const SUPERSCRIPTS = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/** A footnote marker as superscript digits ("¹²"), compact enough for a table cell. */
export function marker(n: number): string {
  return String(n)
    .split('')
    .map((d) => SUPERSCRIPTS[Number(d)] ?? d)
    .join('');
}

/** A non-breaking hyphen: looks like "-", but no line ends after it. */
const NO_BREAK_HYPHEN = '\u2011';

/**
 * Keeps PowerShell names whole in prose: a line may end after any hyphen, which cut
 * "New-|CsPersistentChatEndpoint" and "-|PersistentChatPoolFqdn" on a phone. The hyphen of a Verb-Noun
 * cmdlet and the leading hyphen of a parameter (a capital and a CamelCase name follow) become
 * non-breaking hyphens. Prose only: commands to copy are in code blocks, written as they are.
 */
export function keepCommandsWhole(text: string): string {
  return text
    .replace(/\b([A-Z][a-z]+)-(?=[A-Z][a-z]*[A-Z])/g, `$1${NO_BREAK_HYPHEN}`)
    .replace(/(^|[\s(])-(?=[A-Z][a-z]+[A-Z])/g, `$1${NO_BREAK_HYPHEN}`);
}

/**
 * Makes text literal for Adaptive Card Markdown: the characters the Teams subset treats as markup (`*`,
 * `_`, brackets, a leading list marker) are backslash-escaped, so knowledge text shows as written.
 */
export function literal(text: string): string {
  return keepCommandsWhole(text)
    .replace(/([\\*_[\]])/g, '\\$1')
    .replace(/^(\s*)(\d+)([.)]\s)/, '$1$2\\$3')
    .replace(/^(\s*)([-+]\s)/, '$1\\$2');
}

export function text(value: string, extra: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

/** The card's heading. */
export function title(value: string): TextBlock {
  return text(literal(value), { size: 'Medium', weight: 'Bolder', style: 'heading' });
}

/** The direct answer, first and plain. */
export function headline(a: Answer): TextBlock {
  return text(literal(a.headline), { spacing: 'Small' });
}

export function paragraphs(lines: readonly string[]): TextBlock[] {
  return lines.map((l) => text(literal(l), { spacing: 'Small' }));
}

export function factSet(facts: Answer['facts']): FactSet {
  return { type: 'FactSet', facts: facts.map((f) => ({ title: literal(f.label), value: literal(f.value) })), spacing: 'Medium' };
}

/** Numbered steps, one block each so that long steps wrap under their own number. */
export function numberedSteps(steps: readonly string[]): CardElement[] {
  return steps.map((s, i) => ({
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      // "1\\." is the number as written: "1." alone is a Markdown list, whose marker overflows its column.
      { type: 'Column', width: 'auto', items: [text(`${i + 1}\\.`, { weight: 'Bolder', color: 'Accent' })] },
      { type: 'Column', width: 'stretch', items: [text(literal(s))] },
    ],
  }));
}

/**
 * A command split into lines at its parameters ("-SipAddress sip:…"), each line but the last ending in
 * PowerShell's line continuation (a space and a backtick), so that the block pastes into PowerShell as
 * one command. A narrow card then wraps between lines, never inside "-PersistentChatPoolFqdn".
 */
export function commandLines(code: string): string[] {
  const groups: string[][] = [];
  for (const token of code.trim().split(/\s+/)) {
    const last = groups.at(-1);
    if (!last || (token.startsWith('-') && groups.length > 0 && last.length > 0)) groups.push([token]);
    else last.push(token);
  }
  return groups.map((g, i) => g.join(' ') + (i < groups.length - 1 ? ' `' : ''));
}

/**
 * A command in a monospace block, one RichTextBlock (not Markdown: copies exactly as written) per line
 * of `commandLines`, in small type so that a parameter and its value fit a phone's width.
 */
export function codeBlock(caption: string, code: string): CardElement[] {
  const lines: RichTextBlock[] = commandLines(code).map((line, i) => ({
    type: 'RichTextBlock',
    ...(i > 0 ? { spacing: 'None' as const } : {}),
    inlines: [{ type: 'TextRun', text: line, fontType: 'Monospace', size: 'Small' }],
  }));
  const box: Container = { type: 'Container', style: 'emphasis', spacing: 'Small', items: lines };
  return [text(literal(caption), { spacing: 'Medium' }), box];
}

function cellText(c: AnswerCell): string {
  return literal(c.text) + (c.note !== undefined ? ` ${marker(c.note)}` : '');
}

function cell(c: AnswerCell, header: boolean): TableCell {
  const tinted = c.tone !== undefined && c.tone !== 'neutral';
  return {
    type: 'TableCell',
    ...(tinted ? { style: toneStyle(c.tone) } : {}),
    items: [text(cellText(c), header ? { weight: 'Bolder' } : {})],
  };
}

/** Tables with more columns than this are shown as one record per row (see `records`). */
export const MAX_TABLE_COLUMNS = 2;

/**
 * An answer table as an Adaptive Card `Table`: header row, status cells coloured by tone, footnote markers.
 * `widths` are relative column widths (the first column names the row). Only for tables of up to
 * `MAX_TABLE_COLUMNS` columns: wider ones break words on a phone (use `tableOrRecords`).
 */
export function table(t: AnswerTable, widths?: number[]): Table {
  return {
    type: 'Table',
    spacing: 'Medium',
    firstRowAsHeader: true,
    showGridLines: true,
    gridStyle: 'accent',
    columns: t.columns.map((_, i) => ({ width: widths?.[i] ?? 1 })),
    rows: [
      { type: 'TableRow', style: 'emphasis', cells: t.columns.map((c) => cell({ text: c }, true)) },
      ...t.rows.map((r) => ({ type: 'TableRow' as const, cells: r.map((c) => cell(c, false)) })),
    ],
  };
}

/**
 * A wide table as one record per row, legible from a 320 px phone to a 600 px desktop chat: the row's
 * name in bold, then one line per column. A status (a cell with a tone) is a chip on its tone's tint
 * beside the column's name ("Lync Server 2013 | Supported ¹"); other cells read "Licensing: **…**".
 * A four-column table at 320 px left about 60 px a column: "Interoperable" broke mid-word.
 */
export function records(t: AnswerTable): Container[] {
  return t.rows.map((r, i) => ({
    type: 'Container',
    spacing: i === 0 ? 'Medium' : 'Small',
    separator: i > 0,
    items: [
      text(r[0] ? cellText(r[0]) : '', { weight: 'Bolder' }),
      ...r.slice(1).map((c, j): CardElement => {
        const label = literal(t.columns[j + 1] ?? '');
        if (c.tone === undefined) return text(`${label}: **${cellText(c)}**`, { spacing: 'Small' });
        return {
          type: 'ColumnSet',
          spacing: 'Small',
          columns: [
            { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [text(label)] },
            {
              type: 'Column',
              width: 'auto',
              style: toneStyle(c.tone),
              verticalContentAlignment: 'Center',
              items: [text(cellText(c), { weight: 'Bolder' })],
            },
          ],
        };
      }),
    ],
  }));
}

/** A `Table` for narrow tables, records for wide ones. */
export function tableOrRecords(t: AnswerTable, widths?: number[]): CardElement[] {
  return t.columns.length <= MAX_TABLE_COLUMNS ? [table(t, widths)] : records(t);
}

/** Footnotes under a table, each marker explained; without markers when there is no table to point from. */
export function notes(a: Answer, withMarkers = true): CardElement[] {
  return a.notes.map((n, i) =>
    text(`${withMarkers && n.marker !== undefined ? `${marker(n.marker)} ` : ''}${literal(n.text)}`, {
      size: 'Small',
      spacing: i === 0 ? 'Medium' : 'Small',
      isSubtle: true,
    }),
  );
}

/** A URL safe inside a Markdown link: TechNet addresses end in "(v=OCS.15)", which would close the link. */
export function linkTarget(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
}

/** "Source: <linked document title>". */
export function sources(kb: KnowledgeBase, a: Answer): CardElement[] {
  if (a.sources.length === 0) return [];
  const label = kb.message(a.sources.length > 1 ? 'sources' : 'source', a.lang);
  const links = a.sources.map((s) => (s.url ? `[${literal(s.title)}](${linkTarget(s.url)})` : literal(s.title))).join(' · ');
  return [text(`${label}: ${links}`, { size: 'Small', isSubtle: true, spacing: 'Medium', separator: true })];
}

/** The action that asks a question, as if the user had typed it (the whole question in its data). */
export function askButton(question: string): SubmitAction {
  return { type: 'Action.Submit', title: question, data: { question } };
}

/**
 * A question to ask as a tappable row: the question's text, wrapped at any width, in the accent colour.
 * A button's title is one line that Teams cuts with an ellipsis ("How do I migrate Lync 2010 Group Chat
 * to Persiste…"); a row shows the whole question on a 320 px phone as on a desktop.
 */
export function askRow(question: string, spacing: TextBlock['spacing'] = 'Small', label = question): Container {
  return {
    type: 'Container',
    style: 'emphasis',
    spacing,
    selectAction: askButton(question),
    items: [text(`› ${literal(label)}`, { color: 'Accent' })],
  };
}

/** Questions as tappable rows, one per row. */
export function askButtons(questions: readonly string[]): Container[] {
  return questions.map((q, i) => askRow(q, i === 0 ? 'Medium' : 'Small'));
}

/** Id of the feedback row: an updated card replaces it with the verdict. */
export const FEEDBACK_ID = 'feedback';

/** Verb of the feedback buttons' `Action.Execute`. */
export const FEEDBACK_VERB = 'feedback';

/**
 * "Was this helpful?" with two buttons that post the verdict, the answer's kind, the question and the
 * intent back: `Action.Execute` where the card can be updated in place (Teams), `Action.Submit` elsewhere.
 * The prompt has a line of its own: beside the buttons, "Cette réponse vous a-t-elle aidé ?" broke at
 * its hyphens on a phone.
 */
export function feedback(kb: KnowledgeBase, a: Answer, context: CardContext): Container {
  const data = (helpful: boolean): Record<string, unknown> => ({
    feedback: helpful ? 'helpful' : 'not_helpful',
    kind: a.kind,
    ...(context.question !== undefined ? { question: context.question } : {}),
    ...(context.intent !== undefined ? { intent: context.intent } : {}),
  });
  const button = (helpful: boolean): CardAction => {
    const title = kb.message(helpful ? 'feedback_helpful' : 'feedback_not_helpful', a.lang);
    return context.universalActions
      ? { type: 'Action.Execute', verb: FEEDBACK_VERB, title, data: data(helpful) }
      : { type: 'Action.Submit', title, data: data(helpful) };
  };
  return {
    type: 'Container',
    id: FEEDBACK_ID,
    spacing: 'Medium',
    separator: true,
    items: [
      text(kb.message('feedback_prompt', a.lang), { size: 'Small', isSubtle: true }),
      { type: 'ActionSet', spacing: 'Small', actions: [button(true), button(false)] },
    ],
  };
}
