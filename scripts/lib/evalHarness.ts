import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { createApp, type App } from '../../src/app';
import { parseConfig } from '../../src/config';
import { emulatorMessage, post, slackMessage, teamsChannelMessage, visibleText } from './activities';
import { ConnectorStandIn } from './connectorStandIn';

type Reply = Parameters<typeof visibleText>[0] & { locale?: string };

const Expect = z.strictObject({
  /** The reply's first sentence matches (case-insensitive regex source). */
  first: z.string().optional(),
  /** Each is found somewhere in the reply. */
  all: z.array(z.string()).default([]),
  /** None is found anywhere in the reply. */
  none: z.array(z.string()).default([]),
  /** The bot declines: says it does not know, and states no support status. */
  decline: z.boolean().optional(),
  /** The bot asks back (a clarifying question), stating no status. */
  clarify: z.boolean().optional(),
});
const Turn = z.strictObject({ q: z.string(), expect: Expect });
export const EvalFile = z.strictObject({
  questions: z.array(Turn.extend({ id: z.string(), lang: z.enum(['en', 'fr']), category: z.string().optional() })),
  conversations: z
    .array(z.strictObject({ id: z.string(), lang: z.enum(['en', 'fr']), category: z.string().optional(), turns: z.array(Turn).min(1) }))
    .default([]),
});
type Expectation = z.infer<typeof Expect>;

/** The channel shapes a set is run on. */
export const SHAPES = {
  emulator: emulatorMessage,
  msteams: teamsChannelMessage,
  slack: slackMessage,
} as const;
export type ShapeName = keyof typeof SHAPES;

export interface EvalFailure {
  id: string;
  q: string;
  category: string;
  reasons: string[];
  reply: string;
}

interface Tally {
  total: number;
  passed: number;
  /** Of them, answered with a support status where a decline (or a question back) was expected. */
  invented?: number;
}

export interface EvalResult extends Tally {
  shape: ShapeName;
  byLang: Record<'en' | 'fr', Tally>;
  byCategory: Record<string, Tally>;
  /** Turns that should have been declined (or asked back) and were answered with a support status. */
  invented: number;
  /** French turns answered in another language. */
  frenchNotInFrench: number;
  failures: EvalFailure[];
}

/**
 * The first sentence of a reply ("Yes." of "Yes. Lync 2010 is supported…"). A sentence ends at . ! or ?
 * followed by a capital letter, so that "Yahoo! ended on…" stays one sentence.
 */
export function firstSentence(text: string): string {
  return (text.split(/(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ0-9«“"])|\n/)[0] ?? '').trim();
}

/** What the bot says when it does not know: "I don't know …", "Je ne connais pas …". */
const DECLINES =
  /\b(i don['’]t know|i do not know|i can['’]t answer|i cannot answer|my sources do not say|the documentation does not say|je ne connais pas|je ne sais pas|je ne peux pas répondre|mes sources ne disent pas|la documentation ne dit pas)\b/i;
/** A first sentence that states a support status or a yes/no verdict. */
const STATUS =
  /^(yes|no|partly|not applicable|supported|not supported|interoperable|oui|non|partiellement|non applicable|pris en charge|non pris en charge|interopérable)\b/i;

/** The text of the reply's first message: its text, else (a card alone) the card's own text. */
function firstText(reply: Reply | undefined): string {
  if (!reply) return '';
  if (typeof reply.text === 'string' && reply.text.trim() !== '') return reply.text;
  return visibleText(reply);
}

function check(expect: Expectation, lang: 'en' | 'fr', replies: Reply[]): { reasons: string[]; invented: boolean; wrongLang: boolean } {
  const reasons: string[] = [];
  if (replies.length === 0) return { reasons: ['no reply'], invented: false, wrongLang: false };
  const text = replies.map(visibleText).join('\n\n');
  const first = firstSentence(firstText(replies[0]));
  if (expect.first && !new RegExp(expect.first, 'i').test(first))
    reasons.push(`first sentence "${first}" does not match /${expect.first}/`);
  for (const re of expect.all) if (!new RegExp(re, 'i').test(text)) reasons.push(`missing /${re}/`);
  for (const re of expect.none) if (new RegExp(re, 'i').test(text)) reasons.push(`unexpected /${re}/`);
  let invented = false;
  if (expect.decline) {
    if (STATUS.test(first)) {
      invented = true;
      reasons.push(`declines, but states a status: "${first}"`);
    } else if (!DECLINES.test(first)) reasons.push(`does not decline: "${first}"`);
  }
  if (expect.clarify) {
    if (STATUS.test(first)) {
      invented = true;
      reasons.push(`should ask back, states a status: "${first}"`);
      // (Its first sentence, or its message text, asks: a card's "Was this answer helpful?" or a suggested
      // follow-up on a button is not the bot asking back.)
    } else if (!/\?\s*$/.test(first) && !String((replies[0] as Reply).text ?? '').includes('?')) reasons.push('asks nothing back');
  }
  const wrong = replies.find((r) => !(r.locale ?? '').toLowerCase().startsWith(lang));
  if (wrong) reasons.push(`reply locale ${wrong.locale ?? '(none)'} is not ${lang}`);
  return { reasons, invented, wrongLang: wrong !== undefined };
}

/**
 * Runs a question file end to end on one channel shape: the real server on a free port, each question
 * POSTed as a Bot Framework activity, replies collected at a local connector stand-in and checked.
 */
export async function runEval(
  file: string,
  shape: ShapeName = 'emulator',
  env: Record<string, string> = {},
  /** Called after each question or turn, with the reply's text and whether it passed (`npm run eval -- --trace`). */
  onTurn?: (turn: { id: string; q: string; reply: string; passed: boolean }) => void,
): Promise<EvalResult> {
  const data = EvalFile.parse(parse(readFileSync(file, 'utf8')));
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'lync-eval-'));
  const app: App = await createApp(
    parseConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${join(dataDir, 'eval.sqlite')}`, ...env }),
  );
  const port = await app.start();
  const botUrl = `http://127.0.0.1:${port}`;
  const result: EvalResult = {
    shape,
    total: 0,
    passed: 0,
    byLang: { en: { total: 0, passed: 0 }, fr: { total: 0, passed: 0 } },
    byCategory: {},
    invented: 0,
    frenchNotInFrench: 0,
    failures: [],
  };
  const make = SHAPES[shape];
  const ask = async (
    id: string,
    lang: 'en' | 'fr',
    category: string,
    q: string,
    expect: Expectation,
    conversationId: string,
  ): Promise<void> => {
    const activity = make(q, { serviceUrl, conversationId, locale: lang === 'fr' ? 'fr-FR' : 'en-US' });
    const convId = (activity.conversation as { id: string }).id;
    const before = connector.inConversation(convId).length;
    const status = await post(botUrl, activity);
    const replies = connector
      .inConversation(convId)
      .slice(before)
      .filter((a) => a.type === 'message');
    const verdict = status === 200 ? check(expect, lang, replies) : { reasons: [`HTTP ${status}`], invented: false, wrongLang: false };
    result.byCategory[category] ??= { total: 0, passed: 0 };
    const tally = result.byCategory[category];
    result.total++;
    result.byLang[lang].total++;
    tally.total++;
    if (verdict.invented) {
      result.invented++;
      tally.invented = (tally.invented ?? 0) + 1;
    }
    if (verdict.wrongLang && lang === 'fr') result.frenchNotInFrench++;
    onTurn?.({ id, q, reply: replies.map(visibleText).join(' | '), passed: verdict.reasons.length === 0 });
    if (verdict.reasons.length === 0) {
      result.passed++;
      result.byLang[lang].passed++;
      tally.passed++;
    } else {
      result.failures.push({ id, q, category, reasons: verdict.reasons, reply: replies.map(visibleText).join(' | ').slice(0, 400) });
    }
  };
  try {
    for (const q of data.questions) await ask(q.id, q.lang, q.category ?? 'other', q.q, q.expect, `eval-${q.id}`);
    for (const c of data.conversations) {
      for (const [i, t] of c.turns.entries())
        await ask(`${c.id}#${i + 1}`, c.lang, c.category ?? 'conversation', t.q, t.expect, `eval-${c.id}`);
    }
  } finally {
    await app.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}
