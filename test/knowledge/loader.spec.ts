import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeInvalidError, KnowledgeUnreadableError } from '../../src/errors';
import { formatPath, loadKnowledge } from '../../src/knowledge/loader';
import { copyFixture, editYaml, fixtureKnowledge } from '../helpers/knowledge';

/** Loads a broken copy and returns the problems it reports. */
function problemsOf(dir: string): string[] {
  try {
    loadKnowledge(dir);
  } catch (err) {
    if (err instanceof KnowledgeInvalidError) return err.problems;
    throw err;
  }
  assert.fail('the knowledge base was accepted');
}

/** The loader on the fixture knowledge base (test/fixtures/knowledge) and on broken copies of it. */
describe('knowledge loader', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyFixture();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the fixture completely: 4 clients × 2 servers, 1 footnote, 2 providers, 1 subject, 18 intents', () => {
    const kb = fixtureKnowledge();
    assert.deepEqual(
      kb.clients.map((c) => c.id),
      ['lync2013', 'lync2010', 'lync2010-groupchat', 'oc2007r2'],
    );
    assert.deepEqual(
      kb.servers.map((s) => s.id),
      ['ls2013', 'ocs2007r2'],
    );
    assert.equal(kb.support.matrix.length, 8);
    assert.deepEqual(
      kb.support.footnotes.map((f) => f.id),
      [1],
    );
    assert.deepEqual(
      kb.providers.map((p) => p.id),
      ['skype', 'yahoo'],
    );
    assert.deepEqual(
      kb.subjects.map((s) => s.subject),
      ['frontend'],
    );
    assert.equal(kb.training.length, 18);
    assert.equal(kb.cell('oc2007r2', 'ls2013').status, 'interoperable');
    assert.equal(kb.cell('oc2007r2', 'ls2013').footnote, 1);
    assert.equal(kb.provider('yahoo')?.endOfService, '2014-06-30');
    assert.deepEqual(
      kb.deadlines().map((d) => d.id),
      ['pic:yahoo'],
    );
  });

  it('formats zod paths as people read them', () => {
    assert.equal(formatPath(['matrix', 3, 'status']), 'matrix[3].status');
    assert.equal(formatPath([]), '(root)');
  });

  it('names the file and field of a bad status', () => {
    editYaml(dir, 'support-matrix.yaml', (d) => {
      d.matrix[3].status = 'maybe';
    });
    const problems = problemsOf(dir);
    assert.ok(
      problems.some((p) => /support-matrix\.yaml: matrix\[3\]\.status: /.test(p)),
      problems.join('\n'),
    );
  });

  it('rejects a matrix with a missing cell', () => {
    editYaml(dir, 'support-matrix.yaml', (d) => {
      d.matrix.pop();
    });
    assert.ok(
      problemsOf(dir).some((p) => /support-matrix\.yaml: matrix: missing cell for client "oc2007r2" on server "ocs2007r2"/.test(p)),
    );
  });

  it('rejects a matrix server role the language data does not name', () => {
    editYaml(dir, 'support-matrix.yaml', (d) => {
      d.serverRole = 'gateway';
    });
    assert.ok(problemsOf(dir).some((p) => /support-matrix\.yaml: serverRole: unknown server role "gateway"/.test(p)));
  });

  it('rejects a shortening written out in another number of words, naming the file and the field', () => {
    editYaml(dir, 'language.yaml', (d) => {
      d.shortenings = { 'haute dispo': 'haute disponibilite de service' };
    });
    assert.ok(problemsOf(dir).some((p) => /language\.yaml: shortenings.*as many words/.test(p)));
  });

  it("rejects a procedure's first step or part past its steps", () => {
    editYaml(dir, 'front-end.yaml', (d) => {
      d.topics[0].steps = [
        { en: 'One.', fr: 'Un.' },
        { en: 'Two.', fr: 'Deux.' },
      ];
      d.topics[0].firstStep = 3;
      d.topics[0].phases = [{ from: 2, to: 4, title: { en: 'the window', fr: 'la fenêtre' }, terms: ['window'] }];
    });
    const problems = problemsOf(dir);
    assert.ok(
      problems.some((p) => /front-end\.yaml: topics\[0\]\.firstStep: firstStep 3 is past the topic's 2 steps/.test(p)),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /front-end\.yaml: topics\[0\]\.phases\[0\]: steps 2–4 are not a run/.test(p)),
      problems.join('\n'),
    );
  });

  it('rejects a fact that names no listed seed file', () => {
    editYaml(dir, 'public-im.yaml', (d) => {
      d.providers[0].source = '009_0000000000000000.txt';
    });
    assert.ok(problemsOf(dir).some((p) => /public-im\.yaml: providers\[0\]\.source: unknown source/.test(p)));
  });

  it('rejects a missing French text', () => {
    editYaml(dir, 'front-end.yaml', (d) => {
      delete d.topics[0].answer.fr;
    });
    assert.ok(problemsOf(dir).some((p) => /front-end\.yaml: topics\[0\]\.answer\.fr: /.test(p)));
  });

  it('rejects an alias that names two products', () => {
    editYaml(dir, 'support-matrix.yaml', (d) => {
      d.clients[0].aliases.push('Lync 2010');
    });
    assert.ok(
      problemsOf(dir).some((p) => /alias "Lync 2010" (also names|is)/.test(p)),
      problemsOf(dir).join('\n'),
    );
  });

  it('rejects a held-out test phrase that is also trained on', () => {
    editYaml(dir, 'training/meta.yaml', (d) => {
      d.intents[0].tests.en.push(d.intents[0].utterances.en[0]);
    });
    assert.ok(problemsOf(dir).some((p) => /training\/meta\.yaml: intents\[0\]\.tests\.en\[\d+\]: test phrase/.test(p)));
  });

  it('rejects a phrase of a guarded intent without its required words, and a required word not written folded', () => {
    editYaml(dir, 'training/meta.yaml', (d) => {
      const forget = d.intents.find((e: { intent: string }) => e.intent === 'forget');
      forget.utterances.en.push('what do you keep');
      forget.requiredWords[0].push('Löschen');
    });
    const problems = problemsOf(dir);
    assert.ok(
      problems.some((p) =>
        /training\/meta\.yaml: intents\[\d+\]\.utterances\.en\[\d+\]: "what do you keep" has none of requiredWords\[0\]/.test(p),
      ),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /requiredWords\[0\]\[\d+\]: "Löschen" is not one folded word \(write "loschen"\)/.test(p)),
      problems.join('\n'),
    );
  });

  it('rejects a trained intent that nothing answers', () => {
    editYaml(dir, 'training/meta.yaml', (d) => {
      d.intents[0].intent = 'weather.today';
    });
    assert.ok(problemsOf(dir).some((p) => /intent "weather\.today" has no topic/.test(p)));
  });

  it('rejects a topic outside its file subject', () => {
    editYaml(dir, 'front-end.yaml', (d) => {
      d.topics[0].intent = 'exchange.port';
    });
    assert.ok(problemsOf(dir).some((p) => /front-end\.yaml: topics\[0\]\.intent: .*must start with/.test(p)));
  });

  it('reports unreadable YAML with the file name', () => {
    writeFileSync(join(dir, 'front-end.yaml'), 'topics: [unclosed');
    assert.throws(
      () => loadKnowledge(dir),
      (err: unknown) => err instanceof KnowledgeUnreadableError && /front-end\.yaml: not valid YAML/.test(err.message),
    );
  });

  it('reports a missing folder', () => {
    assert.throws(() => loadKnowledge(join(dir, 'nope')), KnowledgeUnreadableError);
  });

  it('accepts a new subject file added by an administrator', () => {
    writeFileSync(
      join(dir, 'edge.yaml'),
      [
        'subject: edge',
        'title: { en: Edge, fr: Edge }',
        'topics:',
        '  - intent: edge.ports',
        '    source: 004_62191a53141df5f3.txt',
        '    title: { en: Edge ports, fr: Ports Edge }',
        '    answer: { en: An answer., fr: Une réponse. }',
      ].join('\n'),
    );
    editYaml(dir, 'training/meta.yaml', (d) => {
      d.intents.push({
        intent: 'edge.ports',
        utterances: { en: ['which ports does the edge use'], fr: ['quels ports pour le edge'] },
        tests: { en: [], fr: [] },
      });
    });
    assert.ok(loadKnowledge(dir).topic('edge.ports'));
  });
});
