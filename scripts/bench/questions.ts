import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** A question as a user would ask it, with its language. */
export interface Question {
  q: string;
  lang: 'en' | 'fr';
}

const Lang = z.enum(['en', 'fr']);
/** The part of the evaluation file the bench reads (the harness's own schema would load the whole app). */
const Questions = z.object({
  questions: z.array(z.object({ q: z.string(), lang: Lang })),
  conversations: z.array(z.object({ lang: Lang, turns: z.array(z.object({ q: z.string() })) })).default([]),
});

/** Every question of the evaluation set (single questions and conversation turns), English and French. */
export function loadQuestions(file: string): Question[] {
  const data = Questions.parse(parse(readFileSync(file, 'utf8')));
  return [
    ...data.questions.map(({ q, lang }) => ({ q, lang })),
    ...data.conversations.flatMap((c) => c.turns.map(({ q }) => ({ q, lang: c.lang }))),
  ];
}

/** Conversations the load rotates over: concurrent turns on one conversation would collide on its state. */
export const CONVERSATIONS = 500;

/** A fixed send time, so that both bots get byte-identical requests. */
const TIMESTAMP = '2025-01-15T10:00:00.000Z';

/**
 * Request `i` of the stream as Teams sends a personal-chat message: conversation `i mod 500`, question
 * `i mod n`. The same `i` gives the same body whichever bot it goes to.
 */
export function messageBody(i: number, questions: readonly Question[], serviceUrl: string): string {
  const { q, lang } = questions[i % questions.length] as Question;
  const c = i % CONVERSATIONS;
  return JSON.stringify({
    type: 'message',
    id: `bench-${i}`,
    timestamp: TIMESTAMP,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:bench-user-${c}`, name: 'Bench User', aadObjectId: `00000000-0000-0000-0000-${String(c).padStart(12, '0')}` },
    recipient: { id: '28:bench-bot', name: 'Bench Bot' },
    conversation: { conversationType: 'personal', tenantId: 'bench-tenant', id: `a:bench-${c}` },
    channelData: { tenant: { id: 'bench-tenant' } },
    text: q,
    textFormat: 'plain',
    locale: lang === 'fr' ? 'fr-FR' : 'en-US',
  });
}
