import { strict as assert } from 'node:assert';
import { fixtureKnowledge, realKnowledge } from '../helpers/knowledge';
import { knowledgeViolations, rebuiltKnowledge } from '../helpers/knowledgeInvariants';

/**
 * The rule for tests: invariants on `knowledge/`, counts and contents on the fixture. These are the
 * invariants; they hold on any knowledge base the bot should run on, whatever its size.
 */
describe('knowledge invariants', () => {
  it('hold on the real knowledge base', () => {
    assert.deepEqual(knowledgeViolations(realKnowledge()), []);
  });

  it('hold on the fixture knowledge base', () => {
    assert.deepEqual(knowledgeViolations(fixtureKnowledge()), []);
  });

  describe('each can fail (checked on edited copies of the fixture, past the loader)', () => {
    const violations = (edit: Parameters<typeof rebuiltKnowledge>[1]): string[] =>
      knowledgeViolations(rebuiltKnowledge(fixtureKnowledge(), edit));

    it('a client without a cell on a server, a duplicate cell, a cell off the matrix, an unknown footnote', () => {
      assert.deepEqual(
        violations((p) => {
          p.support.matrix = p.support.matrix.filter((c) => !(c.client === 'lync2013' && c.server === 'ocs2007r2'));
          p.support.matrix.push({ ...p.support.matrix[0]!, footnote: 9 });
          p.support.matrix.push({ client: 'lync2013', server: 'ls2010', status: 'supported', source: '000_d35094426f230cb5.txt' });
        }),
        [
          'matrix: 2 cells for client lync2013 on server ls2013 (want 1)',
          'matrix: 0 cells for client lync2013 on server ocs2007r2 (want 1)',
          'matrix: a cell for lync2013 on ls2010, which is not a client × server pair',
        ],
      );
      assert.deepEqual(
        violations((p) => {
          p.support.matrix[0] = { ...p.support.matrix[0]!, footnote: 9 };
        }),
        ['matrix: lync2013 on ls2013: unknown footnote 9'],
      );
    });

    it('a footnote nothing refers to', () => {
      assert.deepEqual(
        violations((p) => {
          p.support.matrix = p.support.matrix.map(({ footnote: _unused, ...c }) => c);
        }),
        ['footnote 1: no cell carries it and it is about no client'],
      );
    });

    it('a fact naming a seed file that sources.yaml does not list', () => {
      assert.deepEqual(
        violations((p) => {
          p.sources = p.sources.filter((s) => s.file !== '004_62191a53141df5f3.txt');
        }),
        [
          'frontend.topics[0].source: "004_62191a53141df5f3.txt" is not listed in sources.yaml',
          'frontend.topics[1].source: "004_62191a53141df5f3.txt" is not listed in sources.yaml',
        ],
      );
    });

    it('an intent without phrases in a language, or trained but answering nothing', () => {
      assert.deepEqual(
        violations((p) => {
          const port = p.training.find((e) => e.intent === 'frontend.port')!;
          port.utterances.fr = [];
          p.training = p.training.filter((e) => e.intent !== 'frontend.editions');
          p.training.push({ intent: 'weather.today', utterances: { en: ['weather'], fr: ['météo'] }, tests: { en: [], fr: [] } });
        }),
        [
          'training: intent frontend.port has no fr training phrases',
          'training: intent frontend.editions has no training phrases',
          'training: intent weather.today answers nothing',
        ],
      );
    });

    it('a sentence of the bot missing in French, or with other placeholders than in English', () => {
      assert.deepEqual(
        violations((p) => {
          p.bot.messages.thanks = { en: 'You are welcome.', fr: ' ' };
          p.support.statuses.supported.headline = { en: 'Yes. {client} on {server}.', fr: 'Oui. {client}.' };
        }),
        [
          'bot.yaml: messages.thanks: missing in a language',
          'support-matrix: statuses.supported.headline: placeholders {client,server} in English, {client} in French',
        ],
      );
    });

    it('a name or alias that does not lead to its product', () => {
      // Lync 2013 given Office Communicator 2007 R2's name: the name now leads to Lync 2013.
      assert.deepEqual(
        violations((p) => {
          p.support.clients[0]!.aliases.push('Office Communicator 2007 R2');
        }),
        ['client oc2007r2: "Office Communicator 2007 R2" is read as client:lync2013'],
      );
    });
  });
});
