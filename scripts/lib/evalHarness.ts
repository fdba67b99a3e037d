import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { createApp, type App } from '../../src/app';
import { parseConfig } from '../../src/config';
import { emulatorMessage, post, teamsChannelMessage, visibleText } from './activities';

type Reply = Parameters<typeof visibleText>[0] & { locale?: string };
import { ConnectorStandIn } from './connectorStandIn';

const Expect = z.strictObject({
  first: z.string().optional(),
  all: z.array(z.string()).default([]),
  none: z.array(z.string()).default([]),
});
const Turn = z.strictObject({ q: z.string(), expect: Expect });
export const EvalFile = z.strictObject({
  questions: z.array(Turn.extend({ id: z.string(), lang: z.enum(['en', 'fr']) })),
  conversations: z.array(z.strictObject({ id: z.string(), lang: z.enum(['en', 'fr']), turns: z.array(Turn).min(1) })).default([]),
});
type Expectation = z.infer<typeof Expect>;

export interface EvalFailure {
  id: string;
  q: string;
  reasons: string[];
  reply: string;
}

export interface EvalResult {
  total: number;
  passed: number;
  byLang: Record<'en' | 'fr', { total: number; passed: number }>;
  failures: EvalFailure[];
}

/**
 * The first sentence of a reply ("Yes." of "Yes. Lync 2010 is supported…"). A sentence ends at . ! or ?
 * followed by a capital letter, so that "Yahoo! ended on…" stays one sentence.
 */
export function firstSentence(text: string): string {
  return (text.split(/(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ0-9«“"])|\n/)[0] ?? '').trim();
}

function check(expect: Expectation, lang: 'en' | 'fr', replies: Reply[]): string[] {
  const reasons: string[] = [];
  if (replies.length === 0) return ['no reply'];
  const text = replies.map(visibleText).join('\n\n');
  const first = firstSentence(typeof replies[0]?.text === 'string' ? replies[0].text : '');
  if (expect.first && !new RegExp(expect.first, 'i').test(first)) reasons.push(`first sentence "${first}" does not match /${expect.first}/`);
  for (const re of expect.all) if (!new RegExp(re, 'i').test(text)) reasons.push(`missing /${re}/`);
  for (const re of expect.none) if (new RegExp(re, 'i').test(text)) reasons.push(`unexpected /${re}/`);
  const wrongLang = replies.find((r) => !(r.locale ?? '').toLowerCase().startsWith(lang));
  if (wrongLang) reasons.push(`reply locale ${wrongLang.locale ?? '(none)'} is not ${lang}`);
  return reasons;
}

/**
 * Runs a question file end to end: the real server on a free port, each question POSTed as a Bot
 * Framework activity (alternately Emulator- and Teams-channel-shaped), replies collected at a local
 * connector stand-in and checked against the expectations.
 */
export async function runEval(file: string, env: Record<string, string> = {}): Promise<EvalResult> {
  const data = EvalFile.parse(parse(readFileSync(file, 'utf8')));
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'lync-eval-'));
  const app: App = await createApp(parseConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${join(dataDir, 'eval.sqlite')}`, ...env }));
  const port = await app.start();
  const botUrl = `http://127.0.0.1:${port}`;
  const result: EvalResult = { total: 0, passed: 0, byLang: { en: { total: 0, passed: 0 }, fr: { total: 0, passed: 0 } }, failures: [] };
  let n = 0;
  // Alternate Emulator and Teams shapes between conversations (never within one: ids differ by channel).
  const ask = async (id: string, lang: 'en' | 'fr', q: string, expect: Expectation, conversationId: string, shapeOf = n++): Promise<void> => {
    const shape = shapeOf % 2 === 0 ? emulatorMessage : teamsChannelMessage;
    const activity = shape(q, { serviceUrl, conversationId, locale: lang === 'fr' ? 'fr-FR' : 'en-US' });
    const convId = (activity.conversation as { id: string }).id;
    const before = connector.inConversation(convId).length;
    const status = await post(botUrl, activity);
    const replies = connector.inConversation(convId).slice(before).filter((a) => a.type === 'message');
    const reasons = status === 200 ? check(expect, lang, replies) : [`HTTP ${status}`];
    result.total++;
    result.byLang[lang].total++;
    if (reasons.length === 0) { result.passed++; result.byLang[lang].passed++; } else {
      result.failures.push({ id, q, reasons, reply: replies.map(visibleText).join(' | ').slice(0, 400) });
    }
  };
  try {
    for (const q of data.questions) await ask(q.id, q.lang, q.q, q.expect, `eval-${q.id}`);
    for (const c of data.conversations) {
      const shape = n++;
      for (const [i, t] of c.turns.entries()) await ask(`${c.id}#${i + 1}`, c.lang, t.q, t.expect, `eval-${c.id}`, shape);
    }
  } finally {
    await app.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}
