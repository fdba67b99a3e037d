import { strict as assert } from 'node:assert';
import { cellAnswer, columnAnswer, matrixAnswer, rowAnswer } from '../../src/answers/supportAnswers';
import type { Client, Server } from '../../src/knowledge/knowledgeBase';
import { realKnowledge } from '../helpers/knowledge';

describe('support answers (real knowledge base)', () => {
  const kb = realKnowledge();
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
    assert.match(a.headline, /^Partiellement\. Office Communicator 2007 R2/);
    assert.equal(a.notes[0]?.marker, 3);
    assert.match(a.notes[0]?.text ?? '', /Lync Web App 2013/);
  });

  it('says "Not applicable" for Group Chat on Lync Server 2013', () => {
    assert.match(cellAnswer(kb, [{ client: client('lync2010-groupchat'), server: server('ls2013') }], 'en').headline, /^Not applicable\./);
  });

  it('answers a client across servers with a row per server', () => {
    const a = rowAnswer(kb, client('lwa2013'), 'en');
    assert.equal(a.headline, 'Lync Web App 2013 is supported on Lync Server 2013; not supported on Lync Server 2010 and Office Communications Server 2007 R2.');
    assert.equal(a.table?.rows.length, 3);
  });

  it('answers a server across clients with a row per client and footnotes', () => {
    const a = columnAnswer(kb, server('ls2013'), 'en');
    assert.equal(a.table?.rows.length, 11);
    assert.deepEqual(a.notes.map((n) => n.marker), [2, 3]);
  });

  it('shows the whole matrix: 11 rows × (client + 3 servers), 3 footnotes', () => {
    const a = matrixAnswer(kb, 'en');
    assert.equal(a.table?.columns.length, 4);
    assert.equal(a.table?.rows.length, 11);
    assert.equal(a.notes.length, 3);
    const attendee = a.table?.rows.find((r) => r[0]?.text === 'Lync 2010 Attendee');
    assert.equal(attendee?.[1]?.text, 'Not supported');
    assert.equal(attendee?.[1]?.note, 2);
  });
});
