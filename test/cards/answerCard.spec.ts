import { strict as assert } from 'node:assert';
import { cannotAnswer, helpAnswer, promptAnswer } from '../../src/answers/metaAnswers';
import { providersAnswer } from '../../src/answers/publicImAnswers';
import { cellAnswer, columnAnswer, matrixAnswer, rowAnswer } from '../../src/answers/supportAnswers';
import { topicAnswer } from '../../src/answers/topicAnswer';
import { CARD_VERSION, MAX_CARD_BYTES, attachmentBytes } from '../../src/cards/adaptiveCard';
import { answerAttachment, answerCard } from '../../src/cards/answerCard';
import { linkTarget, literal, marker } from '../../src/cards/cardParts';
import type { Client, Server } from '../../src/knowledge/knowledgeBase';
import { SAMPLE_DATE, sampleAnswers } from '../../scripts/lib/cardSamples';
import { cardRecords, nodes, ofType, submits, tableRows, texts } from '../helpers/cards';
import { realKnowledge } from '../helpers/knowledge';

/** Elements and properties that exist in Adaptive Cards 1.5 and that the builders use. */
const ALLOWED_TYPES = new Set([
  'TextBlock',
  'RichTextBlock',
  'TextRun',
  'FactSet',
  'Table',
  'TableRow',
  'TableCell',
  'Container',
  'ColumnSet',
  'Column',
  'ActionSet',
  'Action.Submit',
  'Action.OpenUrl',
  'Action.Execute',
  'Input.ChoiceSet',
  'Input.Text',
]);

/** Footnote markers as cards write them (superscript digits: ¹, ², ¹²). */
const MARKERS = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
const MARKER_AT_END = / [⁰¹²³⁴⁵⁶⁷⁸⁹]+$/;

describe('answer cards (real knowledge base)', () => {
  const kb = realKnowledge();
  const client = (id: string): Client => kb.client(id) as Client;
  const server = (id: string): Server => kb.server(id) as Server;
  const context = { question: 'is lync 2010 ok on lync 2013?', intent: 'support.cell' };

  describe('every card', () => {
    for (const { name, answer } of sampleAnswers(kb)) {
      it(`${name}: version 1.5, under 80 KB, fallback text, the user's language, 1.5 elements only`, () => {
        const attachment = answerAttachment(kb, answer, context);
        assert.ok(attachment, 'a card');
        assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
        const card = answerCard(kb, answer, context);
        assert.equal(card?.version, CARD_VERSION);
        assert.equal(card?.version, '1.5');
        assert.ok(attachmentBytes(attachment) < MAX_CARD_BYTES, `${attachmentBytes(attachment)} bytes`);
        assert.ok(
          card?.fallbackText.startsWith(answer.headline.replace(/</g, '&lt;').replace(/>/g, '&gt;')),
          'fallback text starts with the answer',
        );
        assert.equal(card?.lang, answer.lang);
        for (const n of nodes(card?.body)) assert.ok(ALLOWED_TYPES.has(n.type), `unexpected element ${n.type}`);
      });
    }
  });

  it('states a single status plainly and coloured, with its footnote and source', () => {
    const card = answerCard(kb, cellAnswer(kb, [{ client: client('oc2007r2'), server: server('ls2013') }], 'en'), context);
    const [badge] = ofType(card, 'Container');
    assert.equal(badge?.style, 'warning', "on the tone's tint");
    assert.equal((badge?.items as { text: string }[])[0]?.text, kb.status('interoperable').label.en);
    assert.ok(
      texts(card).some((t) => t === kb.footnote(3)?.text.en),
      'footnote 3 explained, without a marker (no table)',
    );
    const source = texts(card).find((t) => t.startsWith('Source:'));
    const url = kb.source('000_d35094426f230cb5.txt')?.url ?? '';
    assert.ok(source?.includes(`(${linkTarget(url)})`), source);
    assert.ok(source?.includes(kb.source('000_d35094426f230cb5.txt')?.title.en ?? '-'), source);
  });

  it('tints a "not supported" status as attention', () => {
    const card = answerCard(kb, cellAnswer(kb, [{ client: client('lync2010-attendee'), server: server('ls2013') }], 'en'));
    assert.equal(ofType(card, 'Container')[0]?.style, 'attention');
  });

  it('shows the whole matrix as one record per client: each server with its status on its tint, markers explained', () => {
    const card = answerCard(kb, matrixAnswer(kb, 'en'));
    assert.equal(ofType(card, 'Table').length, 0, 'no four-column table: it broke words on a phone');
    const found = cardRecords(card);
    assert.deepEqual(
      found.map((r) => r.name.replace(MARKER_AT_END, '')),
      kb.clients.map((c) => c.name),
    );
    for (const r of found)
      assert.deepEqual(
        r.fields.map((f) => f.label),
        kb.servers.map((s) => s.shortName ?? s.name),
        r.name,
      );
    const fields = found.flatMap((r) => r.fields);
    const tints = fields.map((f) => f.style);
    assert.ok(tints.includes('good') && tints.includes('attention') && tints.includes('warning'), 'statuses tinted by tone');
    for (const f of fields) {
      const label = f.value.replace(MARKER_AT_END, '');
      const status = Object.values(kb.support.statuses).find((st) => st.label.en === label);
      assert.ok(status, `a status label: ${label}`);
      assert.equal(f.style, status.tone === 'neutral' ? 'default' : status.tone);
    }
    const used = new Set(fields.flatMap((f) => f.value.match(MARKERS) ?? []));
    assert.ok(used.size > 0, 'some statuses carry footnote markers');
    for (const m of used)
      assert.ok(
        texts(card).some((t) => t.startsWith(`${m} `)),
        `marker ${m} explained below`,
      );
  });

  it('shows one client across the servers and one server across the clients', () => {
    const row = tableRows(ofType(answerCard(kb, rowAnswer(kb, client('lwa2013'), 'en')), 'Table')[0] ?? { type: 'Table' });
    assert.deepEqual(
      row.map((r) => r[0]),
      ['Server', ...kb.servers.map((s) => s.name)],
    );
    const column = tableRows(ofType(answerCard(kb, columnAnswer(kb, server('ls2013'), 'fr')), 'Table')[0] ?? { type: 'Table' });
    assert.equal(column[0]?.[0], 'Client');
    assert.equal(column.length, kb.clients.length + 1);
  });

  it('lists the PIC providers with features, licensing and end of service, and how long ago it was', () => {
    const en = cardRecords(answerCard(kb, providersAnswer(kb, 'end', 'en', SAMPLE_DATE)));
    assert.deepEqual(
      en.map((r) => r.name),
      kb.providers.map((p) => p.name),
    );
    for (const r of en)
      assert.deepEqual(
        r.fields.map((f) => f.label),
        ['Federated features', 'Licensing', 'End of service'],
      );
    assert.ok(
      en.some((r) => r.name === 'AOL' && r.fields[2]?.value === '30 June 2014 (12 years ago)'),
      JSON.stringify(en),
    );
    const fr = cardRecords(answerCard(kb, providersAnswer(kb, 'end', 'fr', SAMPLE_DATE)));
    assert.ok(
      fr.some((r) => r.name === 'AOL' && r.fields[2]?.value === '30 juin 2014 (il y a 12 ans)'),
      JSON.stringify(fr),
    );
  });

  it('numbers the migration steps and puts the cmdlet in a monospace block that copies as written', () => {
    const topic = kb.topic('pchat.migration');
    assert.ok(topic);
    const card = answerCard(kb, topicAnswer(kb, topic, 'en'));
    const numbers = ofType(card, 'TextBlock')
      .filter((t) => /^\d+\\\.$/.test(String(t.text)))
      .map((t) => t.text);
    assert.deepEqual(
      numbers,
      topic.steps.map((_, i) => `${i + 1}\\.`),
      'numbers escaped: "1." alone is a Markdown list',
    );
    const runs = ofType(card, 'TextRun');
    for (const r of runs) assert.equal(r.fontType, 'Monospace');
    // One line per parameter, each but the last continued with " `": pasted into PowerShell, one command.
    const lines = runs.map((r) => String(r.text));
    assert.ok(lines.length > topic.code.length, 'split at the parameters');
    assert.deepEqual(
      lines
        .join('\n')
        .split(/(?<! `)\n/)
        .map((c) => c.replace(/ `\n/g, ' ')),
      topic.code.map((c) => c.text),
    );
    for (const l of lines) assert.ok(!/^.+ -[A-Z]/.test(l), `one parameter a line: ${l}`);
  });

  it('shows Exchange 2013 and Front End topics as fact sets', () => {
    for (const intent of ['exchange.overview', 'frontend.editions']) {
      const topic = kb.topic(intent);
      assert.ok(topic && topic.facts.length > 0, intent);
      const facts = ofType(answerCard(kb, topicAnswer(kb, topic, 'en')), 'FactSet')[0]?.facts as { title: string; value: string }[];
      assert.deepEqual(
        facts.map((f) => f.title),
        topic.facts.map((f) => f.label.en),
      );
    }
  });

  it('turns every example question of the help card into a button that asks it', () => {
    const card = answerCard(kb, helpAnswer(kb, 'fr', 'help'));
    const asked = submits(card).map((d) => d.question);
    assert.deepEqual(
      asked,
      kb.bot.examples.flatMap((g) => g.questions.map((q) => q.fr)),
    );
    assert.equal(submits(card).filter((d) => 'feedback' in d).length, 0, 'no feedback on help');
  });

  it("asks for feedback on every answer, carrying the question and the intent, in the user's language", () => {
    const card = answerCard(kb, rowAnswer(kb, client('lync2010'), 'fr'), context);
    const feedback = submits(card).filter((d) => 'feedback' in d);
    assert.deepEqual(
      feedback.map((d) => d.feedback),
      ['helpful', 'not_helpful'],
    );
    for (const d of feedback)
      assert.deepEqual({ question: d.question, intent: d.intent, kind: d.kind }, { ...context, kind: 'support-table' });
    assert.ok(texts(card).includes(kb.message('feedback_prompt', 'fr')));
  });

  it('offers many choices as a drop-down and a few as buttons', () => {
    const many = answerCard(
      kb,
      promptAnswer(
        kb,
        'en',
        'ask_client',
        kb.clients.map((c) => c.name),
      ),
    );
    const [choices] = ofType(many, 'Input.ChoiceSet');
    assert.equal(choices?.id, 'question');
    assert.equal((choices?.choices as unknown[]).length, kb.clients.length);
    const few = answerCard(
      kb,
      promptAnswer(
        kb,
        'en',
        'ask_server',
        kb.servers.map((s) => s.name),
      ),
    );
    assert.deepEqual(
      submits(few).map((d) => d.question),
      kb.servers.map((s) => s.name),
    );
  });

  it('answers "I can\'t answer that" with suggestions as buttons and no feedback', () => {
    const card = answerCard(kb, cannotAnswer(kb, 'en'));
    assert.ok(submits(card).length > 0);
    assert.ok(submits(card).every((d) => typeof d.question === 'string'));
  });

  it('needs no card for a short message', () => {
    assert.equal(answerCard(kb, { ...cannotAnswer(kb, 'en'), kind: 'message' }), undefined);
  });

  it('keeps cmdlet and parameter names whole in prose (non-breaking hyphens), other hyphens as they are', () => {
    assert.equal(literal('run New-CsPersistentChatEndpoint -SipAddress x'), 'run New\u2011CsPersistentChatEndpoint \u2011SipAddress x');
    assert.equal(literal('(New-CsPersistentChatEndpoint, see below)'), '(New\u2011CsPersistentChatEndpoint, see below)');
    assert.equal(
      literal('a well-known user, High-resolution photos, week-end, a-t-elle, 2010-2013'),
      'a well-known user, High-resolution photos, week-end, a-t-elle, 2010-2013',
    );
  });

  it('asks follow-up questions from tappable rows that show the whole question (a button title is cut)', () => {
    const card = answerCard(kb, topicAnswer(kb, kb.topic('pchat.migration') ?? assert.fail('topic'), 'en'));
    const rows = ofType(card, 'Container').filter((c) => c.selectAction !== undefined);
    assert.ok(rows.length > 0);
    for (const r of rows) {
      const question = (r.selectAction as { data: { question: string } }).data.question;
      assert.equal((r.items as { text: string }[])[0]?.text, `› ${literal(question)}`);
      assert.equal((r.items as { wrap: boolean }[])[0]?.wrap, true);
    }
    assert.equal(
      ofType(card, 'ActionSet')
        .flatMap((s) => s.actions as { title: string }[])
        .filter((a) => a.title.length > 12).length,
      0,
      'only short button titles',
    );
  });

  it('keeps knowledge text literal in Markdown', () => {
    assert.equal(literal('a *b* _c_ [d]'), 'a \\*b\\* \\_c\\_ \\[d\\]');
    assert.equal(literal('1. first'), '1\\. first');
    assert.equal(literal('- item'), '\\- item');
    assert.equal(literal('2013 was'), '2013 was');
    assert.equal(marker(3), '³');
    assert.equal(marker(12), '¹²');
  });
});
