import { strict as assert } from 'node:assert';
import { cellAnswer, columnAnswer, matrixAnswer, rowAnswer } from '../../src/answers/supportAnswers';
import type { Client, Server } from '../../src/knowledge/knowledgeBase';
import { fixtureKnowledge } from '../helpers/knowledge';

describe('support answers (fixture knowledge base: 4 clients × 2 servers)', () => {
  const kb = fixtureKnowledge();
  const client = (id: string): Client => kb.client(id) as Client;
  const server = (id: string): Server => kb.server(id) as Server;

  it('answers a supported pair with "Yes" first', () => {
    const a = cellAnswer(kb, [{ client: client('lync2010'), server: server('ls2013') }], 'en');
    assert.equal(a.headline, 'Yes. Lync 2010 is supported on Lync Server 2013.');
    assert.equal(a.tone, 'good');
    assert.equal(a.sources[0]?.file, '000_d35094426f230cb5.txt');
  });

  it('explains the footnote of an interoperable pair, in French', () => {
    const a = cellAnswer(kb, [{ client: client('oc2007r2'), server: server('ls2013') }], 'fr');
    assert.match(a.headline, /^Partiellement\. Office Communicator 2007 R2 interagit avec Lync Server 2013/);
    assert.equal(a.tone, 'warning');
    assert.equal(a.notes[0]?.marker, 1);
    assert.match(a.notes[0]?.text ?? '', /mais pas ses fonctionnalités de conférence/);
  });

  it('says "Not applicable" for Group Chat on Lync Server 2013', () => {
    assert.match(cellAnswer(kb, [{ client: client('lync2010-groupchat'), server: server('ls2013') }], 'en').headline, /^Not applicable\./);
  });

  it('answers a client across servers with a row per server', () => {
    const a = rowAnswer(kb, client('oc2007r2'), 'en');
    assert.equal(
      a.headline,
      'Office Communicator 2007 R2 is supported on Office Communications Server 2007 R2; interoperable on Lync Server 2013.',
    );
    assert.deepEqual(
      a.table?.rows.map((r) => r.map((c) => c.text)),
      [
        ['Lync Server 2013', 'Interoperable'],
        ['Office Communications Server 2007 R2', 'Supported'],
      ],
    );
    assert.deepEqual(
      a.notes.map((n) => n.marker),
      [1],
    );
  });

  it('answers a server across clients with a row per client, grouped by status, and footnotes', () => {
    const a = columnAnswer(kb, server('ls2013'), 'en');
    assert.equal(
      a.headline,
      'On Lync Server 2013, supported: Lync 2013 and Lync 2010; not applicable: Lync 2010 Group Chat; interoperable: Office Communicator 2007 R2.',
    );
    assert.deepEqual(
      a.table?.rows.map((r) => r[0]?.text),
      ['Lync 2013', 'Lync 2010', 'Lync 2010 Group Chat', 'Office Communicator 2007 R2'],
    );
    assert.deepEqual(
      a.notes.map((n) => n.marker),
      [1],
    );
  });

  it('shows the whole matrix: 4 rows × (client + 2 servers, short names in the header), 1 footnote', () => {
    const a = matrixAnswer(kb, 'en');
    assert.equal(a.headline, 'Here is the support of 4 clients on 2 servers.');
    assert.deepEqual(a.table?.columns, ['Client', 'Lync Server 2013', 'OCS 2007 R2']);
    assert.deepEqual(
      a.table?.rows.map((r) => r.map((c) => c.text)),
      [
        ['Lync 2013', 'Supported', 'Not supported'],
        ['Lync 2010', 'Supported', 'Not supported'],
        ['Lync 2010 Group Chat', 'Not applicable', 'Not applicable'],
        ['Office Communicator 2007 R2', 'Interoperable', 'Supported'],
      ],
    );
    assert.equal(a.table?.rows[3]?.[1]?.note, 1);
    assert.equal(a.notes.length, 1);
  });
});
