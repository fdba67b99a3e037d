import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import { createBot } from '../../src/app';
import { parseConfig } from '../../src/config';
import type { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { loadKnowledge } from '../../src/knowledge/loader';
import { heldOutReport } from '../../src/nlu/heldOutReport';
import { copyKnowledge, realKnowledge } from '../helpers/knowledge';
import { visibleText } from '../../scripts/lib/activities';
import { GROWTH, growKnowledge } from '../helpers/knowledgeGrowth';
import { HELD_OUT_ACCURACY_FLOOR, knowledgeViolations } from '../helpers/knowledgeInvariants';

/**
 * The promise of "facts are data", kept: an administrator adds a client (a cell on every server) and a
 * subject (a topics file and its training phrases) to a copy of `knowledge/`, changes no code, and the
 * bot loads it, keeps every invariant, and answers about both.
 */
describe('a knowledge-only edit: one more client and a new subject (on a copy of knowledge/)', () => {
  let dir: string;
  let kb: KnowledgeBase;
  before(() => {
    dir = copyKnowledge();
    growKnowledge(dir);
    kb = loadKnowledge(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The bot's replies to one message in a fresh personal conversation. */
  async function ask(text: string, locale: string): Promise<Partial<Activity>[]> {
    const { bot } = createBot(
      parseConfig({}),
      pino({ level: 'silent' }),
      {
        storage: new MemoryStorage(),
        questionLog: { recordFeedback: async () => undefined, recordUnanswered: async () => undefined },
      },
      { knowledge: kb, now: () => new Date('2026-11-21T00:00:00Z') },
    );
    const adapter = new TestAdapter(async (context) => bot.run(context));
    await adapter.processActivity({
      type: 'message',
      text,
      locale,
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:1/',
      from: { id: 'user', name: 'Alex' },
      recipient: { id: 'bot', name: 'Lync Compat' },
      conversation: { id: `growth-${text}`, isGroup: false, name: '', conversationType: 'personal' },
    });
    return adapter.activeQueue.splice(0);
  }

  it('loads with the new client on every server and the new subject, and every invariant holds', () => {
    assert.equal(kb.clients.length, realKnowledge().clients.length + 1);
    for (const server of kb.servers) assert.ok(kb.cell(GROWTH.client.id, server.id), server.id);
    assert.ok(kb.subjects.some((s) => s.subject === 'edge'));
    assert.ok(kb.topic(GROWTH.intent));
    assert.deepEqual(knowledgeViolations(kb), []);
  });

  it("keeps the classifier above its floor, and classifies the new subject's held-out tests", () => {
    const report = heldOutReport(kb);
    assert.ok((report.accuracy ?? 0) >= HELD_OUT_ACCURACY_FLOOR, `held-out accuracy ${report.accuracy}`);
    const edge = report.intents.find((s) => s.intent === GROWTH.intent);
    assert.deepEqual(edge && { phrases: edge.phrases, tests: edge.tests, correct: edge.correct }, {
      phrases: { en: 16, fr: 16 },
      tests: 4,
      correct: 4,
    });
  });

  it('understands a question about the new client, in English and French: the answer names it', async () => {
    const [en] = await ask(GROWTH.questions.client.en, 'en-US');
    assert.match(visibleText(en ?? {}), /^Yes\. Contoso Softphone 7 is supported on Lync Server 2013\./);
    const [fr] = await ask(GROWTH.questions.client.fr, 'fr-FR');
    assert.match(visibleText(fr ?? {}), /^Oui\. Contoso Softphone 7 est pris en charge sur Lync Server 2013\./);
  });

  it('lists the new client in the support matrix and on each server', async () => {
    const [matrix] = await ask('show the client support matrix', 'en-US');
    assert.ok(JSON.stringify(matrix?.attachments ?? []).includes(GROWTH.client.name), 'a row for the new client');
    const [column] = await ask('which clients does Lync Server 2010 support?', 'en-US');
    assert.ok(visibleText(column ?? {}).includes(GROWTH.client.name), visibleText(column ?? {}));
  });

  it('answers a question on the new subject with its topic, in English and French', async () => {
    const topic = kb.topic(GROWTH.intent);
    const [en] = await ask(GROWTH.questions.subject.en, 'en-US');
    assert.ok(topic && visibleText(en ?? {}).startsWith(topic.answer.en), visibleText(en ?? {}));
    const [fr] = await ask(GROWTH.questions.subject.fr, 'fr-FR');
    assert.ok(topic && visibleText(fr ?? {}).startsWith(topic.answer.fr), visibleText(fr ?? {}));
  });
});
