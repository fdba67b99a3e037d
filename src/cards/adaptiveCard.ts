import { CardFactory, type Attachment } from '../framework';

/**
 * The Adaptive Card schema version every card declares: what Teams renders for bots. Nothing in
 * `src/cards/` may use an element or property introduced after it (the browser test parses each card
 * with the official renderer targeting this version and fails on any warning).
 */
export const CARD_VERSION = '1.5';

/** Teams rejects messages above about 80 KB; every card must stay below this, fallback text included. */
export const MAX_CARD_BYTES = 80 * 1024;

export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  separator?: boolean;
  style?: 'default' | 'heading';
  fontType?: 'Default' | 'Monospace';
}

export interface TextRun {
  type: 'TextRun';
  text: string;
  fontType?: 'Default' | 'Monospace';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  color?: TextColor;
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  isSubtle?: boolean;
}

/** Text without Markdown processing: what a command must be so that it copies exactly as written. */
export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  spacing?: TextBlock['spacing'];
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
  spacing?: TextBlock['spacing'];
}

export interface TableCell {
  type: 'TableCell';
  items: CardElement[];
  style?: ContainerStyle;
}

export interface Table {
  type: 'Table';
  columns: { width: number }[];
  rows: { type: 'TableRow'; cells: TableCell[]; style?: ContainerStyle }[];
  firstRowAsHeader: boolean;
  showGridLines?: boolean;
  gridStyle?: ContainerStyle;
  spacing?: TextBlock['spacing'];
}

export interface Container {
  type: 'Container';
  /** Names the element, so that an updated card can replace it (the feedback row). */
  id?: string;
  items: CardElement[];
  /** The whole container is tappable: what a question to ask is (its text wraps, a button's title would be cut). */
  selectAction?: CardAction;
  style?: ContainerStyle;
  bleed?: boolean;
  spacing?: TextBlock['spacing'];
  separator?: boolean;
}

export interface Column {
  type: 'Column';
  width: 'auto' | 'stretch' | number;
  items: CardElement[];
  style?: ContainerStyle;
  verticalContentAlignment?: 'Top' | 'Center' | 'Bottom';
}

export interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: TextBlock['spacing'];
  separator?: boolean;
}

/** A button that posts `data` back to the bot as the activity's `value` (Teams sends no text). */
export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

/**
 * A Universal Action (Teams): posts an `adaptiveCard/action` invoke with `verb` and `data`, and the bot's
 * answer replaces the card in place.
 */
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
}

export type CardAction = SubmitAction | OpenUrlAction | ExecuteAction;

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: TextBlock['spacing'];
}

/** A drop-down list; its value is posted under `id` by the card's submit button. */
export interface ChoiceSet {
  type: 'Input.ChoiceSet';
  id: string;
  choices: { title: string; value: string }[];
  style?: 'compact' | 'expanded';
  placeholder?: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: TextBlock['spacing'];
}

/** A text field; its value is posted under `id` with the card's actions (`Action.Execute` data in Teams). */
export interface TextInput {
  type: 'Input.Text';
  id: string;
  label?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  spacing?: TextBlock['spacing'];
}

/** A Teams @mention inside a card: `<at>Name</at>` in a TextBlock, resolved by this entity. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export type CardElement = TextBlock | RichTextBlock | FactSet | Table | Container | ColumnSet | ActionSet | ChoiceSet | TextInput;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof CARD_VERSION;
  /** Shown by clients that cannot render the card. */
  fallbackText: string;
  /** Language of the card's text (BCP-47). */
  lang: string;
  body: CardElement[];
  actions?: CardAction[];
  /** Teams: let the card use the full message width, so tables have room. */
  msteams?: { width: 'Full'; entities?: MentionEntity[] };
}

/** Wraps a card as a message attachment. */
export function cardAttachment(card: AdaptiveCard): Attachment {
  return CardFactory.adaptiveCard(card);
}

/** Size of an attachment as the connector receives it. */
export function attachmentBytes(attachment: Attachment): number {
  return Buffer.byteLength(JSON.stringify(attachment), 'utf8');
}
