import type { Answer, AnswerTable, TableCell as AnswerCell, Tone } from '../answers/answer';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type {
  ActionSet, CardElement, Container, ContainerStyle, FactSet, RichTextBlock, SubmitAction, Table, TableCell, TextBlock,
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
  return { type: 'Container', style: toneStyle(tone), spacing: 'Small', items: [text(literal(label), { size: 'Large', weight: 'Bolder' })] };
}

const SUPERSCRIPTS = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/** A footnote marker as superscript digits ("¹²"), compact enough for a table cell. */
export function marker(n: number): string {
  return String(n).split('').map((d) => SUPERSCRIPTS[Number(d)] ?? d).join('');
}

/**
 * Makes text literal for Adaptive Card Markdown: the characters the Teams subset treats as markup (`*`,
 * `_`, brackets, a leading list marker) are backslash-escaped, so knowledge text shows as written.
 */
export function literal(text: string): string {
  return text
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
      { type: 'Column', width: 'auto', items: [text(`${i + 1}.`, { weight: 'Bolder', color: 'Accent' })] },
      { type: 'Column', width: 'stretch', items: [text(literal(s))] },
    ],
  }));
}

/** A command in a monospace block; a RichTextBlock is not Markdown, so it copies exactly as written. */
export function codeBlock(caption: string, code: string): CardElement[] {
  const block: RichTextBlock = { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: code, fontType: 'Monospace' }] };
  const box: Container = { type: 'Container', style: 'emphasis', spacing: 'Small', items: [block] };
  return [text(literal(caption), { spacing: 'Medium' }), box];
}

function cell(c: AnswerCell, header: boolean): TableCell {
  const mark = c.note !== undefined ? ` ${marker(c.note)}` : '';
  const tinted = c.tone !== undefined && c.tone !== 'neutral';
  return {
    type: 'TableCell',
    ...(tinted ? { style: toneStyle(c.tone) } : {}),
    items: [text(literal(c.text) + mark, header ? { weight: 'Bolder' } : {})],
  };
}

/**
 * An answer table as an Adaptive Card `Table`: header row, status cells coloured by tone, footnote markers.
 * `widths` are relative column widths (the first column names the row).
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

/** Footnotes under a table, each marker explained; without markers when there is no table to point from. */
export function notes(a: Answer, withMarkers = true): CardElement[] {
  return a.notes.map((n, i) => text(`${withMarkers && n.marker !== undefined ? `${marker(n.marker)} ` : ''}${literal(n.text)}`, {
    size: 'Small', spacing: i === 0 ? 'Medium' : 'Small', isSubtle: true,
  }));
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

/** A button that asks a question, as if the user had typed it. */
export function askButton(question: string): SubmitAction {
  return { type: 'Action.Submit', title: question, data: { question } };
}

/**
 * Questions as buttons, one per row: side by side, Teams and narrow clients cut a question's title down
 * to a few words, which leaves nothing to read.
 */
export function askButtons(questions: readonly string[]): ActionSet[] {
  return questions.map((q, i) => ({ type: 'ActionSet', spacing: i === 0 ? 'Medium' : 'Small', actions: [askButton(q)] }));
}

/** "Was this helpful?" with two buttons that post the verdict, the question and the intent back. */
export function feedback(kb: KnowledgeBase, a: Answer, context: CardContext): CardElement {
  const data = (helpful: boolean): Record<string, unknown> => ({
    feedback: helpful ? 'helpful' : 'not_helpful',
    kind: a.kind,
    ...(context.question !== undefined ? { question: context.question } : {}),
    ...(context.intent !== undefined ? { intent: context.intent } : {}),
  });
  return {
    type: 'ColumnSet',
    spacing: 'Medium',
    separator: true,
    columns: [
      { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [text(kb.message('feedback_prompt', a.lang), { size: 'Small', isSubtle: true })] },
      {
        type: 'Column', width: 'auto', items: [{
          type: 'ActionSet',
          actions: [
            { type: 'Action.Submit', title: kb.message('feedback_helpful', a.lang), data: data(true) },
            { type: 'Action.Submit', title: kb.message('feedback_not_helpful', a.lang), data: data(false) },
          ],
        }],
      },
    ],
  };
}
